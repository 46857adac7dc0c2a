// npm run bench [name…]: runs the benchmarks and prints each figure next to its baseline or limit.
const all: Record<string, () => Promise<{ run(): Promise<string[]> }>> = {
  startup: () => import('./startup.bench.ts'),
  'audit-append': () => import('./audit-append.bench.ts'),
  'catalog-search': () => import('./catalog-search.bench.ts'),
  licenses: () => import('./licenses.bench.ts'),
  gateway: () => import('./gateway.bench.ts'),
  ingest: () => import('./ingest.bench.ts'),
  profile: () => import('./profile.bench.ts'),
  'quality-run': () => import('./quality-run.bench.ts'),
};

const wanted = process.argv.slice(2);
const names = wanted.length ? wanted : Object.keys(all);
console.log(`数政 bench — node ${process.version}, ${(await import('node:os')).cpus().length} cores, ${new Date().toISOString()}`);
for (const name of names) {
  const load = all[name];
  if (!load) throw new Error(`unknown benchmark ${name}; known: ${Object.keys(all).join(', ')}`);
  for (const line of await (await load()).run()) console.log(`  ${line}`);
}
