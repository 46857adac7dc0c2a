// npm test: type-check every workspace, then run unit and route tests — on embedded PostgreSQL (PGlite),
// or on the PostgreSQL that DATABASE_URL names. Extra arguments go to vitest (e.g. a file filter).
import { spawnSync } from 'node:child_process';

const run = (cmd, args) => spawnSync(cmd, args, { stdio: 'inherit', shell: false }).status ?? 1;
const bin = (name) => new URL(`../node_modules/.bin/${name}`, import.meta.url).pathname;

console.log(`数政 tests on ${process.env.DATABASE_URL ? 'PostgreSQL (DATABASE_URL)' : 'embedded PostgreSQL (PGlite)'}`);
for (const project of ['packages/standards', 'apps/server', 'apps/web']) {
  if (run(bin('tsc'), ['-p', project]) !== 0) {
    console.error(`type check failed in ${project}\n0 passed, 1 failed`);
    process.exit(1);
  }
}
process.exit(run(bin('vitest'), ['run', '--reporter=default', '--reporter=./scripts/summary-reporter.ts', ...process.argv.slice(2)]));
