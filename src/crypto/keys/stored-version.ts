import { internationalFileKeyVersion } from '../../platform/personal-data.ts';
import { isNationalFile, nationalFileKeyVersion, nationalTextKeyVersion } from '../national-cipher.ts';

/**
 * The key version a stored value says it was sealed with, in either suite: `v1:…` (before versioned
 * keys) is 1, `v2:<version>:…` and `sm4:<version>:…` carry it; undefined for anything else.
 */
export function textKeyVersion(text: string): number | undefined {
  if (text.startsWith('v1:')) return 1;
  if (text.startsWith('v2:')) {
    const version = text.split(':', 3)[1];
    return version && /^[1-9]\d{0,8}$/.test(version) ? Number(version) : undefined;
  }
  return nationalTextKeyVersion(text);
}

/** A file's key version: the national header, the international header, or 1 (international files from before). */
export function fileKeyVersion(file: Buffer): number {
  return isNationalFile(file) ? nationalFileKeyVersion(file)! : internationalFileKeyVersion(file);
}
