/** How authorisations read on the pages: systems with their roles, the validity period, dates. */
import dayjs from 'dayjs';

type Lang = 'zh' | 'en';

/** 人类遗传资源管理：事项办理员、单位事项管理员, one line per system. */
export function systemLines(systems: { name: string; roles: (string | { name: string })[] }[], lang: Lang): string[] {
  return systems.map((system) => {
    const roles = system.roles.map((role) => (typeof role === 'string' ? role : role.name));
    return `${system.name}${lang === 'zh' ? '：' : ': '}${roles.join(lang === 'zh' ? '、' : ', ')}`;
  });
}

/** 2026-01-01 至 2026-12-31; 长期有效 without bounds; one open end reads 起 / 止. */
export function periodText(validFrom: string | null, validTo: string | null, lang: Lang): string {
  if (!validFrom && !validTo) return lang === 'zh' ? '长期有效' : 'No time limit';
  if (validFrom && validTo) return `${validFrom} ${lang === 'zh' ? '至' : 'to'} ${validTo}`;
  if (validFrom) return lang === 'zh' ? `${validFrom} 起` : `from ${validFrom}`;
  return lang === 'zh' ? `至 ${validTo}` : `until ${validTo}`;
}

export const dateOf = (at: string) => dayjs(at).format('YYYY-MM-DD');
export const timeOf = (at: string) => dayjs(at).format('YYYY-MM-DD HH:mm:ss');
