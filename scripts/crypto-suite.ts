// Switches the cipher suite of personal data at rest (issue 20; src/crypto/README.md).
//
// Usage: npm run crypto-suite -- <international|national>
//
// Stop every node first. Re-encrypts every personal-data column, recomputes every lookup hash and
// re-encrypts every uploaded file, in batches, with the platform's keys (PII_ENCRYPTION_KEY,
// PII_LOOKUP_KEY) and database (DATABASE_URL, else the embedded PGlite in DATA_DIR), then records
// the new suite; set CRYPTO_SUITE to it before starting the nodes again. A run that stopped part
// way is finished by running the same command again (no node starts meanwhile).
// Exit status: 0 done, 1 failed, 2 usage.
import { CRYPTO_SUITES, ConfigError, loadConfig, type CryptoSuite } from '../src/platform/config.ts';
import { migrate } from '../src/platform/migrations.ts';
import { personalDataCipher } from '../src/platform/personal-data.ts';
import { openDatabase, openStorage } from '../src/platform/platform.ts';
import { switchCryptoSuite } from '../src/crypto/reencrypt.ts';
import { KeyRingError } from '../src/crypto/keys/key-ring.ts';
import { resolveKeys } from '../src/crypto/keys/provider.ts';

const target = process.argv[2];
if (!CRYPTO_SUITES.includes(target as CryptoSuite) || process.argv.length !== 3) {
  process.stderr.write(`crypto-suite: 用法 / usage: npm run crypto-suite -- <${CRYPTO_SUITES.join('|')}>\n`);
  process.exit(2);
}

let config;
try {
  // The suite to switch to is the argument; CRYPTO_SUITE is for the nodes, set it after.
  config = loadConfig({ ...process.env, CRYPTO_SUITE: undefined });
  // KEY_PROVIDER=kms: every key version from the KMS (values are read under the version they name).
  config.keys = await resolveKeys(config.keys, config.keyProvider);
} catch (error) {
  if (!(error instanceof ConfigError) && !(error instanceof KeyRingError)) throw error;
  process.stderr.write(`crypto-suite: ${error.message}\n`);
  process.exit(1);
}
const db = await openDatabase(config);
try {
  await migrate(db);
  const ciphers = { international: personalDataCipher(config.keys, 'international'), national: personalDataCipher(config.keys, 'national') };
  let lastPrint = 0;
  const counts = await switchCryptoSuite(db, openStorage(config), ciphers, target as CryptoSuite, (table, rows) => {
    if (Date.now() - lastPrint < 2000) return;
    lastPrint = Date.now();
    process.stderr.write(`  ${table}: ${rows}\n`);
  });
  process.stdout.write(`密码套件已切换为 ${target} / cipher suite is now ${target}; set CRYPTO_SUITE=${target} before starting the nodes\n`);
  for (const [what, n] of Object.entries(counts)) process.stdout.write(`  ${what}: ${n}\n`);
} catch (error) {
  process.stderr.write(`crypto-suite: 失败 / failed (run it again to resume): ${(error as Error)?.message ?? String(error)}\n`);
  process.exitCode = 1;
} finally {
  await db.close();
}
