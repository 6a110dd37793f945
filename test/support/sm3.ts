/**
 * SM3 cryptographic hash, GB/T 32905-2016 (the Chinese national standard hash,
 * 256-bit digest), in plain TypeScript: a test oracle only. The platform hashes
 * with Node's `createHash('sm3')` (legacy/password-schemes.ts); this independent
 * implementation cross-checks it on every padding boundary (legacy/sm3.test.ts).
 *
 * Structure follows the standard's sections: padding (5.2), message expansion
 * (5.3.2), compression function CF (5.3.3), iteration (5.3.1).
 */

const IV = [0x7380166f, 0x4914b2b9, 0x172442d7, 0xda8a0600, 0xa96f30bc, 0x163138aa, 0xe38dee4d, 0xb0fb0e4e] as const;
const T_LOW = 0x79cc4519; // T_j for 0 <= j <= 15
const T_HIGH = 0x7a879d8a; // T_j for 16 <= j <= 63

const rotl = (x: number, n: number): number => ((x << n) | (x >>> (32 - n))) >>> 0;
const p0 = (x: number): number => (x ^ rotl(x, 9) ^ rotl(x, 17)) >>> 0;
const p1 = (x: number): number => (x ^ rotl(x, 15) ^ rotl(x, 23)) >>> 0;

/** T_j <<< (j mod 32), precomputed once. */
const T_ROTATED = Array.from({ length: 64 }, (_, j) => rotl(j < 16 ? T_LOW : T_HIGH, j % 32));

/** 5.2: append bit 1, zeros to 448 mod 512 bits, then the 64-bit big-endian bit length. */
function pad(message: Uint8Array): Uint8Array {
  const length = message.length;
  const padded = new Uint8Array((((length + 8) >> 6) + 1) << 6);
  padded.set(message);
  padded[length] = 0x80;
  const view = new DataView(padded.buffer);
  const bits = length * 8;
  view.setUint32(padded.length - 8, Math.floor(bits / 0x1_0000_0000));
  view.setUint32(padded.length - 4, bits >>> 0);
  return padded;
}

const W = new Uint32Array(68);
const W1 = new Uint32Array(64);

/** 5.3.2 and 5.3.3: expands one 64-byte block and compresses it into `v` (in place). */
function compress(v: Uint32Array, block: DataView, offset: number): void {
  for (let j = 0; j < 16; j++) W[j] = block.getUint32(offset + j * 4);
  for (let j = 16; j < 68; j++) {
    W[j] = (p1(W[j - 16]! ^ W[j - 9]! ^ rotl(W[j - 3]!, 15)) ^ rotl(W[j - 13]!, 7) ^ W[j - 6]!) >>> 0;
  }
  for (let j = 0; j < 64; j++) W1[j] = (W[j]! ^ W[j + 4]!) >>> 0;

  let a = v[0]!, b = v[1]!, c = v[2]!, d = v[3]!, e = v[4]!, f = v[5]!, g = v[6]!, h = v[7]!;
  for (let j = 0; j < 64; j++) {
    const a12 = rotl(a, 12);
    const ss1 = rotl((a12 + e + T_ROTATED[j]!) >>> 0, 7);
    const ss2 = (ss1 ^ a12) >>> 0;
    const ff = j < 16 ? a ^ b ^ c : (a & b) | (a & c) | (b & c);
    const gg = j < 16 ? e ^ f ^ g : (e & f) | (~e & g);
    const tt1 = (ff + d + ss2 + W1[j]!) >>> 0;
    const tt2 = (gg + h + ss1 + W[j]!) >>> 0;
    d = c;
    c = rotl(b, 9);
    b = a;
    a = tt1;
    h = g;
    g = rotl(f, 19);
    f = e;
    e = p0(tt2);
  }
  v[0]! ^= a; v[1]! ^= b; v[2]! ^= c; v[3]! ^= d;
  v[4]! ^= e; v[5]! ^= f; v[6]! ^= g; v[7]! ^= h;
}

/** SM3 digest (32 bytes) of `message`. */
export function sm3(message: Uint8Array): Uint8Array {
  const padded = pad(message);
  const view = new DataView(padded.buffer);
  const v = Uint32Array.from(IV);
  for (let offset = 0; offset < padded.length; offset += 64) compress(v, view, offset);
  const out = new Uint8Array(32);
  const outView = new DataView(out.buffer);
  for (let i = 0; i < 8; i++) outView.setUint32(i * 4, v[i]!);
  return out;
}

/** SM3 digest of a UTF-8 string, as lowercase hex. */
export function sm3Hex(text: string): string {
  return Buffer.from(sm3(Buffer.from(text, 'utf8'))).toString('hex');
}
