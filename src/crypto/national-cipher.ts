import { createSecretKey } from 'node:crypto';
import type { PersonalDataCipher } from '../platform/personal-data.ts';
import { hmacSm3, sm3 } from './sm3.ts';
import { SM4_IV_BYTES, SM4_TAG_BYTES, deriveSm4Keys, sm4Nonces, sm4Open, sm4Seal, type Sm4Keys } from './sm4.ts';
import { keyOf, type KeyRing } from './keys/key-ring.ts';

/**
 * The national suite's personal data at rest: SM4-CTR with an HMAC-SM3 tag (sm4.ts), lookup hashes
 * with HMAC-SM3. Every value says what it is, so a value's suite and key version are recognisable:
 *  - text:  "sm4:<key version>:<iv>:<tag>:<ciphertext>" (base64 fields; the international one is "v2:<key version>:…", formerly "v1:…");
 *  - files: "SM4" 0x01 | key version (uint32 BE) | iv (16) | tag (32) | ciphertext.
 * The key version is the key provider's current one (src/crypto/keys/); decryption picks the key by
 * the stored version, which the tag covers.
 */
export const NATIONAL_TEXT_FORMAT = 'sm4';
export const NATIONAL_FILE_MAGIC = Buffer.from([0x53, 0x4d, 0x34, 0x01]);
const FILE_HEADER_BYTES = NATIONAL_FILE_MAGIC.length + 4;

export function nationalPersonalDataCipher(ring: KeyRing, lookupKey: Buffer): PersonalDataCipher {
  const derived = new Map<number, Sm4Keys>([...ring.keys].map(([version, key]) => [version, deriveSm4Keys(key)]));
  const keysFor = (version: number) => derived.get(version) ?? deriveSm4Keys(keyOf(ring, version));
  const KEY_VERSION = ring.current;
  const keys = keysFor(KEY_VERSION);
  const lookup = createSecretKey(lookupKey);
  const nonce = sm4Nonces();
  return {
    encrypt(plain) {
      const sealed = sm4Seal(keys, Buffer.from(plain, 'utf8'), nonce(), KEY_VERSION);
      return [NATIONAL_TEXT_FORMAT, String(sealed.keyVersion), sealed.iv.toString('base64'), sealed.tag.toString('base64'), sealed.body.toString('base64')].join(':');
    },
    decrypt(text) {
      const [format, version, iv, tag, body, extra] = text.split(':');
      if (format !== NATIONAL_TEXT_FORMAT || !version || !/^\d{1,9}$/.test(version) || !iv || !tag || body === undefined || extra !== undefined) {
        throw new Error('unknown ciphertext format');
      }
      const sealed = { keyVersion: Number(version), iv: Buffer.from(iv, 'base64'), tag: Buffer.from(tag, 'base64'), body: Buffer.from(body, 'base64') };
      return sm4Open(keysFor(sealed.keyVersion), sealed).toString('utf8');
    },
    encryptBytes(plain) {
      const sealed = sm4Seal(keys, plain, nonce(), KEY_VERSION);
      const version = Buffer.alloc(4);
      version.writeUInt32BE(sealed.keyVersion);
      return Buffer.concat([NATIONAL_FILE_MAGIC, version, sealed.iv, sealed.tag, sealed.body]);
    },
    decryptBytes(file) {
      if (!isNationalFile(file)) throw new Error('unknown ciphertext format');
      const ivAt = FILE_HEADER_BYTES;
      const tagAt = ivAt + SM4_IV_BYTES;
      const bodyAt = tagAt + SM4_TAG_BYTES;
      const sealed = { keyVersion: file.readUInt32BE(NATIONAL_FILE_MAGIC.length), iv: file.subarray(ivAt, tagAt), tag: file.subarray(tagAt, bodyAt), body: file.subarray(bodyAt) };
      return sm4Open(keysFor(sealed.keyVersion), sealed);
    },
    lookupHash(kind, value) {
      return hmacSm3(lookup, `${kind}:${value.trim().toUpperCase()}`).toString('hex');
    },
    tokenHash: (value) => sm3(value).toString('hex'),
  };
}

export function isNationalText(text: string): boolean {
  return text.startsWith(`${NATIONAL_TEXT_FORMAT}:`);
}

/**
 * A file in the national format: the magic and room for the header, IV and tag. An international file
 * (random 12-byte IV first) starts with the magic once in 2³² files: the tag check then refuses it.
 */
export function isNationalFile(file: Buffer): boolean {
  return file.length >= FILE_HEADER_BYTES + SM4_IV_BYTES + SM4_TAG_BYTES && file.subarray(0, NATIONAL_FILE_MAGIC.length).equals(NATIONAL_FILE_MAGIC);
}

/** The key version a national value was sealed with. */
export function nationalTextKeyVersion(text: string): number | undefined {
  const version = text.split(':', 3)[1];
  return isNationalText(text) && version && /^\d{1,9}$/.test(version) ? Number(version) : undefined;
}

export function nationalFileKeyVersion(file: Buffer): number | undefined {
  return isNationalFile(file) ? file.readUInt32BE(NATIONAL_FILE_MAGIC.length) : undefined;
}
