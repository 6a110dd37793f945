/** POST /api/legacy/lookup (src/legacy/routes.ts): a source, what the user typed, the captcha; the answer's guidance. */
import type { LegacyGuidance } from '../../../src/legacy/guidance.ts';
import type { LegacyLookupInput } from '../../../src/legacy/lookup-schemas.ts';
import type { LegacySource } from '../../../src/legacy/sources.ts';
import { api } from '../lib/api.ts';

export type { LegacyGuidance, LegacySource };

export async function lookupLegacyAccount(request: LegacyLookupInput): Promise<LegacyGuidance> {
  const { guidance } = await api<{ guidance: LegacyGuidance }>('POST', '/api/legacy/lookup', request);
  return guidance;
}
