import { shanghaiDate } from '@shuzheng/standards';
import { systemContext, type RequestContext } from '../kernel/context.ts';
import { AppError } from '../kernel/errors.ts';
import type { Services } from '../app.ts';
import { catalogModule } from '../modules/catalog/index.ts';
import { actingAs as actAs, type Staff } from './demo-actor.ts';
import { DEMO_CATALOG, type DemoDepartment, type DemoEntry, type DemoItem, type DemoMount } from './seed-demo-catalog-data.ts';

// The demo catalog (政务数据目录) of the demo city, written through the catalog service exactly as the departments'
// data stewards and the bureau's reviewer would: systems registered, entries created, submitted, machine-checked,
// approved or returned, mounted, one published as version 2. Deterministic content; dates count back from the seed day.

const REQUEST_ID = 'seed-demo-catalog';
const GATEWAY = 'https://gateway.sjgx.internal/api';

export interface DemoCatalogResult {
  /** false when the catalog already had entries (nothing was written) */
  seeded: boolean;
  entries: number;
  published: number;
  byStatus: Record<string, number>;
  /** steward accounts the seed had to create (departments of the demo city without one) */
  stewardsCreated: string[];
}

/** A request context acting as this staff member with their roles' catalog permissions (the seed's own request id). */
const actingAs = (user: Staff): RequestContext => actAs(user, [catalogModule], REQUEST_ID);

const columnType = (i: DemoItem) =>
  ({ string: `varchar(${i.length})`, decimal: `numeric(${i.length},2)`, integer: 'integer', date: 'date', datetime: 'timestamp', boolean: 'boolean' })[i.dataType];

function mountInput(m: DemoMount, items: DemoItem[]) {
  if (m.kind === 'table') {
    return {
      kind: 'table' as const,
      table: { datasource: m.datasource, schemaName: m.schema, tableName: m.table, columns: items.map((i) => ({ column: i.codeName, columnType: columnType(i), itemCodeName: i.codeName })) },
    };
  }
  const endpoint = `${GATEWAY}${m.path}`;
  return { kind: 'api' as const, api: { endpoint, method: m.method, openapiUrl: `${GATEWAY}${m.path.replace(/^(\/[^/]+).*$/, '$1')}/openapi.json`, auth: m.auth } };
}

