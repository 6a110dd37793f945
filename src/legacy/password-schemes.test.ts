import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import {
  HASH_SCHEMES,
  checkLegacyHash,
  decodeStoredLegacyHash,
  encodeStoredLegacyHash,
  isHashScheme,
  isStoredLegacyHash,
  legacyHash,
  schemeUsesSalt,
  verifyLegacyPassword,
  type HashScheme,
  type LegacyHash,
} from './password-schemes.ts';

// Digests computed with coreutils md5sum / sha1sum / sha256sum and `openssl dgst -sm3`.
const PASSWORD = 'Passw0rd!';
const SALT = 's4lt';
const VECTORS: [HashScheme, string, string, string][] = [
  ['md5', '', 'password', '5f4dcc3b5aa765d61d8327deb882cf99'],
  ['sha1', '', 'password', '5baa61e4c9b93f3f0682250b6cf8331b7ee68fd8'],
  ['sha256', '', 'password', '5e884898da28047151d0e56f8dc6292773603d0d6aabbdd62a11ef721d1542d8'],
  ['sm3', '', 'password', '08594e140bcc046e345325435218f67a85c38c63de6443b197b544d70ee62f26'],
  ['md5-salt-prefix', SALT, PASSWORD, 'efd911328fb806625d7865093320071d'],
  ['md5-salt-suffix', SALT, PASSWORD, 'd9d99b83bdc9ecb42868ecdec4cf8275'],
  ['md5-md5-salt-suffix', SALT, PASSWORD, '9e9c2cdd9f0f1668ec27de11b26f3032'],
  ['sha1-salt-prefix', SALT, PASSWORD, '8345d50a1dcba21b1b8ee34629c362938d6c146e'],
  ['sha1-salt-suffix', SALT, PASSWORD, 'f8d7b8e555882b2993b22e5c3ecdd4f46e919f08'],
  ['sha256-salt-prefix', SALT, PASSWORD, '45849d97ba8e49689cd95d2afb24b81fc7ed073311fd878289bded27710855dc'],
  ['sha256-salt-suffix', SALT, PASSWORD, 'aabcb4f238081e4c25bc63913c8ce19c7dd223b15b16525eed065929554fe6a3'],
  ['sm3-salt-prefix', SALT, PASSWORD, '38254dcd38061c8332a1845ca7c1e9808c453cd0c881129468e0647e08a0a229'],
  ['sm3-salt-suffix', SALT, PASSWORD, '0782a2b819cd82373b408503fea6059d415d64c0e2293fa71a62d457347ea370'],
];

// OpenBSD / jBCrypt test vectors.
const BCRYPT_VECTORS: [string, string][] = [
  ['U*U', '$2a$05$CCCCCCCCCCCCCCCCCCCCC.E5YPO9kmyuRGyh0XouQYb4YMJKvyOeW'],
  ['', '$2a$06$DCq7YPn5Rq63x1Lad4cll.TV4S6ytwfsfvkgY8jIucDrjc8deX1s.'],
  ['abc', '$2a$06$If6bvum7DFjUnE9p2uDeDu0YHzrHM6tf.iqN8.yx.jNN1ILEf7h0i'],
];

describe('scheme names', () => {
  it('cover salted MD5 both ways, SHA-1, SHA-256, SM3 and bcrypt', () => {
    for (const s of ['md5-salt-prefix', 'md5-salt-suffix', 'sha1', 'sha256', 'sm3', 'bcrypt']) assert.ok(isHashScheme(s), s);
    assert.equal(isHashScheme('md4'), false);
    assert.equal(isHashScheme('MD5'), false, 'names are lower case (the CSV reader lower-cases)');
    assert.deepEqual(HASH_SCHEMES.filter(schemeUsesSalt).length, 9);
    assert.equal(schemeUsesSalt('bcrypt'), false, 'bcrypt carries its salt inside the hash');
  });
});

