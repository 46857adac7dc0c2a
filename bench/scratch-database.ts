import pg from 'pg';

/**
 * A scratch database next to the one BENCH_DATABASE_URL names (`<name>_<suffix>`), dropped first if a failed run left
 * it behind, then created empty; `drop()` removes it at the end of the bench.
 */
export async function scratchDatabase(url: string, suffix: string): Promise<{ url: string; name: string; drop(): Promise<void> }> {
  const base = new URL(url);
  const name = `${base.pathname.replace(/^\//, '') || 'sz_bench'}_${suffix}`;
  const admin = new URL(url);
  admin.pathname = '/postgres';
  const adminQuery = async (text: string) => {
    const client = new pg.Client({ connectionString: admin.toString() });
    await client.connect();
    try {
      await client.query(text);
    } finally {
      await client.end();
    }
  };
  await adminQuery(`drop database if exists "${name}" with (force)`);
  await adminQuery(`create database "${name}"`);
  const target = new URL(url);
  target.pathname = `/${name}`;
  return { url: target.toString(), name, drop: () => adminQuery(`drop database if exists "${name}" with (force)`) };
}
