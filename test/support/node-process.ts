/**
 * Platform nodes as real processes (node src/main.ts), for tests of what only a process shows:
 * signals, exit codes, several nodes starting together. Production mode with stand-in gateway
 * addresses (nothing is sent in these tests), so no development servers start beside them.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { createServer } from 'node:net';
import path from 'node:path';

const ROOT = path.resolve(import.meta.dirname, '../..');
const NODE = process.execPath;

export interface NodeProcess {
  child: ChildProcess;
  port: number;
  baseUrl: string;
  /** Everything it wrote so far (standard output and error). */
  output(): string;
  /** Resolves with the exit code (or the signal's name). */
  exited: Promise<number | string>;
  /** Resolves once it printed that it started (rejects if it exits first). */
  started: Promise<void>;
}

export async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as { port: number }).port;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

/** The same keys for every node of one test (they must decrypt each other's data). */
export const sharedKeys = () => ({ PII_ENCRYPTION_KEY: randomBytes(32).toString('base64'), PII_LOOKUP_KEY: randomBytes(32).toString('base64') });

export async function startNodeProcess(env: Record<string, string>): Promise<NodeProcess> {
  const port = env.PORT ? Number(env.PORT) : await freePort();
  const child = spawn(NODE, ['src/main.ts'], {
    cwd: ROOT,
    env: {
      PATH: process.env.PATH,
      NODE_ENV: 'production',
      HOST: '127.0.0.1',
      PORT: String(port),
      BASE_URL: `http://127.0.0.1:${port}`,
      REGISTRY_URL: 'http://127.0.0.1:9/registry',
      REGISTRY_SECRET: 'test-registry-secret',
      SMS_GATEWAY_URL: 'http://127.0.0.1:9/sms',
      SMS_GATEWAY_SECRET: 'test-sms-secret',
      SMTP_URL: 'smtp://127.0.0.1:9',
      LOG_LEVEL: 'warn',
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let text = '';
  child.stdout!.on('data', (chunk: Buffer) => (text += chunk.toString()));
  child.stderr!.on('data', (chunk: Buffer) => (text += chunk.toString()));
  const exited = new Promise<number | string>((resolve) => child.once('exit', (code, signal) => resolve(code ?? signal ?? 'unknown')));
  const started = new Promise<void>((resolve, reject) => {
    const look = () => {
      if (text.includes('统一身份认证平台已启动')) resolve();
    };
    child.stdout!.on('data', look);
    void exited.then((code) => reject(new Error(`node exited (${code}) before it started:\n${text}`)));
  });
  return { child, port, baseUrl: `http://127.0.0.1:${port}`, output: () => text, exited, started };
}
