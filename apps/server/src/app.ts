import path from 'node:path';
import Fastify, { type FastifyInstance } from 'fastify';
import fastifyCookie from '@fastify/cookie';
import fastifySwagger from '@fastify/swagger';
import fastifySwaggerUi from '@fastify/swagger-ui';
import { Registry } from 'prom-client';
import type { Kysely } from 'kysely';
import { divisionFullName } from '@shuzheng/standards';
import type { Config } from './config.ts';
import { openDatabase, pingDatabase, type Database } from './kernel/db.ts';
import { kernelFastifyOptions, lazySchemaCompilers, registerHttpKernel } from './kernel/http.ts';
import { createJobRunner, type JobRunner } from './kernel/jobs.ts';
import { migrate } from './kernel/migrate.ts';
import type { ModuleManifest } from './kernel/module.ts';
import { ErrorBody } from './kernel/schemas.ts';
import { registerWeb } from './kernel/web.ts';
import { auditModule, auditRoutes, createAuditService, type AuditService } from './modules/audit/index.ts';
import { calendarModule, calendarRoutes, createCalendarService, type CalendarService } from './modules/calendar/index.ts';
import { catalogModule, catalogRoutes, createCatalogService, type CatalogService } from './modules/catalog/index.ts';
import { createLicenseService, licensesModule, licensesRoutes, type LicenseService } from './modules/licenses/index.ts';
import { cockpitModule, cockpitRoutes, createCockpitService } from './modules/cockpit/index.ts';
import { createIdentityService, identityModule, identityRoutes, type IdentityService } from './modules/identity/index.ts';
import { createGatewayService, gatewayDataRoutes, gatewayModule, gatewayRoutes, type GatewayService, type GrantLookup } from './modules/gateway/index.ts';
import { portalModule, portalRoutes } from './modules/portal/index.ts';
import { createSharingService, sharingModule, sharingRoutes, type SharingService } from './modules/sharing/index.ts';
import { createQualityService, qualityModule, qualityRoutes, registerQualityJobs, type QualityService } from './modules/quality/index.ts';
import { createRegistryService, registryModule, registryRoutes, type RegistryService } from './modules/registry/index.ts';
import { createDisputesService, disputesModule, disputesRoutes, type DisputesService } from './modules/disputes/index.ts';
import { catalogLineage, createLineageService, ingestJobsLineage, registryLineage, lineageModule, lineageRoutes, sharingLineage } from './modules/lineage/index.ts';
import { createIngestService, ingestModule, ingestRoutes, INGEST_JOB_KIND, INGEST_SCHEDULE_KIND, type IngestService } from './modules/ingest/index.ts';

export const VERSION = '0.1.0';

/** Every module, in migration order (a module's tables may reference only modules listed before it). */
export const MODULES: ModuleManifest[] = [auditModule, identityModule, calendarModule, catalogModule, sharingModule, disputesModule, licensesModule, gatewayModule, ingestModule, registryModule, qualityModule, lineageModule, cockpitModule, portalModule];

export const migrationSources = () => [
  { module: 'kernel', dir: path.join(import.meta.dirname, 'kernel', 'migrations') },
  ...MODULES.map((m) => ({ module: m.name, dir: m.migrationsDir })),
];

export interface Services {
  audit: AuditService;
  identity: IdentityService;
  calendar: CalendarService;
  catalog: CatalogService;
  sharing: SharingService;
  disputes: DisputesService;
  licenses: LicenseService;
  gateway: GatewayService;
  ingest: IngestService;
  registry: RegistryService;
  quality: QualityService;
}

