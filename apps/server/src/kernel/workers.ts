import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';

// Worker threads of the server. A worker's entry is a `*.worker.ts` file. `npm start` runs the esbuild bundle
// (scripts/build-server.mjs), which builds each such file as `<name>.worker.mjs` beside main.mjs and defines
// SHUZHENG_BUNDLE_DIR; the tests and tsx run the TypeScript sources, so there the worker first registers tsx's loader
// in its own thread, then imports the entry.

declare const SHUZHENG_BUNDLE_DIR: string | undefined;

/** Starts a worker thread on `entry`, a `*.worker.ts` file: `new URL('./x.worker.ts', import.meta.url)`. */
export function startWorker(entry: URL, workerData: unknown): Worker {
  const file = fileURLToPath(entry);
  if (!file.endsWith('.worker.ts')) throw new Error(`a worker entry is a *.worker.ts file: ${file}`);
  if (typeof SHUZHENG_BUNDLE_DIR === 'string') return new Worker(path.join(SHUZHENG_BUNDLE_DIR, path.basename(file).replace(/\.ts$/, '.mjs')), { workerData });
  const tsx = pathToFileURL(createRequire(import.meta.url).resolve('tsx/package.json').replace(/package\.json$/, 'dist/esm/api/index.mjs')).href;
  return new Worker(`import(${JSON.stringify(tsx)}).then((tsx) => { tsx.register(); return import(${JSON.stringify(entry.href)}); })`, { eval: true, workerData });
}
