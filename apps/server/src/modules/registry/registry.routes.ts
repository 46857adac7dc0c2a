import type { FastifyPluginAsync } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { sendDownload } from '../../kernel/http.ts';
import type { RegistryService } from './registry.service.ts';
import * as S from './registry.schemas.ts';

const REG = ['基础库'];
const PROFILE = ['一人一档 / 一企一档'];
const COMPARE = ['多源比对'];

/** /api/v1/registry (docs/registry-api.md). Routes parse, authorize and shape; the service decides. */
export function registryRoutes(registry: RegistryService): FastifyPluginAsync {
  return async (base) => {
    const app = base.withTypeProvider<TypeBoxTypeProvider>();

    app.get('/registries', { config: { access: 'registry.read' }, schema: { operationId: 'listRegistries', tags: REG, summary: '基础库概况（数据源、主体数、最近构建）', response: { 200: S.OverviewList } } },
      async () => registry.list());
    app.get('/registries/:registry', { config: { access: 'registry.read' }, schema: { operationId: 'getRegistry', tags: REG, summary: '基础库详情', params: S.RegistryParams, response: { 200: S.Overview } } },
      async (req) => registry.overview(req.params.registry));
    app.put('/registries/:registry/settings', {
      config: { access: 'registry.manage', audit: 'registry.settings.update' },
      schema: { operationId: 'updateRegistrySettings', tags: REG, summary: '设置无权威来源时的部门优先级', params: S.RegistryParams, body: S.SettingsBody, response: { 200: S.Overview } },
    }, async (req) => registry.updateSettings(req.ctx, req.params.registry, req.body));
    app.post('/registries/:registry/builds', {
      config: { access: 'registry.manage', audit: 'registry.build.start' },
      schema: { operationId: 'startRegistryBuild', tags: REG, summary: '重新构建基础库（后台运行）', params: S.RegistryParams, response: { 202: S.Build } },
    }, async (req, reply) => reply.status(202).send(await registry.builds.start(req.ctx, req.params.registry)));
    app.get('/registries/:registry/builds', { config: { access: 'registry.read' }, schema: { operationId: 'listRegistryBuilds', tags: REG, summary: '构建记录', params: S.RegistryParams, response: { 200: S.BuildList } } },
      async (req) => ({ items: await registry.builds.list(req.params.registry) }));
    app.get('/builds/:id', { config: { access: 'registry.read' }, schema: { operationId: 'getRegistryBuild', tags: REG, summary: '构建进度', params: S.BuildParams, response: { 200: S.Build } } },
      async (req) => registry.builds.get(req.params.id));

    app.get('/persons/:idNumber', {
      config: { access: 'registry.profile.read' },
      schema: { operationId: 'getPersonProfile', tags: PROFILE, summary: '一人一档（须填写查询用途，每次查询记入审计）', params: S.PersonParams, querystring: S.PurposeQuery, response: { 200: S.Profile } },
    }, async (req) => registry.profiles.read(req.ctx, 'person', req.params.idNumber, req.query.purpose));
    app.get('/entities/:creditCode', {
      config: { access: 'registry.profile.read' },
      schema: { operationId: 'getEntityProfile', tags: PROFILE, summary: '一企一档（须填写查询用途，每次查询记入审计）', params: S.EntityParams, querystring: S.PurposeQuery, response: { 200: S.Profile } },
    }, async (req) => registry.profiles.read(req.ctx, 'entity', req.params.creditCode, req.query.purpose));

    app.get('/registries/:registry/comparisons', {
      config: { access: 'registry.compare.read' },
      schema: { operationId: 'getRegistryComparison', tags: COMPARE, summary: '多源比对：各数据项、各数据源对的不一致数（最近一次构建）', params: S.RegistryParams, response: { 200: S.Comparison } },
    }, async (req) => registry.comparisons(req.ctx, req.params.registry));
    app.get('/registries/:registry/comparisons/samples', {
      config: { access: 'registry.compare.read' },
      schema: { operationId: 'listRegistryDisagreements', tags: COMPARE, summary: '两个数据源不一致的记录（实时，分页）', params: S.RegistryParams, querystring: S.SamplesQuery, response: { 200: S.Samples } },
    }, async (req) => registry.samples(req.ctx, req.params.registry, req.query, { page: req.query.page, pageSize: req.query.pageSize }));
    app.get('/registries/:registry/comparisons/export', {
      config: { access: 'registry.compare.read' },
      schema: { operationId: 'exportRegistryDisagreements', tags: COMPARE, summary: '导出不一致记录（CSV / XLSX，记入审计）', params: S.RegistryParams, querystring: S.ExportQuery },
    }, async (req, reply) => {
      const file = await registry.exportSamples(req.ctx, req.params.registry, req.query);
      return sendDownload(reply, file.fileName, file.contentType, file.body);
    });
  };
}
