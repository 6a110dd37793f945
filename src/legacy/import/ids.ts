/**
 * Ids of the records an import creates (accounts, authorisations): time-ordered UUIDs (version 7,
 * RFC 9562 §5.7), so that the primary keys and the indexes on account ids take each batch's new
 * entries at their right edge, where a random v4 id touches a random page of an index that
 * outgrows memory at a million accounts (bench/import). They are ordinary uuids: the platform's
 * own ids stay v4, both kinds live side by side in the same columns.
 *
 * Layout: 48 bits of Unix milliseconds, the version, 12 bits of a counter that keeps ids of the
 * same millisecond increasing (method 1 of RFC 9562 §6.2: on overflow the timestamp is advanced),
 * the variant, 62 random bits (crypto random, drawn from a pooled buffer).
 */
import { randomFillSync } from 'node:crypto';

const POOL_IDS = 4096;

/** A generator of increasing version 7 UUIDs. */
export function uuidv7Generator(now: () => number = Date.now): () => string {
  let pool = Buffer.alloc(0);
  let offset = 0;
  let lastMs = 0;
  let counter = 0;
  const bytes = Buffer.alloc(16);
  return () => {
    if (offset + 8 > pool.length) {
      pool = randomFillSync(Buffer.allocUnsafe(8 * POOL_IDS));
      offset = 0;
    }
    let ms = now();
    if (ms > lastMs) {
      lastMs = ms;
      // A random start leaves room to count up within the millisecond.
      counter = pool[offset]! & 0x7f;
    } else if (++counter > 0xfff) {
      lastMs++;
      counter = 0;
    }
    ms = lastMs;
    bytes.writeUIntBE(ms, 0, 6);
    bytes[6] = 0x70 | (counter >> 8);
    bytes[7] = counter & 0xff;
    pool.copy(bytes, 8, offset, offset + 8);
    offset += 8;
    bytes[8] = 0x80 | (bytes[8]! & 0x3f);
    const hex = bytes.toString('hex');
    return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
  };
}
