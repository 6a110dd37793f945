import { createECDH, randomBytes } from 'node:crypto';
import { sm3 } from './sm3.ts';

/**
 * SM2 signatures with SM3 (GM/T 0003-2012, GB/T 32918.2-2016), with the user's Z value
 * (GB/T 32918.2 §5.5) and the default user ID 1234567812345678 (GM/T 0009).
 *
 * Why partly our own code: Node 24 knows the SM2 curve, but crypto.verify('sm3', …) with an SM2 key
 * rejects the GB/T 32918.5 Annex A signature, with or without Z put before the message (checked
 * on Node 24.x / OpenSSL 3.5: an EC key on curve SM2 is not signed with the SM2 equation), and Node
 * aborts when importing an SM2 JWK. So:
 *  - k·G and d·G, the operations on secrets, are OpenSSL's constant-time code (ECDH on curve SM2);
 *  - Z, e and the signing equation are ours (a few lines, checked against the Annex A r and s);
 *  - verification (public data only) is BigInt arithmetic here.
 * sm2.test.ts also checks both directions against the sm-crypto package, an independent implementation.
 * The scalar arithmetic of s = (1+d)⁻¹(k − r·d) mod n is BigInt and not constant-time; it is masked
 * by a random blinding factor, so its timing does not depend on d or k alone.
 */
export const SM2_DEFAULT_USER_ID = '1234567812345678';
/** The name the Chinese JOSE implementations use for SM2 with SM3 in a JWS header (no IANA registration exists). */
export const SM2_JWS_ALGORITHM = 'SM2SM3';

const P = 0xfffffffeffffffffffffffffffffffffffffffff00000000ffffffffffffffffn;
const A = P - 3n;
const B = 0x28e9fa9e9d9f5e344d5a9e4bcf6509a7f39789f515ab8f92ddbcbd414d940e93n;
const N = 0xfffffffeffffffffffffffffffffffff7203df6b21c6052b53bbf40939d54123n;
const GX = 0x32c4ae2c1f1981195f9904466a39c9948fe30bbff2660be1715a4589334c74c7n;
const GY = 0xbc3736a2f4f6779c59bdcee36b692153d0a9877cc62a474002df32e52139f0a0n;

export interface Sm2KeyPair {
  /** 32 bytes. */
  privateKey: Buffer;
  /** 65 bytes, uncompressed: 04 | x | y. */
  publicKey: Buffer;
}

export interface Sm2Jwk {
  kty: 'EC';
  crv: 'SM2';
  x: string;
  y: string;
  d?: string;
}

export function generateSm2KeyPair(): Sm2KeyPair {
  const privateKey = toBytes(randomScalar());
  return { privateKey, publicKey: multiplyBase(privateKey) };
}

export function sm2PublicKeyOf(privateKey: Buffer): Buffer {
  return multiplyBase(privateKey);
}

/** Z = SM3(ENTL | ID | a | b | xG | yG | xA | yA). */
export function sm2Z(publicKey: Buffer, userId: string = SM2_DEFAULT_USER_ID): Buffer {
  const id = Buffer.from(userId, 'utf8');
  if (id.length * 8 > 0xffff) throw new Error('SM2 user ID too long');
  const entl = Buffer.alloc(2);
  entl.writeUInt16BE(id.length * 8);
  const point = pointOf(publicKey);
  return sm3(Buffer.concat([entl, id, ...[A, B, GX, GY, point.x, point.y].map(toBytes)]));
}

/** A 64-byte signature r | s (as JWS carries ES256), over SM3(Z | message). */
export function sm2Sign(message: Buffer | string, key: Sm2KeyPair, userId: string = SM2_DEFAULT_USER_ID): Buffer {
  for (;;) {
    const signature = signWithNonce(message, key, randomScalar(), userId);
    if (signature) return signature;
  }
}

/** Known-answer tests only: a fixed k gives the private key away. */
export function sm2SignWithFixedNonceForTest(message: Buffer | string, key: Sm2KeyPair, k: bigint, userId: string = SM2_DEFAULT_USER_ID): Buffer | undefined {
  return signWithNonce(message, key, k, userId);
}

export function sm2Verify(message: Buffer | string, signature: Buffer, publicKey: Buffer, userId: string = SM2_DEFAULT_USER_ID): boolean {
  if (signature.length !== 64) return false;
  let point: Point;
  try {
    point = pointOf(publicKey);
  } catch {
    return false;
  }
  const r = fromBytes(signature.subarray(0, 32));
  const s = fromBytes(signature.subarray(32));
  if (r < 1n || r >= N || s < 1n || s >= N) return false;
  const t = (r + s) % N;
  if (t === 0n) return false;
  const sum = toAffine(add(multiply(s, { x: GX, y: GY, z: 1n }), multiply(t, { ...point, z: 1n })));
  if (!sum) return false;
  return (digestOf(message, publicKey, userId) + sum.x) % N === r;
}

export function sm2Jwk(key: Buffer | Sm2KeyPair): Sm2Jwk {
  const publicKey = Buffer.isBuffer(key) ? key : key.publicKey;
  pointOf(publicKey);
  const jwk: Sm2Jwk = { kty: 'EC', crv: 'SM2', x: publicKey.subarray(1, 33).toString('base64url'), y: publicKey.subarray(33).toString('base64url') };
  if (!Buffer.isBuffer(key)) jwk.d = key.privateKey.toString('base64url');
  return jwk;
}

