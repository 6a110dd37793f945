import { ConfigError, type CryptoSuite } from '../platform/config.ts';
import type { Db } from '../platform/db.ts';

/**
 * CRYPTO_SUITE is chosen at the first start and recorded (migration 029): personal data written in
 * one suite cannot be read in the other, so a node configured otherwise refuses to start and names
 * the command that re-encrypts (scripts/crypto-suite.ts).
 */
export const SWITCH_COMMAND = 'npm run crypto-suite --';

interface Recorded {
  suite: CryptoSuite;
  switching_to: CryptoSuite | null;
}

export async function recordedSuite(db: Db): Promise<Recorded | undefined> {
  return (await db.query<Recorded>('select suite, switching_to from crypto_suite'))[0];
}

/** First start: records the configured suite. Later: refuses a different one, or an unfinished switch. */
export async function checkCryptoSuite(db: Db, configured: CryptoSuite): Promise<void> {
  await db.query('insert into crypto_suite (suite) values ($1) on conflict (singleton) do nothing', [configured]);
  const recorded = await recordedSuite(db);
  if (!recorded) throw new Error('crypto_suite not recorded');
  if (recorded.switching_to) {
    throw new ConfigError(
      `个人数据正在重新加密为 ${recorded.switching_to} 密码套件，尚未完成：请运行 ${SWITCH_COMMAND} ${recorded.switching_to} 完成后再启动` +
        ` / personal data is being re-encrypted to the ${recorded.switching_to} cipher suite and that has not finished: run ${SWITCH_COMMAND} ${recorded.switching_to} to finish it, then start`,
    );
  }
  if (recorded.suite !== configured) {
    throw new ConfigError(
      `数据库中的个人数据使用 ${recorded.suite} 密码套件，与配置 CRYPTO_SUITE=${configured} 不一致：如需切换，请先停止全部节点并运行 ${SWITCH_COMMAND} ${configured} 重新加密` +
        ` / this database keeps personal data in the ${recorded.suite} cipher suite but CRYPTO_SUITE=${configured}: to switch, stop every node and run ${SWITCH_COMMAND} ${configured} to re-encrypt first`,
    );
  }
}
