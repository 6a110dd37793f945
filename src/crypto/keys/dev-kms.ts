/**
 * The development key management service (KEY_PROVIDER=kms without KMS_URL): a small HTTP service
 * holding versioned personal-data keys in a data file (DATA_DIR/dev-kms.json, mode 0600), started
 * beside the platform like the development registry. A real KMS answers the same GET.
 *
 *   GET  /v1/keys          {"current": n, "keys": {"<version>": "<base64>"}}   Authorization: Bearer <secret>
 *   POST /v1/keys/rotate   a new random key version becomes current; answers {"current": n}   (same header)
 *   POST /v1/keys/retire   {"version": n}: removes an old (not current) version; answers {"current": n, "versions": […]}
 *   GET  /health           unauthenticated
 * A wrong or missing secret gets 401 and nothing else; keys are never logged.
 */
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import path from 'node:path';
import { listenOn, readBodyText } from '../../platform/http/plain-http.ts';
import { KEY_BYTES, keyDocument, parseKeyDocument, type KeyRing } from './key-ring.ts';
import { KMS_KEYS_PATH } from './provider.ts';

export const DEV_KMS_HOST = '127.0.0.1';
const MAX_BODY_BYTES = 1024;

export interface DevKmsOptions {
  dataFile: string;
  secret: string;
  /** The key of version 1 when the data file does not exist yet (development: the key the data was sealed with so far). */
  initialKey?: Buffer;
}

export interface DevKms {
  listen(port: number, host?: string): Promise<string>;
  close(): Promise<void>;
}

export function createDevKms(options: DevKmsOptions): DevKms {
  let ring = loadOrCreate(options.dataFile, options.initialKey);
  const secretHash = createHash('sha256').update(options.secret).digest();
  const authorised = (req: IncomingMessage) => {
    const header = req.headers.authorization ?? '';
    const given = header.startsWith('Bearer ') ? header.slice('Bearer '.length) : '';
    return given !== '' && timingSafeEqual(createHash('sha256').update(given).digest(), secretHash);
  };
  const save = (next: KeyRing) => {
    write(options.dataFile, next);
    ring = next;
  };

  const server = createServer((req, res) => {
    handle(req, res).catch(() => send(res, 500, { error: 'internal' }));
  });
  async function handle(req: IncomingMessage, res: ServerResponse) {
    const url = new URL(req.url ?? '/', 'http://kms');
    if (req.method === 'GET' && url.pathname === '/health') return send(res, 200, { ok: true });
    const routes = [`GET ${KMS_KEYS_PATH}`, `POST ${KMS_KEYS_PATH}/rotate`, `POST ${KMS_KEYS_PATH}/retire`];
    const route = `${req.method} ${url.pathname}`;
    if (!routes.includes(route)) return send(res, 404, { error: 'not_found' });
    if (!authorised(req)) return send(res, 401, { error: 'unauthorized' });
    if (route === routes[0]) return send(res, 200, keyDocument(ring));
    if (route === routes[1]) {
      const current = Math.max(...ring.keys.keys()) + 1;
      save({ current, keys: new Map([...ring.keys, [current, randomBytes(KEY_BYTES)]]) });
      return send(res, 200, { current });
    }
    const body = await readBodyText(req, MAX_BODY_BYTES);
    let version: unknown;
    try {
      version = (JSON.parse(body ?? '') as { version?: unknown }).version;
    } catch {
      version = undefined;
    }
    if (typeof version !== 'number' || !ring.keys.has(version)) return send(res, 400, { error: 'unknown_version' });
    if (version === ring.current) return send(res, 400, { error: 'current_version' });
    save({ current: ring.current, keys: new Map([...ring.keys].filter(([v]) => v !== version)) });
    return send(res, 200, { current: ring.current, versions: [...ring.keys.keys()] });
  }

  return {
    listen: (port, host = DEV_KMS_HOST) => listenOn(server, port, host),
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

function send(res: ServerResponse, status: number, body: unknown) {
  res.writeHead(status, { 'content-type': 'application/json', 'cache-control': 'no-store' });
  res.end(JSON.stringify(body));
}

function loadOrCreate(file: string, initialKey: Buffer | undefined): KeyRing {
  if (existsSync(file)) return parseKeyDocument(JSON.parse(readFileSync(file, 'utf8')) as unknown, file);
  const ring: KeyRing = { current: 1, keys: new Map([[1, initialKey ?? randomBytes(KEY_BYTES)]]) };
  write(file, ring);
  return ring;
}

/** Written whole, then renamed over the old file: a crash never leaves half a key file. */
function write(file: string, ring: KeyRing) {
  mkdirSync(path.dirname(file), { recursive: true });
  const temporary = `${file}.${process.pid}.tmp`;
  writeFileSync(temporary, JSON.stringify(keyDocument(ring)), { mode: 0o600 });
  renameSync(temporary, file);
}