/** The public key of a JWK (kty EC, crv SM2), checked to lie on the curve. */
export function sm2PublicKeyFromJwk(jwk: { kty?: unknown; crv?: unknown; x?: unknown; y?: unknown }): Buffer {
  if (jwk.kty !== 'EC' || jwk.crv !== 'SM2' || typeof jwk.x !== 'string' || typeof jwk.y !== 'string') throw new Error('not an SM2 JWK');
  const publicKey = Buffer.concat([Buffer.from([4]), Buffer.from(jwk.x, 'base64url'), Buffer.from(jwk.y, 'base64url')]);
  pointOf(publicKey);
  return publicKey;
}

function signWithNonce(message: Buffer | string, key: Sm2KeyPair, k: bigint, userId: string): Buffer | undefined {
  const d = fromBytes(key.privateKey);
  if (d < 1n || d >= N - 1n || k < 1n || k >= N) throw new Error('SM2 scalar out of range');
  const e = digestOf(message, key.publicKey, userId);
  const x1 = fromBytes(multiplyBase(toBytes(k)).subarray(1, 33));
  const r = (e + x1) % N;
  if (r === 0n || r + k === N) return undefined;
  // s = (1 + d)⁻¹ · (k − r·d), computed as (b(1 + d))⁻¹ · b(k − r·d) with a random b.
  const blind = randomScalar();
  const s = (inverse((blind * (1n + d)) % N, N) * ((blind * (((k - r * d) % N) + N)) % N)) % N;
  if (s === 0n) return undefined;
  return Buffer.concat([toBytes(r), toBytes(s)]);
}

function digestOf(message: Buffer | string, publicKey: Buffer, userId: string): bigint {
  return fromBytes(sm3(Buffer.concat([sm2Z(publicKey, userId), Buffer.from(message)])));
}

/** d·G by OpenSSL (constant-time), uncompressed. */
function multiplyBase(scalar: Buffer): Buffer {
  const ecdh = createECDH('SM2');
  ecdh.setPrivateKey(scalar);
  return ecdh.getPublicKey();
}

function randomScalar(): bigint {
  for (;;) {
    const k = fromBytes(randomBytes(32));
    if (k >= 1n && k < N - 1n) return k;
  }
}

interface Point {
  x: bigint;
  y: bigint;
}
interface Jacobian extends Point {
  z: bigint;
}

/** An uncompressed point on the curve, or an error. */
function pointOf(publicKey: Buffer): Point {
  if (publicKey.length !== 65 || publicKey[0] !== 4) throw new Error('SM2 public key must be 65 bytes, uncompressed');
  const x = fromBytes(publicKey.subarray(1, 33));
  const y = fromBytes(publicKey.subarray(33));
  if (x >= P || y >= P || mod(y * y - (x * x * x + A * x + B)) !== 0n) throw new Error('SM2 public key is not on the curve');
  return { x, y };
}

const mod = (v: bigint, m = P) => ((v % m) + m) % m;

function inverse(v: bigint, m: bigint): bigint {
  let result = 1n;
  let base = mod(v, m);
  for (let e = m - 2n; e > 0n; e >>= 1n) {
    if (e & 1n) result = (result * base) % m;
    base = (base * base) % m;
  }
  return result;
}

const INFINITY: Jacobian = { x: 1n, y: 1n, z: 0n };

function double(p: Jacobian): Jacobian {
  if (p.z === 0n || p.y === 0n) return INFINITY;
  const yy = mod(p.y * p.y);
  const s = mod(4n * p.x * yy);
  const zz = mod(p.z * p.z);
  const m = mod(3n * p.x * p.x + A * zz * zz);
  const x = mod(m * m - 2n * s);
  return { x, y: mod(m * (s - x) - 8n * yy * yy), z: mod(2n * p.y * p.z) };
}

function add(p: Jacobian, q: Jacobian): Jacobian {
  if (p.z === 0n) return q;
  if (q.z === 0n) return p;
  const pz2 = mod(p.z * p.z);
  const qz2 = mod(q.z * q.z);
  const u1 = mod(p.x * qz2);
  const u2 = mod(q.x * pz2);
  const s1 = mod(p.y * qz2 * q.z);
  const s2 = mod(q.y * pz2 * p.z);
  if (u1 === u2) return s1 === s2 ? double(p) : INFINITY;
  const h = mod(u2 - u1);
  const r = mod(s2 - s1);
  const hh = mod(h * h);
  const hhh = mod(hh * h);
  const x = mod(r * r - hhh - 2n * u1 * hh);
  return { x, y: mod(r * (u1 * hh - x) - s1 * hhh), z: mod(h * p.z * q.z) };
}

/** Public scalars only (verification). */
function multiply(k: bigint, p: Jacobian): Jacobian {
  let result = INFINITY;
  for (let i = BigInt(k.toString(2).length - 1); i >= 0n; i--) {
    result = double(result);
    if ((k >> i) & 1n) result = add(result, p);
  }
  return result;
}

function toAffine(p: Jacobian): Point | undefined {
  if (p.z === 0n) return undefined;
  const zi = inverse(p.z, P);
  const zi2 = mod(zi * zi);
  return { x: mod(p.x * zi2), y: mod(p.y * zi2 * zi) };
}

function toBytes(v: bigint): Buffer {
  return Buffer.from(v.toString(16).padStart(64, '0'), 'hex');
}

function fromBytes(b: Buffer): bigint {
  return BigInt(`0x${b.toString('hex') || '0'}`);
}
