import { scopeOf, systemContext, type RequestContext } from '../../kernel/context.ts';
import { createCallLog } from './call-log.ts';
import { threadWriter } from './call-log-thread.ts';
import { faultName, GatewayErrors } from './gateway.errors.ts';
import { createGatewayRepository, type StatsGroupBy } from './gateway.repository.ts';
import { DEFAULT_GATEWAY_OPTIONS, type GatewayDeps, type GatewayOptions } from './gateway-core.ts';
import { keyHasher } from './gateway-signature.ts';
import { createCredentials } from './manage-credentials.ts';
import { createApiProxy, DROPPED_HEADERS } from './proxy-api.ts';
import { createDataPath } from './serve-data.ts';
import { createUpstreamCredentials } from './upstream-credentials.ts';

export type GatewayService = ReturnType<typeof createGatewayService>;

type Input = Omit<GatewayDeps, 'options' | 'now' | 'log'> & { options?: Partial<GatewayOptions>; now?: () => Date; log?: GatewayDeps['log'] };

const silent = { error() {}, warn() {}, info() {} };

/**
 * 共享交换网关: credentials of consumer systems, the signed data path /gateway/v1 with grant checks and masking,
 * the SM3-chained call log written in the background (503 when it cannot be written), statistics and the citizen's
 * “谁用了我的数据”.
 */
export function createGatewayService(input: Input) {
  const deps: GatewayDeps = { ...input, options: { ...DEFAULT_GATEWAY_OPTIONS, ...input.options }, now: input.now ?? (() => new Date()), log: input.log ?? silent };
  const repo = () => createGatewayRepository(deps.db);

  const callLog = createCallLog(deps.db, {
    maxBacklog: deps.options.logMaxBacklog,
    batchSize: deps.options.logBatchSize,
    flushDelayMs: deps.options.logFlushDelayMs,
    onAlarm: (event) => {
      if (event.state === 'unavailable') deps.log.error({ alarm: 'GATEWAY_LOG_UNAVAILABLE', ...event }, '告警：网关调用日志无法写入，网关已暂停服务');
      else deps.log.warn({ alarm: 'GATEWAY_LOG_RECOVERED', ...event }, '网关调用日志恢复写入，网关恢复服务');
      // Also in the audit log when it can be written (it is a different table; it may well work).
      deps.audit.recordAlone(systemContext('gateway-call-log'), {
        action: event.state === 'unavailable' ? 'gateway.log.alarm' : 'gateway.log.recovered', result: event.state === 'unavailable' ? 'failure' : 'success',
        reason: event.state === 'unavailable' ? 'GATEWAY_LOG_UNAVAILABLE' : null, details: { reason: event.reason.slice(0, 300), backlog: event.backlog },
      }).catch((err: unknown) => deps.log.error({ err }, 'could not record the gateway log alarm in the audit log'));
    },
  }, deps.callLogDatabaseUrl ? threadWriter(deps.callLogDatabaseUrl) : undefined);
  const credentials = createCredentials(deps);
  const data = createDataPath(deps, credentials, callLog);
  const upstreams = createUpstreamCredentials(deps, DROPPED_HEADERS);
  const hashKey = keyHasher(deps.masterKey);
  const names = new Map<string, string>();
  const departmentName = async (id: string | null) => {
    if (!id) return null;
    if (!names.has(id)) names.set(id, await deps.departments.get(id).then((d) => d.name, () => ''));
    return names.get(id)!;
  };

  return {
    credentials,
    data,
    /** 逻辑接入: mounted APIs proxied through the data path's checks (proxy-api.ts). */
    proxy: createApiProxy(deps, data, upstreams),
    /** 上游接口凭据: what the proxy presents to a provider's own API (upstream-credentials.ts). */
    upstreams,
    callLog: { status: callLog.status, drain: callLog.drain, verify: callLog.verify },
    options: deps.options,

    /** Verifies the call log's SM3 chain (audited). */
    async verifyLog(ctx: RequestContext) {
      const report = await callLog.verify();
      await deps.audit.recordAlone(ctx, { action: 'gateway.log.verify', result: report.ok ? 'success' : 'failure', reason: report.ok ? null : report.firstBroken!.reason, details: { ...report } });
      return report;
    },

    /**
     * Calls per day and grant / consumer / provider / entry / fault code, errors and latency percentiles. Scope all (the bureau) sees
     * every call; department scope only calls its department made or answered.
     */
    async stats(ctx: RequestContext, q: { from: string; to: string; groupBy: StatsGroupBy }) {
      const scope = scopeOf(ctx, 'gateway.stats.read');
      const departmentId = scope === 'all' ? null : ctx.actor?.departmentId ?? '00000000-0000-0000-0000-000000000000';
      const from = new Date(`${q.from}T00:00:00+08:00`);
      const to = new Date(new Date(`${q.to}T00:00:00+08:00`).getTime() + 86_400_000);
      const rows = await repo().stats({ from, to, departmentId }, q.groupBy);
      const dept = q.groupBy === 'consumer' || q.groupBy === 'provider';
      const items = [];
      for (const r of rows) {
        items.push({
          day: r.day, key: r.key, label: dept ? await departmentName(r.key) : q.groupBy === 'fault' ? faultName(r.key) : null, calls: Number(r.calls), errors: Number(r.errors),
          p50Ms: r.p50 === null ? null : Number(r.p50), p95Ms: r.p95 === null ? null : Number(r.p95), p99Ms: r.p99 === null ? null : Number(r.p99),
        });
      }
      return { from: q.from, to: q.to, groupBy: q.groupBy, scope: departmentId ? ('department' as const) : ('all' as const), items };
    },

    /** 谁用了我的数据: successful calls whose queried keys include the citizen's own ID number. */
    async myDataUses(ctx: RequestContext) {
      const holder = ctx.actor ? await deps.identity.holderOf(ctx.actor.userId) : null;
      if (!holder || holder.type !== 'citizen') throw GatewayErrors.notCitizen();
      const rows = await repo().usesOfKey(hashKey(holder.id), 500);
      const items = [];
      for (const r of rows) {
        const table = r.entry_id ? await deps.catalog.mounts.tableFor(r.entry_id).catch(() => null) : null;
        items.push({
          id: r.id, at: r.request_in_at.toISOString(), departmentId: r.consumer_department_id, departmentName: await departmentName(r.consumer_department_id),
          providerDepartmentName: await departmentName(r.provider_department_id), entryId: r.entry_id, entryName: table?.entryName ?? null,
          operation: r.operation, purpose: r.purpose, caseNumber: r.case_number,
        });
      }
      return { items };
    },

    /** Removes expired nonces and tokens (a periodic job). */
    purgeExpired: () => repo().purgeExpired(deps.now()),

    /** Flushes the call log (app shutdown). */
    close: () => callLog.close(),
  };
}