/** OpenLineage namespace/database of the data tables: from DATABASE_URL (`postgres://host:port`, db name), else embedded. */
function ingestLineage(url: string | undefined) {
  try {
    const u = new URL(url ?? '');
    return { lineageNamespace: `postgres://${u.hostname}:${u.port || '5432'}`, lineageDatabase: u.pathname.replace(/^\//, '') || 'postgres' };
  } catch {
    return { lineageNamespace: 'postgres://pglite', lineageDatabase: 'shuzheng' };
  }
}

export interface App {
  app: FastifyInstance;
  services: Services;
  jobs: JobRunner;
  database: Database;
  /** Compiles the route schemas no request has needed yet (they compile on first use); returns how many. */
  compileSchemas(): number;
  close(): Promise<void>;
}

/** Builds the whole platform on a database: migrations, services, jobs, HTTP routes and the web app. */
export async function buildApp(config: Config, opts: { database?: Database; logger?: boolean; gatewayGrants?: GrantLookup } = {}): Promise<App> {
  const database = opts.database ?? (await openDatabase(config));
  try {
    return await assemble(config, database, opts.logger ?? true, opts.gatewayGrants);
  } catch (err) {
    await database.close();
    throw err;
  }
}

async function assemble(config: Config, database: Database, logger: boolean, gatewayGrants?: GrantLookup): Promise<App> {
  const db = database.db as Kysely<unknown>;
  await migrate(db, migrationSources());

  const audit = createAuditService({ db });
  const identity = createIdentityService({
    db,
    audit,
    permissions: MODULES.flatMap((m) => m.permissions),
    policy: {
      ttlMinutes: config.SESSION_TTL_MINUTES,
      maxFailures: config.LOGIN_MAX_FAILURES,
      lockMinutes: config.LOGIN_LOCK_MINUTES,
      passwordMinLength: config.PASSWORD_MIN_LENGTH,
    },
  });
  const calendar = createCalendarService({ db, audit });
  await calendar.seedOfficial();
  const catalog = createCatalogService({ db, audit, calendar, departments: identity.departments });
  const sharing = createSharingService({ db, audit, calendar, catalog, departments: identity.departments });
  const disputes = createDisputesService({ db, audit, calendar, catalog, departments: identity.departments });
  const licenses = createLicenseService({ db, audit, departments: identity.departments, holders: identity, masterKey: config.LICENSE_MASTER_KEY, publicUrl: config.PUBLIC_URL });
  const cockpit = createCockpitService({ identity, audit });

  const schemas = lazySchemaCompilers();
  const app = Fastify({
    logger: logger ? { level: config.LOG_LEVEL, redact: ['req.headers.authorization', 'req.headers.cookie', 'req.headers["x-csrf-token"]'] } : false,
    ...kernelFastifyOptions({ trustProxy: config.TRUST_PROXY, schemas }),
  });
  const jobs = createJobRunner({ db, log: app.log as never, pollMs: config.JOBS_POLL_MS });
  jobs.every('identity.purge-sessions', 3_600_000, async () => {
    await identity.sessions.purgeExpired();
  });
  // Grants come from the sharing module; a test of the gateway alone may pass its own lookup.
  const gateway = createGatewayService({
    db, audit, catalog, departments: identity.departments, identity, masterKey: config.LICENSE_MASTER_KEY, log: app.log,
    grants: gatewayGrants ?? sharing.grants, disputes: disputes.marks,
    callLogDatabaseUrl: config.GATEWAY_LOG_THREAD && database.kind === 'postgres' ? database.url : undefined,
    options: {
      grantCacheSeconds: config.GATEWAY_GRANT_CACHE_SECONDS,
      mountCacheSeconds: config.GATEWAY_MOUNT_CACHE_SECONDS,
      platformListen: { host: config.HOST, port: config.PORT }, // the API proxy refuses the platform itself as an upstream
    },
  });
  app.addHook('onClose', async () => gateway.close()); // flush the call log
  const registry = createRegistryService({ db, audit, catalog, departments: identity.departments, holders: identity, disputes: disputes.marks });
  const REGISTRY_REBUILD_MS = 24 * 3_600_000;
  jobs.every('registry.rebuild', REGISTRY_REBUILD_MS, async () => {
    await registry.builds.runIfStale('person', REGISTRY_REBUILD_MS - 60_000);
    await registry.builds.runIfStale('entity', REGISTRY_REBUILD_MS - 60_000);
  });
  app.addHook('onClose', async () => registry.builds.whenIdle());
  // 归集: jobs run on the kernel runner (ingest.run), schedules are checked every minute (ingest.schedule).
  const ingest = createIngestService({ db, database, audit, catalog, departments: identity.departments, jobs, dataDir: config.DATA_DIR, masterKey: config.LICENSE_MASTER_KEY, options: ingestLineage(config.DATABASE_URL) });
  const lineage = createLineageService({ contributors: [catalogLineage(catalog), ingestJobsLineage(ingest.jobs, catalog), registryLineage(catalog), sharingLineage(sharing)] });
  jobs.register(INGEST_JOB_KIND, async (job) => ingest.runJob(String(job.payload.jobId)));
  jobs.every(INGEST_SCHEDULE_KIND, 60_000, async () => {
    await ingest.scheduleTick();
  });
  // Freshness comes from the ingest module's jobs (last successful load of an entry).
  const quality = createQualityService({ db, audit, calendar, catalog, departments: identity.departments, freshness: ingest.jobs });
  await quality.seedStandards();
  registerQualityJobs(jobs, quality); // quality.run-entry (enqueued by ingest after each load) + the recurring sweep
  jobs.every('gateway.purge-nonces', 600_000, async () => {
    await gateway.purgeExpired();
  });

  await app.register(fastifyCookie);
  app.addSchema(ErrorBody);
  await app.register(fastifySwagger, {
    openapi: {
      openapi: '3.1.0',
      info: { title: '数政 Shuzheng API', version: VERSION, description: '一体化数字政府平台接口。错误响应统一为 ErrorBody；每个接口的 x-permission 为所需权限。' },
      components: {
        securitySchemes: {
          session: { type: 'apiKey', in: 'cookie', name: 'sz_session', description: '网页会话；写操作须带 x-csrf-token 头' },
          bearer: { type: 'http', scheme: 'bearer', description: 'API 令牌（szt_…）' },
          gatewaySignature: { type: 'apiKey', in: 'header', name: 'X-Signature', description: '共享网关签名：X-App-Key、X-Timestamp、X-Nonce、X-Signature（HMAC-SM3），见 docs/gateway-api.md §2.2' },
          gatewayToken: { type: 'http', scheme: 'bearer', bearerFormat: 'gwt_…', description: '共享网关访问令牌（POST /gateway/oauth/token）' },
        },
      },
      security: [{ session: [] }, { bearer: [] }],
    },
    refResolver: { buildLocalReference: (json, _baseUri, _fragment, i) => String(json.$id ?? `def-${i}`) },
    transform: ({ schema, url, route }) => ({
      url,
      // /gateway: the data path of the exchange gateway, documented by its routes (gateway-data.routes.ts).
      schema: url.startsWith('/api/v1/') ? { ...schema, 'x-permission': route.config?.access } as never : url.startsWith('/gateway/') ? schema : { ...schema, hide: true },
    }),
  });
  await app.register(fastifySwaggerUi, { routePrefix: '/api/docs', uiConfig: { docExpansion: 'list', deepLinking: true } });

  const metrics = new Registry();
  const fallback = await registerWeb(app, config.WEB_DIST ?? path.resolve(import.meta.dirname, '../../web/dist'));
  registerHttpKernel(app, { authenticator: identity.sessions.authenticator, outcomes: audit.outcomes, metrics, fallback });

  app.get('/api/health', { schema: { hide: true } }, async (_req, reply) => {
    try {
      const latencyMs = await pingDatabase(db);
      return { status: 'ok', version: VERSION, database: { kind: database.kind, ok: true, latencyMs } };
    } catch (err) {
      return reply.status(503).send({ status: 'unavailable', version: VERSION, database: { kind: database.kind, ok: false, error: String(err) } });
    }
  });
  app.get('/api/metrics', { schema: { hide: true } }, async (_req, reply) => reply.header('content-type', metrics.contentType).send(await metrics.metrics()));
  app.get('/api/openapi.json', { schema: { hide: true } }, async () => app.swagger());

  await app.register(auditRoutes(audit), { prefix: '/api/v1/audit' });
  await app.register(identityRoutes(identity, { cookieSecure: config.COOKIE_SECURE }), { prefix: '/api/v1/identity' });
  await app.register(calendarRoutes(calendar), { prefix: '/api/v1/calendar' });
  await app.register(catalogRoutes(catalog), { prefix: '/api/v1/catalog' });
  await app.register(sharingRoutes(sharing), { prefix: '/api/v1/sharing' });
  await app.register(lineageRoutes(lineage), { prefix: '/api/v1/lineage' });
  await app.register(disputesRoutes(disputes), { prefix: '/api/v1/disputes' });
  await app.register(licensesRoutes(licenses), { prefix: '/api/v1/licenses' });
  await app.register(gatewayRoutes(gateway), { prefix: '/api/v1/gateway' });
  await app.register(gatewayDataRoutes(gateway), { prefix: '/gateway' });
  await app.register(ingestRoutes(ingest), { prefix: '/api/v1/ingest' });
  await app.register(registryRoutes(registry), { prefix: '/api/v1/registry' });
  await app.register(qualityRoutes(quality), { prefix: '/api/v1/quality' });
  await app.register(cockpitRoutes(cockpit), { prefix: '/api/v1/cockpit' });
  await app.register(portalRoutes({ cityName: divisionFullName(config.DEMO_CITY_DIVISION) ?? config.DEMO_CITY_DIVISION, identity }), { prefix: '/api/v1/portal' });

  await app.ready();
  if (config.JOBS_ENABLED) jobs.start();

  return {
    app,
    services: { audit, identity, calendar, catalog, sharing, disputes, licenses, gateway, ingest, registry, quality },
    jobs,
    database,
    compileSchemas: schemas.compilePending,
    async close() {
      await app.close();
      await jobs.stop();
      await database.close();
    },
  };
}
