/**
 * A heap snapshot of a running platform node, without restarting it: SIGUSR1 opens the node's
 * inspector on 127.0.0.1:9229; over its WebSocket, HeapProfiler.takeHeapSnapshot streams the
 * snapshot to a file, Runtime.evaluate reads process.memoryUsage() and V8's heap spaces; then
 * the inspector is closed again. The snapshot is summarised by constructor (objects, closures)
 * or kind (strings, arrays, code...), largest self size first. Open the file in Chrome DevTools
 * → Memory for retainers.
 */
import { createWriteStream, readFileSync } from 'node:fs';

export interface HeapSummary {
  file: string;
  /** process.memoryUsage() before the snapshot (whose full collection frees the garbage) and after it. */
  memoryUsageMb: Record<string, number>;
  memoryUsageAfterGcMb: Record<string, number>;
  /** V8's heap spaces before the snapshot. */
  spaces: { name: string; usedMb: number; sizeMb: number }[];
  totalSelfMb: number;
  top: { name: string; selfMb: number; count: number }[];
}

const INSPECTOR = 'http://127.0.0.1:9229';
const mb = (bytes: number) => Math.round(bytes / 104857.6) / 10;

async function inspectorUrl(): Promise<string> {
  for (let i = 0; i < 50; i++) {
    try {
      const list = (await (await fetch(`${INSPECTOR}/json/list`)).json()) as { webSocketDebuggerUrl: string; url: string }[];
      const target = list.find((t) => t.url.includes('src/main.ts'));
      if (target) return target.webSocketDebuggerUrl;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  throw new Error(`no platform node's inspector at ${INSPECTOR} (port taken by another process?)`);
}

export async function heapSnapshot(pid: number, file: string): Promise<HeapSummary> {
  process.kill(pid, 'SIGUSR1');
  const socket = new WebSocket(await inspectorUrl());
  await new Promise((resolve, reject) => ((socket.onopen = resolve), (socket.onerror = reject)));
  const pending = new Map<number, (value: { result?: { result?: { value?: unknown } } }) => void>();
  const stream = createWriteStream(file);
  socket.onmessage = (event) => {
    const message = JSON.parse(String(event.data)) as { id?: number; method?: string; params?: { chunk?: string } };
    if (message.method === 'HeapProfiler.addHeapSnapshotChunk') stream.write(message.params!.chunk!);
    else if (message.id !== undefined) pending.get(message.id)?.(message as never);
  };
  let nextId = 1;
  const send = (method: string, params: object = {}) =>
    new Promise<{ result?: { result?: { value?: unknown } } }>((resolve) => {
      const id = nextId++;
      pending.set(id, resolve);
      socket.send(JSON.stringify({ id, method, params }));
    });
  const expression = `JSON.stringify({ usage: process.memoryUsage(), spaces: process.getBuiltinModule('node:v8').getHeapSpaceStatistics() })`;
  const evaluated = await send('Runtime.evaluate', { expression, returnByValue: true });
  await send('HeapProfiler.enable');
  await send('HeapProfiler.takeHeapSnapshot', { reportProgress: false });
  await new Promise<void>((resolve) => stream.end(resolve));
  const afterGc = await send('Runtime.evaluate', { expression, returnByValue: true });
  await send('Runtime.evaluate', { expression: `setTimeout(() => process.getBuiltinModule('node:inspector').close(), 50), 0` });
  socket.close();
  type Evaluated = { usage: Record<string, number>; spaces: { space_name: string; space_used_size: number; space_size: number }[] };
  const { usage, spaces } = JSON.parse(String(evaluated.result?.result?.value ?? '{}')) as Evaluated;
  const { usage: usageAfterGc } = JSON.parse(String(afterGc.result?.result?.value ?? '{}')) as Evaluated;
  const inMb = (values: Record<string, number> | undefined) => Object.fromEntries(Object.entries(values ?? {}).map(([k, v]) => [k, mb(v)]));
  return {
    file,
    memoryUsageMb: inMb(usage),
    memoryUsageAfterGcMb: inMb(usageAfterGc),
    spaces: (spaces ?? []).filter((s) => s.space_size > 0).map((s) => ({ name: s.space_name, usedMb: mb(s.space_used_size), sizeMb: mb(s.space_size) })),
    ...summarise(file),
  };
}

/** Self size per constructor (objects, closures) or per kind (strings, arrays, code, …), largest first. */
function summarise(file: string): { totalSelfMb: number; top: HeapSummary['top'] } {
  const snapshot = JSON.parse(readFileSync(file, 'utf8')) as {
    snapshot: { meta: { node_fields: string[]; node_types: [string[]] } };
    nodes: number[];
    strings: string[];
  };
  const fields = snapshot.snapshot.meta.node_fields;
  const types = snapshot.snapshot.meta.node_types[0];
  const width = fields.length;
  const [typeAt, nameAt, sizeAt] = ['type', 'name', 'self_size'].map((f) => fields.indexOf(f)) as [number, number, number];
  const sums = new Map<string, { size: number; count: number }>();
  let total = 0;
  for (let i = 0; i < snapshot.nodes.length; i += width) {
    const type = types[snapshot.nodes[i + typeAt]!]!;
    const size = snapshot.nodes[i + sizeAt]!;
    total += size;
    const name = type === 'object' || type === 'closure' ? `${snapshot.strings[snapshot.nodes[i + nameAt]!]} (${type})` : `(${type})`;
    const entry = sums.get(name) ?? { size: 0, count: 0 };
    entry.size += size;
    entry.count++;
    sums.set(name, entry);
  }
  const top = [...sums]
    .sort((a, b) => b[1].size - a[1].size)
    .slice(0, 20)
    .map(([name, { size, count }]) => ({ name, selfMb: size / 2 ** 20, count }));
  return { totalSelfMb: mb(total), top };
}
