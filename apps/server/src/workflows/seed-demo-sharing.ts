import { systemContext } from '../kernel/context.ts';
import type { Services } from '../app.ts';
import { catalogModule } from '../modules/catalog/index.ts';
import { sharingModule } from '../modules/sharing/index.ts';
import { actingAs, type Staff } from './demo-actor.ts';

// Demo share requests (共享申请) in several states, one active grant (民政局 社会救助信息系统 ← 公安局 常住人口基本信息 for
// 低保审核) and a demand, written through the sharing service as the stewards and the bureau would. Runs once: does
// nothing when any share request exists, or when the demo catalog lacks the entry or the system.

const REQUEST_ID = 'seed-demo-sharing';

export interface DemoSharingResult {
  seeded: boolean;
  requests: number;
  grants: number;
}

const actAs = (user: Staff) => actingAs(user, [catalogModule, sharingModule], REQUEST_ID);

export async function seedDemoSharing(services: Services): Promise<DemoSharingResult> {
  const { identity, catalog, sharing } = services;
  const none = { seeded: false, requests: 0, grants: 0 };
  const system = systemContext(REQUEST_ID);
  const staff = async (role: string) => (await identity.users.list(system, { role, kind: 'staff', status: 'active' }, { page: 1, pageSize: 100 })).items;
  const reviewerUser = (await staff('bureau_reviewer'))[0];
  const stewards = await staff('data_steward');
  const gajUser = stewards.find((u) => u.username === 'gaj_steward');
  const mzjUser = stewards.find((u) => u.username === 'mzj_steward');
  if (!reviewerUser || !gajUser || !mzjUser) return none;
  const [bureau, gaj, mzj] = [actAs(reviewerUser), actAs(gajUser), actAs(mzjUser)];
  if ((await sharing.requests.list(bureau, {}, { page: 1, pageSize: 1 })).total > 0) return none;

  const entry = (await catalog.entries.list(gaj, { q: '常住人口基本信息' }, { page: 1, pageSize: 20 })).items.find((e) => e.name === '常住人口基本信息' && e.currentVersion != null);
  const mzjSystem = (await catalog.systems.list(mzj, { q: '社会救助' }, { page: 1, pageSize: 5 })).items[0];
  if (!entry || !mzjSystem) return none;
  const shareable = (await catalog.forSharing.publishedEntry(entry.id))?.items.filter((i) => i.shareType !== 'none').map((i) => i.codeName) ?? [];
  if (shareable.length < 2) return none;

  const inYears = (n: number) => { const d = new Date(); d.setFullYear(d.getFullYear() + n); return d.toISOString().slice(0, 10); };
  const base = {
    entryId: entry.id, purposeType: 'administrative_basis', legalBasis: '《社会救助暂行办法》第十一条；《广东省最低生活保障制度实施办法》',
    consumerSystemId: mzjSystem.id, allowedIps: ['10.20.8.0/24', '127.0.0.1'], expectedDailyVolume: 800, operations: ['query', 'verify'] as ('query' | 'verify')[],
  };
  // 1. granted: 低保审核 (127.0.0.1 too, so that the demo credential can call the gateway from this machine)
  const r1 = await sharing.requests.create(mzj, { ...base, items: shareable.slice(0, 4), purposeText: '最低生活保障申请家庭的户籍与身份核对', scenario: '最低生活保障审核确认（政务服务事项）', validUntil: inYears(2) });
  if (r1.status === 'checking') await sharing.requests.check(bureau, r1.id, { decision: 'pass', note: '用途明确，依据充分' });
  if ((await sharing.requests.get(bureau, r1.id)).status === 'reviewing') {
    await sharing.requests.review(gaj, r1.id, { decision: 'approve', grant: { requireCaseNumber: true, requireOperatorId: true } });
  }
  // 2. awaiting the provider: 临时救助
  const r2 = await sharing.requests.create(mzj, { ...base, items: shareable.slice(0, 2), operations: ['verify'], purposeText: '临时救助对象身份核验', scenario: '临时救助审批', validUntil: inYears(1), expectedDailyVolume: 200 });
  if (r2.status === 'checking') await sharing.requests.check(bureau, r2.id, { decision: 'pass' });
  // 3. awaiting the bureau: 特困人员供养
  await sharing.requests.create(mzj, { ...base, items: shareable.slice(0, 3), purposeType: 'data_check', purposeText: '特困人员供养对象年度复核', scenario: '特困人员认定', validUntil: inYears(1), expectedDailyVolume: 100 });
  // a demand awaiting routing
  await sharing.demands.create(mzj, {
    title: '残疾人两项补贴发放信息', description: '低保家庭中残疾人的补贴发放情况，用于避免重复救助', items: ['残疾人证号', '补贴类型', '发放金额', '发放月份'],
    purpose: '社会救助重复救助核查', legalBasis: '《社会救助暂行办法》',
  });
  const grants = (await sharing.grants.list(bureau, {}, { page: 1, pageSize: 100 })).total;
  return { seeded: true, requests: 3, grants };
}
