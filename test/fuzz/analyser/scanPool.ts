import { rmSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { CorpusFile } from './corpus.js';

export interface ScanRequest {
  id: number;
  files: CorpusFile[];
}

export type ScanReply =
  | { id: number; ok: true; violations: string[]; usages: number; milliseconds: number }
  | { id: number; ok: false; error: string; milliseconds: number };

/**
 * What one case came to: the worker's reply, a hang the timeout cut short, or a case still
 * running when the pool closed (the property's time budget ran out): no verdict on the code.
 */
export type CaseOutcome = ScanReply | { id: number; ok: false; hang: true; milliseconds: number } | { id: number; ok: false; closed: true; milliseconds: number };

const BOOT = fileURLToPath(new URL('./workerBoot.mjs', import.meta.url));
const WORKER_MODULE = fileURLToPath(new URL('./scanWorker.ts', import.meta.url));

/**
 * One worker thread that scans cases one at a time. A scan is synchronous work (the
 * TypeScript parser, the analyser), so a timer in the same thread could never interrupt
 * a hang: the worker runs it, and a case that outlives `timeoutMs` terminates the worker
 * (a fresh one starts for the next case) and is reported as a hang.
 */
export class ScanPool {
  private worker: Worker | undefined;
  private ready: Promise<void> | undefined;
  private folder: string | undefined;
  private nextId = 0;
  private pending = new Map<number, (outcome: CaseOutcome) => void>();
  /** The slowest case so far, for the fuzz script's report. */
  slowest = 0;

  constructor(private readonly timeoutMs: number) {}

  private start(): Promise<void> {
    if (this.ready) return this.ready;
    const worker = new Worker(BOOT, { workerData: { module: WORKER_MODULE } });
    this.worker = worker;
    this.ready = new Promise<void>((resolve, reject) => {
      worker.on('message', (message: ScanReply | { ready: string }) => {
        if ('ready' in message) {
          this.folder = message.ready;
          resolve();
          return;
        }
        const settle = this.pending.get(message.id);
        this.pending.delete(message.id);
        settle?.(message);
      });
      worker.on('error', (error) => {
        reject(error);
        for (const [id, settle] of this.pending) settle({ id, ok: false, error: `worker error: ${error.stack ?? error.message}`, milliseconds: 0 });
        this.pending.clear();
        this.reset();
      });
    });
    return this.ready;
  }

  private reset(): void {
    const worker = this.worker;
    this.worker = undefined;
    this.ready = undefined;
    if (this.folder) rmSync(this.folder, { recursive: true, force: true });
    this.folder = undefined;
    void worker?.terminate();
  }

  async scan(files: CorpusFile[]): Promise<CaseOutcome> {
    await this.start();
    const id = this.nextId++;
    const worker = this.worker!;
    const started = performance.now();
    const outcome = await new Promise<CaseOutcome>((resolve) => {
      const timer = setTimeout(() => {
        this.pending.delete(id);
        this.reset();
        resolve({ id, ok: false, hang: true, milliseconds: performance.now() - started });
      }, this.timeoutMs);
      this.pending.set(id, (reply) => {
        clearTimeout(timer);
        resolve(reply);
      });
      worker.postMessage({ id, files } satisfies ScanRequest);
    });
    this.slowest = Math.max(this.slowest, outcome.milliseconds);
    return outcome;
  }

  async close(): Promise<void> {
    const worker = this.worker;
    if (!worker) return;
    for (const [id, settle] of this.pending) settle({ id, ok: false, closed: true, milliseconds: 0 });
    this.pending.clear();
    await this.ready?.catch(() => undefined);
    await new Promise<void>((resolve) => {
      worker.once('exit', () => resolve());
      worker.postMessage('close');
      // The worker removes its folder and closes its port; make sure it ends.
      setTimeout(() => void worker.terminate(), 2000).unref();
    });
    this.worker = undefined;
    this.ready = undefined;
  }
}
