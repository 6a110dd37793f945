import { createCipheriv, createDecipheriv, createHash, createHmac, createSecretKey, randomFillSync, type KeyObject } from 'node:crypto';
import { nationalPersonalDataCipher } from '../crypto/national-cipher.ts';
import { keyOf, singleKeyRing, type KeyRing } from '../crypto/keys/key-ring.ts';
import type { CryptoSuite } from './config.ts';

const ALGORITHM = 'aes-256-gcm';
const IV_BYTES = 12;
const TAG_BYTES = 16;
/** v1:<iv>:<tag>:<ct> (key version 1, before versioned keys); v2:<key version>:<iv>:<tag>:<ct>, the version authenticated (GCM AAD). */
const FORMAT_V1 = 'v1';
const FORMAT = 'v2';
/** Files: "AES" 0x02 | key version (uint32 BE) | iv (12) | tag (16) | ciphertext, the header authenticated; without it (older files) iv | tag | ciphertext under version 1. */
export const INTERNATIONAL_FILE_MAGIC = Buffer.from([0x41, 0x45, 0x53, 0x02]);
const FILE_HEADER_BYTES = INTERNATIONAL_FILE_MAGIC.length + 4;
const NONCES_PER_FILL = 4096;

/**
 * Personal data at rest: AES-256-GCM ciphertext for reading back, and a keyed hash
 * (HMAC-SHA-256) for lookups and uniqueness without decrypting. With CRYPTO_SUITE=national:
 * SM4-CTR with an HMAC-SM3 tag, and HMAC-SM3 (src/crypto/national-cipher.ts, its own formats).
 */
export interface PersonalDataCipher {
  encrypt(plain: string): string;
  decrypt(sealed: string): string;
  /** Files (uploaded scans), with the same keys (formats above and in national-cipher.ts). */
  encryptBytes(plain: Buffer): Buffer;
  decryptBytes(sealed: Buffer): Buffer;
  /** kind separates namespaces, so a phone number and a document number never share a hash. */
  lookupHash(kind: 'mobile' | 'document' | 'email', value: string): string;
  /** The suite's plain digest (SHA-256, or SM3) of a random secret stored only hashed: staff session ids, upload owners, tickets. */
  tokenHash(value: string): string;
}

/**
 * The keys become key objects once: from a raw key Node makes one at every call, which costs
 * more than the HMAC itself. Nonces are cut from a pooled random buffer: a randomBytes call per
 * value is a system call, more than the encryption (both measured in bench/import and bench/sso).
 */
