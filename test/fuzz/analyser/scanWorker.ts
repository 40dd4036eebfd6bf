import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { parentPort } from 'node:worker_threads';
import { scanProject } from '../../../src/analyser/scanProject.js';
import { fuzzIndex } from '../harness.js';
import { checkScan } from './checkScan.js';
import type { ScanReply, ScanRequest } from './scanPool.js';

/**
 * Runs in a worker thread: writes a case's files to a fresh temporary folder, scans it
 * in-process with the real CompatIndex, checks the result (checkScan.ts) and replies.
 * The main thread bounds each case with a timeout and terminates this thread on a hang.
 */
const index = fuzzIndex();
const base = await mkdtemp(join(tmpdir(), 'docker-api-compat-fuzz-'));
let counter = 0;

async function runCase(request: ScanRequest): Promise<ScanReply> {
  const folder = join(base, `case-${counter++}`);
  const started = performance.now();
  try {
    for (const file of request.files) {
      const absolute = join(folder, file.path);
      await mkdir(dirname(absolute), { recursive: true });
      await writeFile(absolute, file.text);
    }
    const result = await scanProject({ paths: ['.'], cwd: folder, index });
    const violations = checkScan(result, index);
    return { id: request.id, ok: true, violations, usages: result.usages.length, milliseconds: performance.now() - started };
  } catch (error) {
    const text = error instanceof Error ? (error.stack ?? `${error.name}: ${error.message}`) : String(error);
    return { id: request.id, ok: false, error: text, milliseconds: performance.now() - started };
  } finally {
    await rm(folder, { recursive: true, force: true });
  }
}

parentPort!.on('message', (message: ScanRequest | 'close') => {
  if (message === 'close') {
    void rm(base, { recursive: true, force: true }).then(() => parentPort!.close());
    return;
  }
  void runCase(message).then((reply) => parentPort!.postMessage(reply));
});
parentPort!.postMessage({ ready: base });
