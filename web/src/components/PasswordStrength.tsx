import { Space, Tag } from 'antd';
import { PASSWORD_STRENGTH_LABELS, passwordStrength, type PasswordStrength as Strength } from '../../../src/accounts/rules.ts';
import { useI18n } from '../lib/i18n.tsx';

const ORDER: Strength[] = ['weak', 'medium', 'strong'];
const COLORS: Record<Strength, string> = { weak: 'red', medium: 'orange', strong: 'green' };

export interface PasswordStrengthProps {
  password: string | undefined;
  /** false where a form label already says 密码强度. */
  showLabel?: boolean;
}

/** 密码强度：弱 中 强 — the current level is highlighted and announced to screen readers. */
export function PasswordStrength({ password, showLabel = true }: PasswordStrengthProps) {
  const { t, lang } = useI18n();
  const level = password ? passwordStrength(password) : undefined;
  return (
    <Space role="status" aria-live="polite" aria-label={t('密码强度', 'Password strength')}>
      {showLabel && <span>{t('密码强度：', 'Strength: ')}</span>}
      {ORDER.map((s) => (
        <Tag key={s} color={level === s ? COLORS[s] : undefined} aria-current={level === s ? 'true' : undefined}>
          {PASSWORD_STRENGTH_LABELS[s][lang]}
        </Tag>
      ))}
    </Space>
  );
}