export function personalDataCipher(raw: { personalData: Buffer; lookup: Buffer; ring?: KeyRing }, suite: CryptoSuite = 'international'): PersonalDataCipher {
  if (!raw.ring && raw.personalData.length === 0) throw new Error('no personal-data key yet: with KEY_PROVIDER=kms the keys are fetched first (resolveKeys)');
  const ring = raw.ring ?? singleKeyRing(raw.personalData);
  if (suite === 'national') return nationalPersonalDataCipher(ring, raw.lookup);
  const versions = new Map([...ring.keys.keys()].map((version) => [version, createSecretKey(keyOf(ring, version))]));
  const keyFor = (version: number) => versions.get(version) ?? createSecretKey(keyOf(ring, version));
  const current = { version: ring.current, key: keyFor(ring.current) };
  const lookup = createSecretKey(raw.lookup);
  const nonce = nonces();
  const open = (key: KeyObject, iv: Buffer, tag: Buffer, body: Buffer, header?: Buffer) => {
    const decipher = createDecipheriv(ALGORITHM, key, iv);
    if (header) decipher.setAAD(header);
    decipher.setAuthTag(tag);
    return Buffer.concat([decipher.update(body), decipher.final()]);
  };
  return {
    encrypt(plain) {
      const iv = nonce();
      const header = `${FORMAT}:${current.version}`;
      const cipher = createCipheriv(ALGORITHM, current.key, iv);
      cipher.setAAD(Buffer.from(header));
      const body = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
      return [header, iv.toString('base64'), cipher.getAuthTag().toString('base64'), body.toString('base64')].join(':');
    },
    decrypt(sealed) {
      const parts = sealed.split(':');
      if (parts[0] === FORMAT_V1 && parts.length === 4 && parts[1] && parts[2]) {
        return open(keyFor(1), Buffer.from(parts[1], 'base64'), Buffer.from(parts[2], 'base64'), Buffer.from(parts[3]!, 'base64')).toString('utf8');
      }
      const [format, version, iv, tag, body] = parts;
      if (format !== FORMAT || parts.length !== 5 || !version || !/^[1-9]\d{0,8}$/.test(version) || !iv || !tag) throw new Error('unknown ciphertext format');
      return open(keyFor(Number(version)), Buffer.from(iv, 'base64'), Buffer.from(tag, 'base64'), Buffer.from(body!, 'base64'), Buffer.from(`${FORMAT}:${version}`)).toString('utf8');
    },
    encryptBytes(plain) {
      const iv = nonce();
      const header = Buffer.alloc(FILE_HEADER_BYTES);
      INTERNATIONAL_FILE_MAGIC.copy(header);
      header.writeUInt32BE(current.version, INTERNATIONAL_FILE_MAGIC.length);
      const cipher = createCipheriv(ALGORITHM, current.key, iv);
      cipher.setAAD(header);
      const body = Buffer.concat([cipher.update(plain), cipher.final()]);
      return Buffer.concat([header, iv, cipher.getAuthTag(), body]);
    },
    decryptBytes(sealed) {
      if (hasInternationalHeader(sealed)) {
        const ivAt = FILE_HEADER_BYTES;
        try {
          return open(keyFor(internationalFileKeyVersion(sealed)), sealed.subarray(ivAt, ivAt + IV_BYTES), sealed.subarray(ivAt + IV_BYTES, ivAt + IV_BYTES + TAG_BYTES), sealed.subarray(ivAt + IV_BYTES + TAG_BYTES), sealed.subarray(0, ivAt));
        } catch (error) {
          // An older file (no header) whose random IV happens to start with the magic: once in 2³².
          if (!ring.keys.has(1)) throw error;
        }
      }
      return open(keyFor(1), sealed.subarray(0, IV_BYTES), sealed.subarray(IV_BYTES, IV_BYTES + TAG_BYTES), sealed.subarray(IV_BYTES + TAG_BYTES));
    },
    lookupHash(kind, value) {
      return createHmac('sha256', lookup).update(`${kind}:${value.trim().toUpperCase()}`).digest('hex');
    },
    tokenHash: (value) => createHash('sha256').update(value).digest('hex'),
  };
}

/** Random 96-bit GCM nonces, NONCES_PER_FILL drawn at a time. */
function nonces(): () => Buffer {
  let pool = Buffer.alloc(0);
  let offset = 0;
  return () => {
    if (offset + IV_BYTES > pool.length) {
      pool = randomFillSync(Buffer.allocUnsafe(IV_BYTES * NONCES_PER_FILL));
      offset = 0;
    }
    offset += IV_BYTES;
    return pool.subarray(offset - IV_BYTES, offset);
  };
}

function hasInternationalHeader(file: Buffer): boolean {
  return file.length >= FILE_HEADER_BYTES + IV_BYTES + TAG_BYTES && file.subarray(0, INTERNATIONAL_FILE_MAGIC.length).equals(INTERNATIONAL_FILE_MAGIC);
}

/** The key version an international file was sealed with (1 for files from before versioned keys). */
export function internationalFileKeyVersion(file: Buffer): number {
  return hasInternationalHeader(file) ? file.readUInt32BE(INTERNATIONAL_FILE_MAGIC.length) : 1;
}
