/**
 * SIGTERM to a real node process: it stops taking connections, finishes the request in flight,
 * closes its pools and exits 0; a request that never finishes is cut off after
 * SHUTDOWN_TIMEOUT_SECONDS and the node still exits 0.
 */
import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import { connect, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, describe, it } from 'node:test';
import { sharedKeys, startNodeProcess, type NodeProcess } from '../support/node-process.ts';

/** Its own servers (or PGlite in a temp dir), not the stage's database: run once, in the PGlite stage. */
const onceOnly = process.env.TEST_DATABASE === 'postgres' ? 'runs once, in the PGlite stage (it starts its own servers)' : false;

/** A POST whose body is only half sent: a request in flight for as long as the test wants. */
async function halfSentLogin(port: number): Promise<{ socket: Socket; rest: string; answer: Promise<string> }> {
  const body = JSON.stringify({ kind: 'natural', loginName: 'nobody-here', password: 'not-a-password', captchaId: 'x', captcha: 'x' });
  const socket = connect(port, '127.0.0.1');
  await new Promise<void>((resolve, reject) => socket.once('connect', resolve).once('error', reject));
  let received = '';
  socket.on('data', (chunk) => (received += chunk.toString()));
  const answer = new Promise<string>((resolve) => socket.once('close', () => resolve(received)));
  const half = Math.floor(body.length / 2);
  socket.write(
    `POST /api/login HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\nContent-Type: application/json\r\nContent-Length: ${Buffer.byteLength(body)}\r\n` +
      `Cookie: csrf_token=abcdefghijklmnop\r\nX-CSRF-Token: abcdefghijklmnop\r\nConnection: keep-alive\r\n\r\n${body.slice(0, half)}`,
  );
  // Until the node has read the headers the connection is idle, and idle connections are closed at once.
  await new Promise((resolve) => setTimeout(resolve, 300));
  return { socket, rest: body.slice(half), answer };
}

const refused = (port: number) =>
  new Promise<boolean>((resolve) => {
    const socket = connect(port, '127.0.0.1');
    socket.once('connect', () => (socket.destroy(), resolve(false)));
    socket.once('error', () => resolve(true));
  });

describe('graceful shutdown of a node process (SIGTERM)', { skip: onceOnly }, () => {
  const dirs: string[] = [];
  const nodes: NodeProcess[] = [];
  after(async () => {
    for (const node of nodes) if (node.child.exitCode === null) node.child.kill('SIGKILL');
    for (const dir of dirs) await rm(dir, { recursive: true, force: true });
  });

  async function start(env: Record<string, string> = {}) {
    const dir = await mkdtemp(path.join(tmpdir(), 'most-shutdown-'));
    dirs.push(dir);
    const node = await startNodeProcess({ DATA_DIR: dir, NODE_NAME: 'node-sigterm', ...sharedKeys(), ...env });
    nodes.push(node);
    await node.started;
    assert.equal((await fetch(`${node.baseUrl}/readyz`)).status, 200);
    return node;
  }

  it('finishes the request in flight, refuses new connections meanwhile, and exits 0', async () => {
    const node = await start({ SHUTDOWN_TIMEOUT_SECONDS: '20' });
    const inFlight = await halfSentLogin(node.port);
    node.child.kill('SIGTERM');
    // The listening socket closes at once; the request in flight keeps its connection.
    const deadline = Date.now() + 5000;
    while (!(await refused(node.port))) {
      assert.ok(Date.now() < deadline, 'the node still accepts new connections');
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    assert.equal(node.child.exitCode, null, 'the node waits for the request in flight');
    inFlight.socket.write(inFlight.rest);
    const answer = await inFlight.answer;
    assert.match(answer, /^HTTP\/1\.1 (400|401) /, `a real answer, not a cut connection or a 503: ${answer.slice(0, 80)}`);
    assert.match(answer, /\r\nx-node: node-sigterm\r\n/i);
    assert.equal(await node.exited, 0, node.output());
  });

  it('cuts a request that never finishes after SHUTDOWN_TIMEOUT_SECONDS and still exits 0', async () => {
    const node = await start({ SHUTDOWN_TIMEOUT_SECONDS: '1' });
    const stuck = await halfSentLogin(node.port);
    const signalled = Date.now();
    node.child.kill('SIGTERM');
    assert.equal(await node.exited, 0, node.output());
    const took = Date.now() - signalled;
    assert.ok(took >= 900 && took < 8000, `exited after ${took} ms`);
    await stuck.answer; // the connection was closed
    assert.ok(stuck.socket.destroyed);
  });
});