describe('verifyLegacyPassword', () => {
  for (const [scheme, salt, password, hash] of VECTORS) {
    it(`${scheme}: the right password matches, a wrong one does not`, async () => {
      assert.equal(legacyHash(scheme, salt, password), hash, 'computes the known digest');
      assert.equal(await verifyLegacyPassword({ scheme, salt, hash }, password), true);
      assert.equal(await verifyLegacyPassword({ scheme, salt, hash: hash.toUpperCase() }, password), true, 'hex in either case');
      assert.equal(await verifyLegacyPassword({ scheme, salt, hash }, `${password}x`), false);
      assert.equal(await verifyLegacyPassword({ scheme, salt, hash }, password.toUpperCase()), false);
      if (salt) assert.equal(await verifyLegacyPassword({ scheme, salt: `${salt}x`, hash }, password), false, 'another salt');
    });
  }

  it('salt before and after are different schemes', async () => {
    const prefix = legacyHash('md5-salt-prefix', SALT, PASSWORD);
    assert.equal(await verifyLegacyPassword({ scheme: 'md5-salt-suffix', salt: SALT, hash: prefix }, PASSWORD), false);
    assert.equal(await verifyLegacyPassword({ scheme: 'md5', salt: '', hash: prefix }, SALT + PASSWORD), true, 'prefix = md5(salt + password)');
  });

  it('concatenates salt and password as UTF-8', async () => {
    // md5("盐Passw0rd!") from md5sum
    assert.equal(await verifyLegacyPassword({ scheme: 'md5-salt-prefix', salt: '盐', hash: 'a4e5e790f7d69c6b82837eb81b6f33ed' }, PASSWORD), true);
  });

  for (const [password, hash] of BCRYPT_VECTORS) {
    it(`bcrypt ${hash.slice(0, 7)} vector ${JSON.stringify(password)} in $2a$, $2b$ and $2y$`, async () => {
      for (const version of ['$2a$', '$2b$', '$2y$']) {
        const h = version + hash.slice(4);
        assert.equal(await verifyLegacyPassword({ scheme: 'bcrypt', salt: '', hash: h }, password), true, version);
        assert.equal(await verifyLegacyPassword({ scheme: 'bcrypt', salt: '', hash: h }, `${password}!`), false, version);
      }
    });
  }

  it('bcrypt hashes made here verify', async () => {
    const hash = legacyHash('bcrypt', '', 'Torch@2015', 4);
    assert.match(hash, /^\$2b\$04\$/);
    assert.equal(await verifyLegacyPassword({ scheme: 'bcrypt', salt: '', hash }, 'Torch@2015'), true);
    assert.equal(await verifyLegacyPassword({ scheme: 'bcrypt', salt: '', hash }, 'torch@2015'), false);
  });

  it('a malformed hash never matches and never throws', async () => {
    const bad: LegacyHash[] = [
      { scheme: 'md5', salt: '', hash: '5f4dcc3b5aa765d61d8327deb882cf9' }, // 31 hex digits
      { scheme: 'md5', salt: '', hash: '5f4dcc3b5aa765d61d8327deb882cf99aa' },
      { scheme: 'md5', salt: '', hash: 'zf4dcc3b5aa765d61d8327deb882cf99' },
      { scheme: 'sha256', salt: '', hash: '5f4dcc3b5aa765d61d8327deb882cf99' }, // an md5 under sha256
      { scheme: 'md5-salt-prefix', salt: '', hash: 'efd911328fb806625d7865093320071d' }, // salt missing
      { scheme: 'bcrypt', salt: '', hash: '$2x$05$CCCCCCCCCCCCCCCCCCCCC.E5YPO9kmyuRGyh0XouQYb4YMJKvyOeW' },
      { scheme: 'bcrypt', salt: '', hash: '$2a$05$CCCCCCCCCCCCCCCCCCCCC.E5YPO9kmyuRGyh0XouQYb4YMJKvyOe' },
      { scheme: 'bcrypt', salt: 'x', hash: BCRYPT_VECTORS[0]![1] },
    ];
    for (const value of bad) assert.equal(await verifyLegacyPassword(value, 'password'), false, JSON.stringify(value));
    assert.equal(await verifyLegacyPassword({ scheme: 'md5', salt: '', hash: '5f4dcc3b5aa765d61d8327deb882cf9' }, 'password'), false);
  });
});

