/**
 * 账号检索 (SPEC §8): public, behind a captcha and rate limits. From what the import recorded
 * (legacy_import_rows), it tells a user which case applies to their former account, which
 * login window and which login name, in the seeds' words (guidance.ts). The login name told
 * is only ever built from what the user typed (the former name itself or with its prefix);
 * found by another key (an employer's credit code, an expert's mobile) it is withheld. Nothing
 * about anyone else's account is said: not whose account took a name, nor an organisation's
 * own login name.
 */
import { checkCreditCode, checkMobile, loginNameKey, normalizeCreditCode } from '../accounts/rules.ts';
import type { Db } from '../platform/db.ts';
import type { Platform } from '../platform/platform.ts';
import { HOUR, enforceLimit } from '../platform/rate-limit.ts';
import type { LegacyCaseId, LegacyDecision, LegacyNote, LoginWindow } from './cases.ts';
import { legacyGuidance, severalAccountsGuidance, unregisteredGuidance, type LegacyGuidance } from './guidance.ts';
import { legacyKey, mobileHash } from './import/keys.ts';
import type { LegacyLookupInput } from './lookup-schemas.ts';
import { prefixedLoginName, type LegacySource } from './sources.ts';

export const LOOKUP_LIMITS = {
  /** Lookups per IP address per hour. */
  perIpPerHour: 60,
  /** Lookups of the same credit code, mobile or login name per hour, from anywhere. */
  perQueryPerHour: 10,
};

interface StoredRow {
  outcome: string;
  conflict_reason: string | null;
  login_window: LoginWindow | null;
  login_name: string | null;
  notes: string[];
}

const COLUMNS = 'outcome, conflict_reason, login_window, login_name, notes';

function lookupStore(db: Db) {
  return {
    async byKey(source: LegacySource, key: string): Promise<StoredRow | undefined> {
      return (await db.query<StoredRow>(`select ${COLUMNS} from legacy_import_rows where source = $1 and legacy_key = $2`, [source, key]))[0];
    },
    async byCreditCode(source: LegacySource, code: string): Promise<StoredRow[]> {
      return db.query<StoredRow>(`select ${COLUMNS} from legacy_import_rows where source = $1 and credit_code_key = $2 limit 20`, [source, code]);
    },
    async byMobileHash(source: LegacySource, hash: string): Promise<StoredRow[]> {
      return db.query<StoredRow>(`select ${COLUMNS} from legacy_import_rows where source = $1 and mobile_hash = $2 limit 20`, [source, hash]);
    },
    async organizationHasLegalAccount(code: string): Promise<boolean> {
      const rows = await db.query(`select 1 from organizations o join accounts a on a.id = o.account_id and a.kind = 'legal' where o.code_key = $1`, [code]);
      return rows.length > 0;
    },
  };
}

/** The former login name as the user typed it, normalised as the source's file has it. */
function typedLoginName(source: LegacySource, query: string): string {
  return source === 'torch-company' ? normalizeCreditCode(query) : query.trim();
}

/**
 * The login name to tell: the typed name or its prefixed form, whichever the stored outcome
 * has; null when it was not found by the typed name, or for Torch personal 4.
 */
function loginNameToTell(source: LegacySource, row: StoredRow, typed: string | null): string | null {
  if (typed === null || row.outcome === 'torch-personal-4') return null;
  const prefixed = prefixedLoginName(source, typed);
  // Torch personal rows keep no login name (it holds the mobile): only case 3 has the prefix.
  if (row.login_name === null) return row.outcome === 'torch-personal-3' ? prefixed : typed;
  const stored = loginNameKey(row.login_name);
  if (stored === loginNameKey(prefixed)) return prefixed;
  return stored === loginNameKey(typed) ? typed : null;
}

/** The guidance of a stored outcome; `typed`: the former name typed, null when found by another key. */
function guidanceOf(source: LegacySource, row: StoredRow, typed: string | null): LegacyGuidance {
  if (row.outcome === 'conflict') return legacyGuidance({ case: 'conflict', source, reason: (row.conflict_reason ?? 'PREFIXED_NAME_TAKEN') as 'PREFIXED_NAME_TAKEN' });
  const loginName = loginNameToTell(source, row, typed);
  const decision: LegacyDecision = {
    case: row.outcome as LegacyCaseId,
    source,
    action: loginName ? { type: 'keep', loginName } : { type: 'none' },
    window: row.login_window ?? 'natural',
    loginName,
    password: 'legacy',
    grant: null,
    notes: row.notes as LegacyNote[],
  };
  return legacyGuidance(decision);
}

/** Several rows found by a credit code or a mobile: one answer if they all say the same, else ask for the login name. */
function guidanceOfMany(source: 'foreign-work' | 'foreign-expert', rows: StoredRow[]): LegacyGuidance | null {
  if (rows.length === 0) return null;
  const answers = rows.map((row) => guidanceOf(source, row, null));
  const first = JSON.stringify(answers[0]);
  return answers.every((a) => JSON.stringify(a) === first) ? answers[0]! : severalAccountsGuidance(source);
}

export function legacyLookup(platform: Platform) {
  const store = lookupStore(platform.db);
  const { cipher } = platform;

  async function answer(source: LegacySource, query: string): Promise<LegacyGuidance> {
    const typed = typedLoginName(source, query);
    const row = await store.byKey(source, legacyKey(source, typed, cipher));
    if (row) return guidanceOf(source, row, typed);
    if (source === 'foreign-work' && checkCreditCode(normalizeCreditCode(query)).ok) {
      const found = guidanceOfMany(source, await store.byCreditCode(source, normalizeCreditCode(query)));
      if (found) return found;
    }
    if (source === 'foreign-expert' && checkMobile(query.trim()).ok) {
      const found = guidanceOfMany(source, await store.byMobileHash(source, mobileHash(query.trim(), cipher)!));
      if (found) return found;
    }
    // Torch 1-1: not a Torch Centre account; whether the organisation has a legal account tells 第一种 from 第二种.
    if (source === 'torch-company') return unregisteredGuidance(source, await store.organizationHasLegalAccount(typed));
    return unregisteredGuidance(source);
  }

  return {
    /** The IP's limit first, then the captcha (spent either way), then the limit on what is looked up. */
    async lookup(input: LegacyLookupInput, ip: string): Promise<{ guidance: LegacyGuidance }> {
      await enforceLimit(platform.kv, 'legacy-lookup-ip', ip, { max: LOOKUP_LIMITS.perIpPerHour, windowMs: HOUR });
      await platform.captcha.verify(input.captchaId, input.captcha);
      // A keyed hash: the key-value store never holds a plain mobile or name.
      const queryKey = cipher.lookupHash('mobile', `legacy-lookup:${typedLoginName(input.source, input.query).toLowerCase()}`);
      await enforceLimit(platform.kv, 'legacy-lookup-query', queryKey, { max: LOOKUP_LIMITS.perQueryPerHour, windowMs: HOUR });
      return { guidance: await answer(input.source, input.query) };
    },
  };
}
