import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import smCrypto from 'sm-crypto';
import { generateSm2KeyPair, sm2Jwk, sm2PublicKeyFromJwk, sm2PublicKeyOf, sm2Sign, sm2SignWithFixedNonceForTest, sm2Verify, sm2Z } from './sm2.ts';

// GB/T 32918.5-2017 (GM/T 0003.5-2012) Annex A: signature on the recommended curve, default user ID.
const ANNEX_A = {
  d: Buffer.from('3945208F7B2144B13F36E38AC6D39F95889393692860B51A42FB81EF4DF7C5B8', 'hex'),
  publicKey: Buffer.from('04' + '09F9DF311E5421A150DD7D161E4BC5C672179FAD1833FC076BB08FF356F35020' + 'CCEA490CE26775A52DC6EA718CC1AA600AED05FBF35E084A6632F6072DA9AD13', 'hex'),
  message: 'message digest',
  z: 'b2e14c5c79c6df5b85f4fe7ed8db7a262b9da7e07ccb0ea9f4747b8ccda8a4f3',
  k: 0x59276e27d506861a16680f3ad9c02dccef3cc1fa3cdbe4ce6d54b80deac1bc21n,
  r: 'f5a03b0648d2c4630eeac513e1bb81a15944da3827d5b74143ac7eaceee720b3',
  s: 'b1b6aa29df212fd8763182bc0d421ca1bb9038fd1f7f42d4840b69c485bbc1aa',
};
const annexKey = { privateKey: ANNEX_A.d, publicKey: ANNEX_A.publicKey };
const annexSignature = Buffer.from(ANNEX_A.r + ANNEX_A.s, 'hex');

describe('SM2 with SM3 (GB/T 32918.5 Annex A)', () => {
  test('the public key of the example private key', () => {
    assert.deepEqual(sm2PublicKeyOf(ANNEX_A.d), ANNEX_A.publicKey);
  });

  test('Z with the default user ID 1234567812345678', () => {
    assert.equal(sm2Z(ANNEX_A.publicKey).toString('hex'), ANNEX_A.z);
  });

  test('signing with the example k gives the published r and s', () => {
    assert.equal(sm2SignWithFixedNonceForTest(ANNEX_A.message, annexKey, ANNEX_A.k)?.toString('hex'), ANNEX_A.r + ANNEX_A.s);
  });

  test('the published signature verifies; a changed message, signature, user ID or key does not', () => {
    assert.equal(sm2Verify(ANNEX_A.message, annexSignature, ANNEX_A.publicKey), true);
    assert.equal(sm2Verify('message digesT', annexSignature, ANNEX_A.publicKey), false);
    const changed = Buffer.from(annexSignature);
    changed[63]! ^= 1;
    assert.equal(sm2Verify(ANNEX_A.message, changed, ANNEX_A.publicKey), false);
    assert.equal(sm2Verify(ANNEX_A.message, annexSignature, ANNEX_A.publicKey, 'ALICE123@YAHOO.COM'), false);
    assert.equal(sm2Verify(ANNEX_A.message, annexSignature, generateSm2KeyPair().publicKey), false);
  });

  test('malformed signatures and keys are refused, not thrown on', () => {
    assert.equal(sm2Verify(ANNEX_A.message, annexSignature.subarray(0, 63), ANNEX_A.publicKey), false);
    assert.equal(sm2Verify(ANNEX_A.message, Buffer.alloc(64), ANNEX_A.publicKey), false);
    assert.equal(sm2Verify(ANNEX_A.message, Buffer.alloc(64, 0xff), ANNEX_A.publicKey), false);
    const offCurve = Buffer.from(ANNEX_A.publicKey);
    offCurve[64]! ^= 1;
    assert.equal(sm2Verify(ANNEX_A.message, annexSignature, offCurve), false);
    assert.equal(sm2Verify(ANNEX_A.message, annexSignature, ANNEX_A.publicKey.subarray(1)), false);
  });
});

describe('SM2 keys, signatures and JWKs', () => {
  test('a fresh key signs, signatures differ each time and verify', () => {
    const key = generateSm2KeyPair();
    const a = sm2Sign('id token', key);
    const b = sm2Sign('id token', key);
    assert.notDeepEqual(a, b);
    assert.equal(sm2Verify('id token', a, key.publicKey), true);
    assert.equal(sm2Verify('id token', b, key.publicKey), true);
  });

  test('ours and sm-crypto (an independent implementation) verify each other, default user ID', () => {
    for (let i = 0; i < 5; i++) {
      const key = generateSm2KeyPair();
      const publicHex = key.publicKey.toString('hex');
      const message = `header.payload.${i}`;
      const ours = sm2Sign(message, key).toString('hex');
      assert.equal(smCrypto.sm2.doVerifySignature(message, ours, publicHex, { hash: true }), true);
      const theirs = smCrypto.sm2.doSignature(message, key.privateKey.toString('hex'), { hash: true, publicKey: publicHex });
      assert.equal(sm2Verify(message, Buffer.from(theirs, 'hex'), key.publicKey), true);
    }
  });

  test('JWK: kty EC, crv SM2, 32-byte coordinates; the public key reads back; d only from a key pair', () => {
    const key = generateSm2KeyPair();
    const jwk = sm2Jwk(key);
    assert.equal(jwk.kty, 'EC');
    assert.equal(jwk.crv, 'SM2');
    assert.equal(Buffer.from(jwk.x, 'base64url').length, 32);
    assert.equal(Buffer.from(jwk.d!, 'base64url').length, 32);
    assert.equal(sm2Jwk(key.publicKey).d, undefined);
    assert.deepEqual(sm2PublicKeyFromJwk(jwk), key.publicKey);
    assert.throws(() => sm2PublicKeyFromJwk({ ...jwk, crv: 'P-256' }), /not an SM2 JWK/);
    assert.throws(() => sm2PublicKeyFromJwk({ ...jwk, y: jwk.x }), /not on the curve/);
  });
});
