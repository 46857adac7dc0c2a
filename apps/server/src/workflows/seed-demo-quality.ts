import { systemContext } from '../kernel/context.ts';
import { SUBJECT_KEY_ITEMS } from '../kernel/data-tables.ts';
import type { Services } from '../app.ts';
import { catalogModule } from '../modules/catalog/index.ts';
import { qualityModule } from '../modules/quality/index.ts';
import { actingAs } from './demo-actor.ts';

// Demo quality rules (数据质量): on every demo entry whose mounted table holds data, the rules a data bureau starts
// with, chosen by data item — valid ID numbers and credit codes (GB 11643 / GB 32100), unique subject keys, names
// and addresses present, dates valid and not in the future, divisions in GB/T 2260, gender in GB/T 2261.1 — written
// by the bureau's reviewer through the quality service, then one run per entry so scores, issues and the ranking have
// something to show (the registries seed put a few bad values in). Runs once: nothing when any rule exists.

const REQUEST_ID = 'seed-demo-quality';

interface RuleSpec { type: string; items: string[]; dimension: string; severity: string; params?: Record<string, unknown> }

/** The starting rules for a table's mapped data items (by catalog code name). */
function rulesFor(items: Set<string>, dataTypes: Map<string, string | null>): RuleSpec[] {
  const rules: RuleSpec[] = [];
  for (const key of Object.values(SUBJECT_KEY_ITEMS)) {
    if (!items.has(key)) continue;
    rules.push({ type: key === SUBJECT_KEY_ITEMS.person ? 'id_number' : 'credit_code', items: [key], dimension: 'validity', severity: 'high' });
  }
  for (const item of ['person_name', 'institution_name', 'entity_name', 'domicile_address', 'address']) {
    if (items.has(item)) rules.push({ type: 'not_null', items: [item], dimension: 'completeness', severity: 'medium' });
  }
  for (const [item, type] of dataTypes) if (type === 'date') rules.push({ type: 'date_valid', items: [item], dimension: 'validity', severity: 'medium' });
  for (const item of items) if (item.endsWith('_division') || item === 'division_code') rules.push({ type: 'code_table', items: [item], dimension: 'validity', severity: 'low', params: { codeTableId: 'GB/T 2260' } });
  if (items.has('gender')) rules.push({ type: 'code_table', items: ['gender'], dimension: 'validity', severity: 'low', params: { codeTableId: 'GB/T 2261.1' } });
  return rules;
}

export interface DemoQualityResult {
  seeded: boolean;
  entries: number;
  rules: number;
  issues: number;
}

/** Seeds the demo quality rules and runs them once; after the demo catalog and the exchange and registries seeds (their tables). */
export async function seedDemoQuality(services: Services): Promise<DemoQualityResult> {
  const { identity, catalog, quality } = services;
  const none: DemoQualityResult = { seeded: false, entries: 0, rules: 0, issues: 0 };
  const reviewer = (await identity.users.list(systemContext(REQUEST_ID), { role: 'bureau_reviewer', kind: 'staff', status: 'active' }, { page: 1, pageSize: 1 })).items[0];
  if (!reviewer) return none;
  const bureau = actingAs(reviewer, [catalogModule, qualityModule], REQUEST_ID);
  if ((await quality.rules.entries(bureau)).items.length) return none;
  // The published entries whose tables identify persons or entities (the registries' sources and the population table).
  const tables = (await Promise.all(Object.values(SUBJECT_KEY_ITEMS).map((k) => catalog.mounts.tablesWithItem(k)))).flat();
  const entryIds = [...new Set(tables.map((t) => t.entryId))];
  let rules = 0;
  let issues = 0;
  let entries = 0;
  for (const entryId of entryIds) {
    const table = await catalog.mounts.tableFor(entryId);
    if (!table || table.entryStatus !== 'published') continue;
    const specs = rulesFor(new Set(table.columns.map((c) => c.itemCodeName)), new Map(table.columns.map((c) => [c.itemCodeName, c.dataType])));
    if (!specs.length) continue;
    for (const spec of specs) await quality.rules.create(bureau, entryId, spec);
    rules += specs.length;
    issues += (await quality.runs.run(bureau, entryId)).issuesOpened;
    entries++;
  }
  return { seeded: entries > 0, entries, rules, issues };
}
