/**
 * Realistic values for generated legacy data: valid credit codes, resident ID
 * numbers, mobiles, passports, Chinese and English organisation names, person
 * names and legacy login names. Identifying values are unique across a whole
 * generator run and across the four sources (each value kind is a bijection
 * of a counter, each source owning a quarter of the counter space), so rows
 * never collide with each other by accident.
 */
import { creditCodeCheckChar, residentIdCheckChar } from '../accounts/rules.ts';

/** Deterministic pseudo-random numbers in [0, 1) (mulberry32). */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export type Random = () => number;
export const pick = <T>(random: Random, list: readonly T[]): T => list[Math.floor(random() * list.length)]!;

// GB/T 2260 county-level division codes (real ones).
const DIVISIONS = ['110101', '110105', '110108', '120116', '310104', '310115', '320102', '330106', '370102', '420111', '440106', '440305', '500112', '510107', '610113'];
const MOBILE_PREFIXES = ['130', '131', '132', '135', '136', '137', '138', '139', '150', '151', '152', '155', '157', '158', '159', '166', '176', '177', '180', '181', '186', '187', '188', '189', '191', '198', '199'];

const SURNAMES = '王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤';
const GIVEN = '伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英华玉萍红玲丹宇鹏浩婷雪琳晨欣怡博文思远子涵俊杰佳慧志国建新海燕晓峰立志嘉瑞梓萱';
const FOREIGN_FIRST = ['James', 'Mary', 'John', 'Anna', 'David', 'Laura', 'Michael', 'Sophie', 'Thomas', 'Emma', 'Daniel', 'Olga', 'Pierre', 'Marie', 'Hans', 'Yuki', 'Kenji', 'Ivan', 'Elena', 'Carlos', 'Lucia', 'Ahmed', 'Fatima', 'Lars', 'Ingrid', 'Paolo', 'Giulia', 'Sanjay', 'Priya', 'Min-jun'];
const FOREIGN_LAST = ['Smith', 'Johnson', 'Brown', 'Müller', 'Schmidt', 'Dubois', 'Martin', 'Rossi', 'Bianchi', 'Tanaka', 'Suzuki', 'Ivanov', 'Petrova', 'García', 'López', 'Kim', 'Park', 'Nguyen', 'Andersson', 'Nielsen', 'Kowalski', 'Novak', 'Silva', 'Santos', "O'Brien", 'Wilson', 'Taylor', 'Singh', 'Khan', 'Cohen'];
const PASSPORT_COUNTRIES = ['GB', 'US', 'DE', 'FR', 'JP', 'KR', 'RU', 'IT', 'ES', 'CA', 'AU', 'SE'];
const PINYIN_STEMS = ['bjhx', 'shzk', 'gzty', 'szxr', 'hzzl', 'njdk', 'cdhn', 'whds', 'xaxc', 'tjyt', 'jnhz', 'cqzy', 'szlc', 'hfjh', 'csmd', 'xmat', 'qdhr', 'dlgz', 'syxt', 'zzbt'];
const EXPERT_STEMS = ['expert', 'prof', 'dr', 'wz', 'fe', 'zj', 'visit', 'sci'];

