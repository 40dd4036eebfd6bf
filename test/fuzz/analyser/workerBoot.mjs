// Worker-thread entry: loads the TypeScript worker module through tsx, so that the same
// code runs under vitest and under `npm run fuzz`.
import { workerData } from 'node:worker_threads';
import { tsImport } from 'tsx/esm/api';

await tsImport(workerData.module, import.meta.url);
