import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

// The module rules of docs/ARCHITECTURE.md, checked on every run.
const SRC = import.meta.dirname;

function sourceFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const full = path.join(dir, e.name);
    return e.isDirectory() ? sourceFiles(full) : e.name.endsWith('.ts') && !e.name.endsWith('.test.ts') ? [full] : [];
  });
}

function imports(file: string): string[] {
  const text = fs.readFileSync(file, 'utf8');
  return [...text.matchAll(/(?:from|import)\s*\(?\s*'([^']+)'/g)].map((m) => m[1]!).filter((s) => s.startsWith('.'));
}

const rel = (f: string) => path.relative(SRC, f);
const moduleOf = (f: string) => /^modules\/([^/]+)\//.exec(rel(f))?.[1] ?? null;

describe('module boundaries', () => {
  const files = sourceFiles(SRC);

  it('reaches another module only through its index.ts', () => {
    const violations: string[] = [];
    let crossModule = 0;
    for (const file of files) {
      for (const spec of imports(file)) {
        const target = path.resolve(path.dirname(file), spec);
        const from = moduleOf(file);
        const to = moduleOf(target);
        if (to && to !== from) crossModule++;
        if (to && to !== from && path.basename(target) !== 'index.ts') violations.push(`${rel(file)} → ${rel(target)}`);
      }
    }
    // The scan must see the imports that do cross modules (e.g. identity → audit), or it proves nothing.
    expect(crossModule).toBeGreaterThan(5);
    expect(violations).toEqual([]);
  });

  it('keeps kernel/ free of modules and workflows', () => {
    const violations = files
      .filter((f) => rel(f).startsWith('kernel/'))
      .flatMap((f) => imports(f).map((s) => rel(path.resolve(path.dirname(f), s))).filter((t) => t.startsWith('modules/') || t.startsWith('workflows/')).map((t) => `${rel(f)} → ${t}`));
    expect(violations).toEqual([]);
  });

  it('keeps SQL in repositories, migrations and the kernel', () => {
    const violations = files
      .filter((f) => moduleOf(f) && !f.endsWith('.repository.ts'))
      .filter((f) => /\bsql`|\.selectFrom\(|\.insertInto\(|\.updateTable\(|\.deleteFrom\(/.test(fs.readFileSync(f, 'utf8')))
      .map(rel);
    expect(violations).toEqual([]);
  });

  it('prefixes every table a module creates with the module name', () => {
    const violations: string[] = [];
    for (const dir of fs.readdirSync(path.join(SRC, 'modules'))) {
      const migrations = path.join(SRC, 'modules', dir, 'migrations');
      if (!fs.existsSync(migrations)) continue;
      for (const f of fs.readdirSync(migrations)) {
        for (const m of fs.readFileSync(path.join(migrations, f), 'utf8').matchAll(/create table (?:if not exists )?(\w+)/gi)) {
          if (!m[1]!.startsWith(`${dir}_`)) violations.push(`${dir}/${f}: ${m[1]}`);
        }
      }
    }
    expect(violations).toEqual([]);
  });
});