const CITIES = ['北京', '上海', '广州', '深圳', '杭州', '南京', '成都', '武汉', '西安', '天津', '济南', '重庆', '苏州', '合肥', '长沙', '厦门', '青岛', '大连', '沈阳', '郑州', '福州', '昆明', '南昌', '宁波', '无锡', '东莞', '佛山', '珠海', '常州', '哈尔滨'];
const CITIES_EN = ['Beijing', 'Shanghai', 'Guangzhou', 'Shenzhen', 'Hangzhou', 'Nanjing', 'Chengdu', 'Wuhan', "Xi'an", 'Tianjin', 'Jinan', 'Chongqing', 'Suzhou', 'Hefei', 'Changsha', 'Xiamen', 'Qingdao', 'Dalian', 'Shenyang', 'Zhengzhou', 'Fuzhou', 'Kunming', 'Nanchang', 'Ningbo', 'Wuxi', 'Dongguan', 'Foshan', 'Zhuhai', 'Changzhou', 'Harbin'];
const WORDS = [
  '华信', '中科', '博远', '天宇', '金石', '瑞丰', '恒通', '新锐', '智联', '达康', '海纳', '鼎盛', '星辰', '云图', '汇智', '卓越', '联创', '嘉禾', '明德', '安泰',
  '宏图', '同方', '正邦', '启明', '远景', '凯达', '万象', '德润', '华夏', '东方', '长城', '泰和', '盛世', '永信', '广达', '蓝海', '银河', '北斗', '朗润', '方正',
  '九州', '普华', '众合', '天成', '信达', '中航', '华创', '力拓', '精诚', '大洋', '新元', '亿丰', '鸿蒙', '思源', '致远', '创新', '高科', '融通', '锦程', '和信',
  '龙腾', '凤凰', '紫光', '青云', '赛博', '瀚海', '晶华', '康健', '清源', '恒瑞', '博雅', '凯旋', '祥瑞', '润泽', '宇通', '鑫源', '合力', '优品', '卓信', '英华',
];
const EN_A = ['Sino', 'Nova', 'Astra', 'Brio', 'Cora', 'Delta', 'Echo', 'Flux', 'Gala', 'Hexa'];
const EN_B = ['tech', 'gen', 'core', 'link', 'wave', 'soft', 'tron', 'vista'];
const INDUSTRIES = ['科技', '信息技术', '生物医药', '新材料', '电子', '软件', '智能装备', '环保科技', '新能源', '医疗器械', '网络科技', '光电', '精密机械', '化工', '数据科技', '农业科技', '航空科技', '汽车技术', '通信技术', '检测技术'];
const INDUSTRIES_EN = ['Technology', 'Information Technology', 'Biopharma', 'New Materials', 'Electronics', 'Software', 'Smart Equipment', 'Environmental Technology', 'New Energy', 'Medical Devices', 'Network Technology', 'Optoelectronics', 'Precision Machinery', 'Chemicals', 'Data Technology', 'Agritech', 'Aviation Technology', 'Automotive Technology', 'Communication Technology', 'Testing Technology'];
const FORMS = ['有限公司', '股份有限公司', '有限责任公司'];
const FORMS_EN = ['Co., Ltd.', 'Holdings Co., Ltd.', 'Group Co., Ltd.'];

/** k -> (k * A + B) mod N, a bijection of [0, N) when A is coprime with N. */
function permutation(n: number, multiplier: number, offset: number) {
  return (k: number) => (k * multiplier + offset) % n;
}

/** GB 11714 check character of an 8-digit organisation code. */
function organizationCodeCheckChar(digits: string): string {
  const weights = [3, 7, 9, 10, 5, 8, 4, 2];
  let sum = 0;
  for (let i = 0; i < 8; i++) sum += Number(digits[i]) * weights[i]!;
  const c = 11 - (sum % 11);
  return c === 10 ? 'X' : c === 11 ? '0' : String(c);
}

const ORG_NAME_SPACE = CITIES.length * WORDS.length * WORDS.length * INDUSTRIES.length * FORMS.length;

/**
 * Unique identifying values for one source of one run. `sourceIndex` (0..3)
 * picks the source's quarter of every counter space; `seed` shifts the values.
 */