describe('checkLegacyHash', () => {
  it('names what is wrong', () => {
    assert.equal(checkLegacyHash({ scheme: 'sha1', salt: '', hash: '5baa61e4c9b93f3f0682250b6cf8331b7ee68fd8' }), null);
    assert.equal(checkLegacyHash({ scheme: 'sha1', salt: '', hash: '5baa61e4' }), 'HASH_FORMAT');
    assert.equal(checkLegacyHash({ scheme: 'sha1', salt: 'abc', hash: '5baa61e4c9b93f3f0682250b6cf8331b7ee68fd8' }), 'SALT_NOT_USED');
    assert.equal(checkLegacyHash({ scheme: 'sha1-salt-suffix', salt: '', hash: '5baa61e4c9b93f3f0682250b6cf8331b7ee68fd8' }), 'SALT_REQUIRED');
    assert.equal(checkLegacyHash({ scheme: 'bcrypt', salt: '', hash: BCRYPT_VECTORS[0]![1] }), null);
    assert.equal(checkLegacyHash({ scheme: 'bcrypt', salt: '', hash: '$2a$03$CCCCCCCCCCCCCCCCCCCCC.E5YPO9kmyuRGyh0XouQYb4YMJKvyOeW' }), 'HASH_FORMAT', 'cost below 4');
  });
});

describe('the stored form', () => {
  it('round-trips every scheme, salts with separators included', async () => {
    for (const scheme of HASH_SCHEMES) {
      const salt = schemeUsesSalt(scheme) ? 'a:b$c,"d 盐' : '';
      const hash = legacyHash(scheme, salt, PASSWORD, 4);
      const stored = encodeStoredLegacyHash({ scheme, salt, hash });
      assert.ok(isStoredLegacyHash(stored));
      assert.match(stored, new RegExp(`^legacy:${scheme}:`));
      const decoded = decodeStoredLegacyHash(stored);
      assert.deepEqual(decoded, { scheme, salt, hash });
      assert.equal(await verifyLegacyPassword(decoded!, PASSWORD), true, scheme);
    }
  });

  it('stores hex in lower case', () => {
    assert.equal(encodeStoredLegacyHash({ scheme: 'md5', salt: '', hash: '5F4DCC3B5AA765D61D8327DEB882CF99' }), 'legacy:md5::5f4dcc3b5aa765d61d8327deb882cf99');
  });

  it('rejects anything else', () => {
    const argon = '$argon2id$v=19$m=19456,t=2,p=1$c29tZXNhbHQ$aGFzaA';
    assert.equal(isStoredLegacyHash(argon), false);
    assert.equal(decodeStoredLegacyHash(argon), null);
    assert.equal(decodeStoredLegacyHash('legacy:md4::5f4dcc3b5aa765d61d8327deb882cf99'), null, 'unknown scheme');
    assert.equal(decodeStoredLegacyHash('legacy:md5::5f4dcc3b'), null, 'bad hash');
    assert.equal(decodeStoredLegacyHash('legacy:md5-salt-prefix::efd911328fb806625d7865093320071d'), null, 'salt missing');
    assert.equal(decodeStoredLegacyHash('legacy:md5:5f4dcc3b5aa765d61d8327deb882cf99'), null, 'too few parts');
    assert.equal(decodeStoredLegacyHash('legacy:md5-salt-prefix:!!:efd911328fb806625d7865093320071d'), null, 'salt not base64url');
  });
});