/** Seeds the demo catalog once, through the catalog service; does nothing when the catalog already has entries. */
export async function seedDemoCatalog(services: Services, opts: { password: string; today?: string }): Promise<DemoCatalogResult> {
  const { identity, catalog, calendar } = services;
  const system = systemContext(REQUEST_ID);
  const staffWith = async (role: string) => (await identity.users.list(system, { role, kind: 'staff', status: 'active' }, { page: 1, pageSize: 100 })).items;

  const reviewerUser = (await staffWith('bureau_reviewer'))[0];
  if (!reviewerUser) throw new Error('演示目录需要演示城市的数据局审核员账号（先运行演示城市初始化）');
  const reviewer = actingAs(reviewerUser);
  if ((await catalog.entries.list(reviewer, {}, { page: 1, pageSize: 1 })).total > 0) {
    return { seeded: false, entries: 0, published: 0, byStatus: {}, stewardsCreated: [] };
  }

  const today = opts.today ?? shanghaiDate(new Date());
  // n working days before the seed day; calendar days × 7/5 when the calendar lacks the year.
  const workingDaysAgo = async (n: number) => {
    try {
      return await calendar.addWorkingDays(today, -n);
    } catch {
      return new Date(Date.parse(today) - Math.ceil((n * 7) / 5) * 86_400_000).toISOString().slice(0, 10);
    }
  };

  // The departments of the demo city, by name: the city prefix is the data bureau's.
  const departments = (await identity.departments.list({}, { page: 1, pageSize: 1000 })).items;
  const bureau = departments.find((d) => d.isDataBureau);
  if (!bureau) throw new Error('演示目录需要演示城市的政务服务数据管理局');
  const city = bureau.name.replace(/政务服务数据管理局$/, '');
  const plan = DEMO_CATALOG.flatMap((d) => {
    const department = departments.find((x) => x.name === `${city}${d.suffix}`);
    return department ? [{ spec: d, department }] : [];
  });

  // Each department's data steward: the demo city's own, or a new steward account (数据专员) for the department. The new
  // accounts are started at once so that their password hashing overlaps with the first departments' cataloguing.
  const existingStewards = await staffWith('data_steward');
  const stewardsCreated: string[] = [];
  const stewards = plan.map(async ({ spec, department }) => {
    const existing = existingStewards.find((u) => u.departmentId === department.id);
    if (existing) return actingAs(existing);
    stewardsCreated.push(spec.steward.username);
    const user = await identity.users.create(system, {
      username: spec.steward.username, displayName: spec.steward.displayName, kind: 'staff', departmentId: department.id, roles: ['data_steward'], password: opts.password,
    });
    return actingAs(user);
  });
  // Unhandled until awaited in the loop below; a failure still surfaces there.
  for (const p of stewards) p.catch(() => {});

  const codes = new Map<string, string>();
  const later: { ctx: RequestContext; id: string; entry: DemoEntry }[] = [];
  let defaultAge = 45;
  for (const [d, { spec }] of plan.entries()) {
    const ctx = await stewards[d]!;
    const systemIds: string[] = [];
    for (const s of spec.systems) {
      systemIds.push((await catalog.systems.create(ctx, { ...s, status: 'running', contactName: ctx.actor!.displayName, contactPhone: spec.phone })).id);
    }
    for (const [i, entry] of spec.entries.entries()) {
      const fate = entry.fate ?? 'published';
      // Resources published long ago were identified long ago: 48, 51, 54 … working days before the seed day.
      defaultAge += 3;
      const id = await createEntry(ctx, spec, entry, i, systemIds, codes, await workingDaysAgo(entry.identified ?? defaultAge));
      if (fate === 'draft') continue;
      await submit(ctx, id, entry.name);
      if (fate === 'submitted') continue;
      if (fate === 'returned') {
        await catalog.lifecycle.review(reviewer, id, { decision: 'return', comment: '请按意见修改后重新提交', reasons: entry.reasons ?? [{ path: 'entry', message: '请完善后重新提交' }] });
        continue;
      }
      await catalog.lifecycle.review(reviewer, id, { decision: 'approve', comment: '元数据完整，同意发布' });
      if (fate === 'version2' || fate === 'change_submitted') later.push({ ctx, id, entry });
    }
  }

  // Changes after the first publication: one approved as version 2, one waiting for the bureau.
  for (const { ctx, id, entry } of later) {
    const current = await catalog.entries.get(ctx, id);
    const items = [...current.items.map(({ id: _id, position: _position, ...rest }) => rest), ...(entry.change?.addItems ?? [])];
    await catalog.entries.update(ctx, id, { ...(entry.change?.summary && { summary: entry.change.summary }), items });
    await submit(ctx, id, entry.name);
    if (entry.fate === 'version2') await catalog.lifecycle.review(reviewer, id, { decision: 'approve', comment: '变更内容与三定职责一致，同意发布新版本' });
  }

  const stats = (await catalog.supervision.stats(reviewer, undefined)).city!;
  return { seeded: true, entries: stats.entries, published: stats.published, byStatus: stats.byStatus, stewardsCreated };

  async function createEntry(
    ctx: RequestContext, spec: DemoDepartment, e: DemoEntry, index: number, systemIds: string[], known: Map<string, string>, identifiedOn: string,
  ): Promise<string> {
    const created = await catalog.entries.create(ctx, {
      name: e.name, category: e.category, subcategory: e.subcategory, summary: e.summary, keywords: e.keywords, systemId: systemIds[e.system] ?? systemIds[0]!,
      formatClass: e.format[0], formatType: e.format[1],
      shareType: e.share, shareCondition: e.share === 'conditional' ? e.shareCondition ?? null : null,
      shareMethod: e.channels ? 'platform' : 'other', shareChannels: e.channels ?? [], shareOtherMethod: e.channels ? null : e.otherMethod ?? '按需以加密介质交换',
      noShareBasisType: e.noShare?.[0] ?? null, noShareBasisText: e.noShare?.[1] ?? null,
      openType: e.open, openCondition: e.open === 'conditional' ? e.openCondition ?? null : null,
      updateFrequency: e.frequency, grade: e.grade, sensitivityLevel: e.grade === 'general' ? e.level ?? 2 : null, classified: false,
      relatedCodes: (e.related ?? []).flatMap((name) => (known.has(name) ? [known.get(name)!] : [])),
      dutyText: `${e.duty}（${spec.sanding}）`, dutyListRef: `${spec.key.toUpperCase()}-ZZ-${String(index + 1).padStart(3, '0')}`,
      identifiedOn, dutyChangedOn: null, recordCount: e.records ?? null, storageMb: e.storageMb ?? null,
      contactName: ctx.actor!.displayName, contactPhone: spec.phone, contactEmail: null,
      items: e.items,
    });
    known.set(e.name, created.code);
    if (e.mount) await catalog.mounts.create(ctx, created.id, mountInput(e.mount, e.items));
    return created.id;
  }

  async function submit(ctx: RequestContext, id: string, name: string) {
    try {
      await catalog.lifecycle.submit(ctx, id);
    } catch (err) {
      // A seed entry that fails the machine checks is a bug in the demo data: name it and its problems.
      if (err instanceof AppError) throw new Error(`演示目录“${name}”提交失败：${err.message} ${JSON.stringify(err.details)}`);
      throw err;
    }
  }
}