export function uniqueValues(seed: number, sourceIndex: number, random: Random) {
  const counters = new Map<string, number>();
  /** The next unused counter of `kind` in this source's quarter of `space`. */
  const next = (kind: string, space: number): number => {
    const quarter = Math.floor(space / 4);
    const k = counters.get(kind) ?? 0;
    if (k >= quarter) throw new Error(`generator: more than ${quarter} values of ${kind} per source`);
    counters.set(kind, k + 1);
    return sourceIndex * quarter + k;
  };
  // One bijection per kind of value (multipliers are primes above 5: coprime with every space here).
  const MULTIPLIERS: Record<string, number> = { mobile: 7_368_787, creditCode: 6_972_593, passport: 3_021_377, loginName: 1_398_269, residentId: 1_299_709, organizationName: 1_000_003 };
  const unique = (kind: string, space: number): number => {
    const offset = Math.imul(seed ^ MULTIPLIERS[kind]!, 0x9e3779b1) >>> 0;
    return permutation(space, MULTIPLIERS[kind]!, offset % space)(next(kind, space));
  };
  const birthSpace = 20_000 * 1000;
  const pad8 = (n: number) => String(n).padStart(8, '0');

  return {
    mobile(): string {
      return pick(random, MOBILE_PREFIXES) + pad8(unique('mobile', 100_000_000));
    },
    creditCode(): string {
      const digits = pad8(unique('creditCode', 100_000_000));
      const first17 = `91${pick(random, DIVISIONS)}${digits}${organizationCodeCheckChar(digits)}`;
      return first17 + creditCodeCheckChar(first17);
    },
    residentId(): string {
      const n = unique('residentId', birthSpace);
      const day = new Date(Date.UTC(1950, 0, 1) + (n % 20_000) * 86_400_000);
      const date = day.toISOString().slice(0, 10).replaceAll('-', '');
      const first17 = `${pick(random, DIVISIONS)}${date}${String(Math.floor(n / 20_000)).padStart(3, '0')}`;
      return first17 + residentIdCheckChar(first17);
    },
    passport(): string {
      return pick(random, PASSPORT_COUNTRIES) + pad8(unique('passport', 100_000_000));
    },
    /** Chinese (北京华信博远科技有限公司) or, with `english`, an English name with a comma. */
    organizationName(english = false): string {
      let n = unique('organizationName', ORG_NAME_SPACE);
      const digit = (size: number) => {
        const d = n % size;
        n = Math.floor(n / size);
        return d;
      };
      const city = digit(CITIES.length), w1 = digit(WORDS.length), w2 = digit(WORDS.length), industry = digit(INDUSTRIES.length), form = digit(FORMS.length);
      if (!english) return `${CITIES[city]}${WORDS[w1]}${WORDS[w2]}${INDUSTRIES[industry]}${FORMS[form]}`;
      const word = (i: number) => EN_A[i % EN_A.length]! + EN_B[Math.floor(i / EN_A.length)]!;
      return `${word(w1)} ${word(w2)} ${INDUSTRIES_EN[industry]} (${CITIES_EN[city]}) ${FORMS_EN[form]}`;
    },
    /** A legacy-style login name: a stem and unique digits (bjhx20150123). */
    loginName(kind: 'employer' | 'expert' | 'platform'): string {
      const digits = pad8(unique('loginName', 100_000_000));
      if (kind === 'employer') return pick(random, PINYIN_STEMS) + digits;
      if (kind === 'expert') return `${pick(random, EXPERT_STEMS)}_${digits}`;
      return `user_${digits}`;
    },
  };
}

export function chineseName(random: Random): string {
  const given = Math.floor(random() * GIVEN.length);
  const second = random() < 0.6 ? GIVEN[Math.floor(random() * GIVEN.length)] : '';
  return SURNAMES[Math.floor(random() * SURNAMES.length)]! + GIVEN[given]! + second;
}

export function foreignName(random: Random): string {
  return `${pick(random, FOREIGN_FIRST)} ${pick(random, FOREIGN_LAST)}`;
}

const SALT_CHARS = 'ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789';
const SALT_SPECIAL = ',":$!@#';

/** A salt of 8-16 characters; now and then with characters that need CSV quoting or storage escaping. */
export function salt(random: Random): string {
  const length = 8 + Math.floor(random() * 9);
  let out = '';
  for (let i = 0; i < length; i++) out += SALT_CHARS[Math.floor(random() * SALT_CHARS.length)];
  if (random() < 0.05) out = out.slice(0, 3) + pick(random, [...SALT_SPECIAL]) + out.slice(3);
  return out;
}
