import { createRequire } from 'node:module';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';

// Worker threads of the server. `npm start` runs the esbuild bundle (scripts/build-server.mjs), which builds each
// worker entry as its own file next to main.mjs and defines SHUZHENG_BUNDLE_DIR; the tests and tsx run the
// TypeScript sources, so there the worker first registers tsx's loader in its own thread, then imports the entry.

declare const SHUZHENG_BUNDLE_DIR: string | undefined;

/** The worker entries the bundle builds (name → source, relative to apps/server/src). */
export const WORKER_ENTRIES = { 'call-log-writer': 'modules/gateway/call-log-worker.ts' } as const;

export function startWorker(name: keyof typeof WORKER_ENTRIES, workerData: unknown): Worker {
  if (typeof SHUZHENG_BUNDLE_DIR === 'string') return new Worker(path.join(SHUZHENG_BUNDLE_DIR, `${name}.mjs`), { workerData });
  const source = pathToFileURL(path.join(import.meta.dirname, '..', WORKER_ENTRIES[name])).href;
  const tsx = pathToFileURL(createRequire(import.meta.url).resolve('tsx/package.json').replace(/package\.json$/, 'dist/esm/api/index.mjs')).href;
  return new Worker(`import(${JSON.stringify(tsx)}).then((tsx) => { tsx.register(); return import(${JSON.stringify(source)}); })`, { eval: true, workerData });
}
