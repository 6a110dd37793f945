import { createSecretKey } from 'node:crypto';
import type { PersonalDataCipher } from '../platform/personal-data.ts';
import { hmacSm3 } from './sm3.ts';
import { SM4_IV_BYTES, SM4_TAG_BYTES, deriveSm4Keys, sm4Nonces, sm4Open, sm4Seal } from './sm4.ts';

/**
 * The national suite's personal data at rest: SM4-CTR with an HMAC-SM3 tag (sm4.ts), lookup hashes
 * with HMAC-SM3. Every value says what it is, so a value's suite and key version are recognisable:
 *  - text:  "sm4:<key version>:<iv>:<tag>:<ciphertext>" (base64 fields; the international one is "v1:…");
 *  - files: "SM4" 0x01 | key version (uint32 BE) | iv (16) | tag (32) | ciphertext.
 * The key version is 1 until keys are rotated (issue 20, item 3); the tag covers it.
 */
export const NATIONAL_TEXT_FORMAT = 'sm4';
export const NATIONAL_FILE_MAGIC = Buffer.from([0x53, 0x4d, 0x34, 0x01]);
const KEY_VERSION = 1;
const FILE_HEADER_BYTES = NATIONAL_FILE_MAGIC.length + 4;

export function nationalPersonalDataCipher(raw: { personalData: Buffer; lookup: Buffer }): PersonalDataCipher {
  const keys = deriveSm4Keys(raw.personalData);
  const lookup = createSecretKey(raw.lookup);
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
      return sm4Open(keys, sealed).toString('utf8');
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
      return sm4Open(keys, sealed);
    },
    lookupHash(kind, value) {
      return hmacSm3(lookup, `${kind}:${value.trim().toUpperCase()}`).toString('hex');
    },
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
