// The server as one ES module for `npm start`: apps/server/src/main.ts and the workspace packages it imports, bundled
// by esbuild into apps/server/dist/main.mjs (npm packages stay imports), with each worker thread's entry beside it
// (`*.worker.ts` → `*.worker.mjs`). Loading ~300 TypeScript files through tsx's loader thread took about 2 s of every
// start; the bundle loads in a fraction of that. Tests still run the sources.
// `import.meta.dirname` / `import.meta.url` are replaced by each source file's own location, so the migrations,
// fonts and the web build are found where they are in the checkout.
import fs from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import * as esbuild from 'esbuild';

const root = path.resolve(import.meta.dirname, '..');
export const SERVER_BUNDLE = path.join(root, 'apps/server/dist/main.mjs');
const SOURCES = [path.join(root, 'apps/server/src'), path.join(root, 'packages/standards/src')];

/** Every file under dir (node_modules and dist skipped). */
function files(dir) {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    if (entry.name === 'node_modules' || entry.name === 'dist') return [];
    const full = path.join(dir, entry.name);
    return entry.isDirectory() ? files(full) : [full];
  });
}

/** The newest modification time of the files under dir: has a build gone stale? */
export const newest = (dir) => Math.max(0, ...files(dir).map((f) => fs.statSync(f).mtimeMs));

const sourceLocation = {
  name: 'source-location',
  setup(build) {
    // Bare imports stay imports (node_modules), except our own workspace packages, which are TypeScript.
    build.onResolve({ filter: /^[^./]/ }, (args) => (args.path.startsWith('@shuzheng/') ? undefined : { path: args.path, external: true }));
    build.onLoad({ filter: /\.ts$/ }, async (args) => {
      const code = await fs.promises.readFile(args.path, 'utf8');
      return {
        contents: code.replaceAll('import.meta.dirname', JSON.stringify(path.dirname(args.path))).replaceAll('import.meta.url', JSON.stringify(pathToFileURL(args.path).href)),
        loader: 'ts',
      };
    });
  },
};

/** Builds the bundle when it is missing or older than any server or standards source; returns whether it built. */
export async function buildServer() {
  const sources = Math.max(...SOURCES.map(newest), fs.statSync(import.meta.filename).mtimeMs);
  if (fs.existsSync(SERVER_BUNDLE) && fs.statSync(SERVER_BUNDLE).mtimeMs >= sources) return false;
  // Worker threads (apps/server/src/kernel/workers.ts): each `*.worker.ts` file is an entry of its own.
  const entries = Object.fromEntries(files(path.join(root, 'apps/server/src')).filter((f) => f.endsWith('.worker.ts')).map((f) => [path.basename(f, '.ts'), f]));
  await esbuild.build({
    entryPoints: { main: path.join(root, 'apps/server/src/main.ts'), ...entries },
    outdir: path.dirname(SERVER_BUNDLE),
    outExtension: { '.js': '.mjs' },
    define: { SHUZHENG_BUNDLE_DIR: JSON.stringify(path.dirname(SERVER_BUNDLE)) },
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    sourcemap: 'linked',
    plugins: [sourceLocation],
    logLevel: 'warning',
  });
  return true;
}
