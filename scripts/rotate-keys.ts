// Re-encrypts personal data at rest under the key provider's current key version (issue 20.3;
// src/crypto/keys/, src/crypto/README.md), with the platform running.
//
// Usage: npm run rotate-keys [-- --batch=<rows> --pause=<ms>]
//
// First put the new version in the key provider as the current one, keeping the old ones
// (PII_ENCRYPTION_KEYS="2:<new>,1:<old>", KEY_FILE or the KMS), and restart every node so they
// all write the new version and read both. Then run this with the same settings: every encrypted
// column and uploaded file still on another version is re-encrypted in batches (default 200 rows,
// each batch its own transaction; a row a node changed meanwhile is left as the node wrote it).
// Stopped or killed part way, it is simply run again: values already on the current version are
// skipped. At the end it counts what is left on other versions; at 0 the old key may be removed
// from the provider. Exit status: 0 done (nothing left), 1 failed, 2 usage, 3 values left (run again).
import { ConfigError, loadConfig } from '../src/platform/config.ts';
import { checkCryptoSuite } from '../src/crypto/suite-record.ts';
import { KeyRingError } from '../src/crypto/keys/key-ring.ts';
import { resolveKeys } from '../src/crypto/keys/provider.ts';
import { rotateKeys } from '../src/crypto/keys/rotate.ts';
import { migrate } from '../src/platform/migrations.ts';
import { personalDataCipher } from '../src/platform/personal-data.ts';
import { openDatabase, openStorage } from '../src/platform/platform.ts';
import { REENCRYPT_BATCH } from '../src/crypto/reencrypt.ts';

const PROGRESS_EVERY_MS = 1000;
const USAGE = 'rotate-keys: 用法 / usage: npm run rotate-keys [-- --batch=<rows 1–10000> --pause=<ms 0–60000>]\n';

const options = { batch: REENCRYPT_BATCH, pauseMs: 0 };
for (const arg of process.argv.slice(2)) {
  const match = /^--(batch|pause)=(\d{1,5})$/.exec(arg);
  const n = Number(match?.[2]);
  if (match?.[1] === 'batch' && n >= 1 && n <= 10_000) options.batch = n;
  else if (match?.[1] === 'pause' && n <= 60_000) options.pauseMs = n;
  else {
    process.stderr.write(USAGE);
    process.exit(2);
  }
}

let config;
try {
  config = loadConfig();
  config.keys = await resolveKeys(config.keys, config.keyProvider);
} catch (error) {
  if (!(error instanceof ConfigError) && !(error instanceof KeyRingError)) throw error;
  process.stderr.write(`rotate-keys: ${error.message}\n`);
  process.exit(1);
}
const current = config.keys.ring?.current ?? 1;
const db = await openDatabase(config);
try {
  await migrate(db);
  // The suite the nodes run (a rotation in the middle of a suite switch would mix both).
  await checkCryptoSuite(db, config.cryptoSuite);
  process.stdout.write(`密钥轮换 / key rotation: re-encrypting under key version ${current} (batches of ${options.batch})\n`);
  let lastPrint = 0;
  const report = await rotateKeys(db, openStorage(config), personalDataCipher(config.keys, config.cryptoSuite), current, {
    ...options,
    onProgress(what, rewritten) {
      // The first batch at once (an operator sees it started), then at most once a second.
      if (lastPrint !== 0 && Date.now() - lastPrint < PROGRESS_EVERY_MS) return;
      lastPrint = Date.now();
      process.stdout.write(`  进度 / progress: ${what}: ${rewritten} re-encrypted\n`);
    },
  });
  for (const [what, n] of Object.entries(report.rewritten)) process.stdout.write(`  ${what}: ${n} re-encrypted\n`);
  if (report.changedMeanwhile) process.stdout.write(`  changed by a node meanwhile (left as written): ${report.changedMeanwhile}\n`);
  if (report.missingFiles) process.stdout.write(`  uploads missing from storage: ${report.missingFiles}\n`);
  for (const [what, n] of Object.entries(report.left)) process.stdout.write(`  left on other key versions: ${what}: ${n}\n`);
  process.stdout.write(`旧版本密钥的密文剩余 / values left on old key versions: ${report.leftTotal}\n`);
  if (report.leftTotal === 0) {
    process.stdout.write(`完成 / done: every value is on key version ${current}; older versions may now be removed from the key provider\n`);
  } else {
    process.stdout.write('仍有旧版本 / some values are still on old versions: check every node has the new keys, then run again\n');
    process.exitCode = 3;
  }
} catch (error) {
  const message = error instanceof ConfigError ? error.message : ((error as Error)?.message ?? String(error));
  process.stderr.write(`rotate-keys: 失败 / failed (run it again to resume): ${message}\n`);
  process.exitCode = 1;
} finally {
  await db.close();
}
