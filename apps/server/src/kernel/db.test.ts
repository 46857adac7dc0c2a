import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { DataDirLockedError, openPglite } from './db.ts';

describe('embedded database lock', () => {
  it('refuses a second opener of the same data directory with a clear message, and frees it on close', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pglite-lock-'));
    // A live process other than ours holds the lock (pid 1 is always alive).
    fs.mkdirSync(dir, { recursive: true });
    fs.writeFileSync(path.join(dir, 'shuzheng.lock'), '1');
    await expect(openPglite(dir)).rejects.toBeInstanceOf(DataDirLockedError);
    await expect(openPglite(dir)).rejects.toThrow(/正被进程 1 使用/);

    // A stale lock left by a dead process is taken over.
    fs.writeFileSync(path.join(dir, 'shuzheng.lock'), '999999999');
    const db = await openPglite(dir);
    expect(fs.readFileSync(path.join(dir, 'shuzheng.lock'), 'utf8')).toBe(String(process.pid));
    await db.close();
    expect(fs.existsSync(path.join(dir, 'shuzheng.lock'))).toBe(false);
    fs.rmSync(dir, { recursive: true, force: true });
  }, 60_000);
});
