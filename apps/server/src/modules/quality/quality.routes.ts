import type { FastifyPluginAsync } from 'fastify';
import { Type } from 'typebox';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { sendDownload } from '../../kernel/http.ts';
import { IdParams } from '../../kernel/schemas.ts';
import type { QualityService } from './quality.service.ts';
import * as S from './quality.schemas.ts';

const RULES = ['数据质量规则'];
const RUNS = ['数据质量检测与评分'];
const ISSUES = ['问题数据'];
const ADMIN = ['数据质量参数与代码表'];
const NoContent = { 204: { type: 'null' } } as const;
const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const Xlsx = { 200: { description: 'xlsx 文件', content: { [XLSX_TYPE]: { schema: Type.String({ format: 'binary' }) } } } };
const stamp = () => new Date().toISOString().slice(0, 10);

/** /api/v1/quality (docs/quality-api.md). Routes parse, authorize and shape; the service decides. */
export function qualityRoutes(quality: QualityService): FastifyPluginAsync {
  return async (base) => {
    const app = base.withTypeProvider<TypeBoxTypeProvider>();

    app.get('/meta', { config: { access: 'authenticated' }, schema: { operationId: 'getQualityMeta', tags: ADMIN, summary: '质量枚举与参数', response: { 200: S.Meta } } },
      async () => quality.meta());
    app.put('/settings', {
      config: { access: 'quality.settings.manage', audit: 'quality.settings.update' },
      schema: { operationId: 'updateQualitySettings', tags: ADMIN, summary: '维护整改时限、定时检测间隔与评分权重', body: S.SettingsBody, response: { 200: S.Settings } },
    }, async (req) => quality.updateSettings(req.ctx, req.body));

    // ── rules ──
    app.get('/entries', { config: { access: 'quality.score.read' }, schema: { operationId: 'listQualityEntries', tags: RULES, summary: '已配置质量规则的目录（含最新得分）', response: { 200: S.EntryList } } },
      async (req) => quality.rules.entries(req.ctx));
    app.get('/entries/:entryId/rules', { config: { access: 'quality.score.read' }, schema: { operationId: 'listQualityRules', tags: RULES, summary: '目录的质量规则与可检查的信息项', params: S.EntryParams, response: { 200: S.RuleList } } },
      async (req) => quality.rules.list(req.ctx, req.params.entryId));
    app.post('/entries/:entryId/rules', {
      config: { access: 'quality.rule.manage', audit: 'quality.rule.create' },
      schema: { operationId: 'createQualityRule', tags: RULES, summary: '新增质量规则', params: S.EntryParams, body: S.RuleBody, response: { 201: S.Rule } },
    }, async (req, reply) => reply.status(201).send(await quality.rules.create(req.ctx, req.params.entryId, req.body)));
    app.get('/rules/:id', { config: { access: 'quality.score.read' }, schema: { operationId: 'getQualityRule', tags: RULES, summary: '质量规则详情', params: IdParams, response: { 200: S.Rule } } },
      async (req) => quality.rules.get(req.ctx, req.params.id));
    app.put('/rules/:id', {
      config: { access: 'quality.rule.manage', audit: 'quality.rule.update' },
      schema: { operationId: 'updateQualityRule', tags: RULES, summary: '修改质量规则（停用即关闭其未结问题）', params: IdParams, body: S.RuleUpdateBody, response: { 200: S.Rule } },
    }, async (req) => {
      const current = await quality.rules.get(req.ctx, req.params.id);
      return quality.rules.update(req.ctx, req.params.id, { type: current.type, name: req.body.name ?? current.name, items: req.body.items ?? current.items, dimension: req.body.dimension ?? current.dimension, severity: req.body.severity ?? current.severity, enabled: req.body.enabled ?? current.enabled, params: req.body.params ?? current.params });
    });
    app.delete('/rules/:id', {
      config: { access: 'quality.rule.manage', audit: 'quality.rule.delete' },
      schema: { operationId: 'deleteQualityRule', tags: RULES, summary: '删除质量规则', params: IdParams, response: NoContent },
    }, async (req, reply) => {
      await quality.rules.remove(req.ctx, req.params.id);
      return reply.status(204).send(null);
    });

    // ── runs and scores ──
    app.post('/entries/:entryId/runs', {
      config: { access: 'quality.run.execute', audit: 'quality.run.execute' },
      schema: { operationId: 'runQualityCheck', tags: RUNS, summary: '立即检测目录的全部启用规则', params: S.EntryParams, response: { 201: S.Run } },
    }, async (req, reply) => reply.status(201).send(await quality.runs.run(req.ctx, req.params.entryId)));
    app.get('/entries/:entryId/runs', { config: { access: 'quality.score.read' }, schema: { operationId: 'listQualityRuns', tags: RUNS, summary: '目录的检测记录', params: S.EntryParams, response: { 200: S.RunList } } },
      async (req) => quality.runs.list(req.ctx, req.params.entryId));
    app.get('/runs/:id', { config: { access: 'quality.score.read' }, schema: { operationId: 'getQualityRun', tags: RUNS, summary: '检测结果（每条规则的检查数、问题数、样例主键）', params: IdParams, response: { 200: S.Run } } },
      async (req) => quality.runs.get(req.ctx, req.params.id));
    app.get('/entries/:entryId/scores', {
      config: { access: 'quality.score.read' },
      schema: { operationId: 'getQualityEntryScores', tags: RUNS, summary: '目录质量得分（综合、分维度）与历史', params: S.EntryParams, querystring: S.DaysQuery, response: { 200: S.EntryScores } },
    }, async (req) => quality.entryScores(req.ctx, req.params.entryId, req.query.days));
    app.get('/scores', {
      config: { access: 'quality.score.read' },
      schema: { operationId: 'getQualityDepartmentScores', tags: RUNS, summary: '部门（或全市）质量得分历史', querystring: S.DepartmentScoresQuery, response: { 200: S.DepartmentScores } },
    }, async (req) => quality.departmentScores(req.ctx, req.query.departmentId, req.query.days));
    app.get('/ranking', { config: { access: 'quality.ranking.read' }, schema: { operationId: 'getQualityRanking', tags: RUNS, summary: '部门数据质量排名（可定责）', response: { 200: S.Ranking } } },
      async () => quality.ranking());
    app.get('/ranking/export', { config: { access: 'quality.ranking.read' }, schema: { operationId: 'exportQualityRanking', tags: RUNS, summary: '导出部门质量排名（xlsx）', response: Xlsx } },
      async (_req, reply) => sendDownload(reply, `数据质量排名-${stamp()}.xlsx`, XLSX_TYPE, await quality.rankingXlsx()));

    // ── issues ──
    app.get('/issues', { config: { access: 'quality.score.read' }, schema: { operationId: 'listQualityIssues', tags: ISSUES, summary: '问题数据列表', querystring: S.IssueQuery, response: { 200: S.IssueList } } },
      async (req) => quality.issues.list(req.ctx, req.query));
    app.get('/issues/export', { config: { access: 'quality.score.read' }, schema: { operationId: 'exportQualityIssues', tags: ISSUES, summary: '导出问题数据（xlsx）', querystring: S.IssueQuery, response: Xlsx } },
      async (req, reply) => sendDownload(reply, `问题数据-${stamp()}.xlsx`, XLSX_TYPE, await quality.issues.exportXlsx(req.ctx, req.query)));
    app.get('/issues/todo', { config: { access: 'quality.score.read' }, schema: { operationId: 'getQualityTodo', tags: ISSUES, summary: '问题数据待办（提供方：本部门待整改；数据局：待审核说明、超期督办）', querystring: S.TodoQuery, response: { 200: S.Todo } } },
      async (req) => quality.issues.todo(req.ctx, req.query.role === 'bureau' ? 'bureau' : 'provider'));
    app.post('/issues/escalations', {
      config: { access: 'quality.issue.review', audit: 'quality.issue.escalate' },
      schema: { operationId: 'escalateQualityIssues', tags: ISSUES, summary: '立即将超期问题上报督办（定时任务也会执行）', response: { 200: S.Escalation } },
    }, async (req) => quality.issues.escalateOverdue(req.ctx));
    app.get('/issues/:id', { config: { access: 'quality.score.read' }, schema: { operationId: 'getQualityIssue', tags: ISSUES, summary: '问题数据详情与处理记录', params: IdParams, response: { 200: S.Issue } } },
      async (req) => quality.issues.get(req.ctx, req.params.id));
    app.post('/issues/:id/explanation', {
      config: { access: 'quality.issue.handle', audit: 'quality.issue.explain' },
      schema: { operationId: 'explainQualityIssue', tags: ISSUES, summary: '提供部门提交说明（待数据局审核）', params: IdParams, body: S.ExplainBody, response: { 200: S.Issue } },
    }, async (req) => quality.issues.explain(req.ctx, req.params.id, req.body));
    app.post('/issues/:id/review', {
      config: { access: 'quality.issue.review', audit: 'quality.issue.review' },
      schema: { operationId: 'reviewQualityIssue', tags: ISSUES, summary: '数据局审核说明（采纳即关闭，退回则继续整改）', params: IdParams, body: S.ReviewBody, response: { 200: S.Issue } },
    }, async (req) => quality.issues.review(req.ctx, req.params.id, req.body as { decision: 'accept' | 'reject'; note?: string }));

    // ── code tables ──
    app.get('/code-tables', { config: { access: 'quality.score.read' }, schema: { operationId: 'listQualityCodeTables', tags: ADMIN, summary: '代码表（国家标准内置 + 自定义）', response: { 200: S.CodeTableList } } },
      async () => quality.codeTables.list());
    app.get('/code-tables/:id', { config: { access: 'quality.score.read' }, schema: { operationId: 'getQualityCodeTable', tags: ADMIN, summary: '代码表及其代码值', params: IdParams, response: { 200: S.CodeTableDetail } } },
      async (req) => quality.codeTables.get(req.params.id));
    app.post('/code-tables', {
      config: { access: 'quality.rule.manage', audit: 'quality.code-table.create' },
      schema: { operationId: 'createQualityCodeTable', tags: ADMIN, summary: '新增自定义代码表', body: S.CodeTableBody, response: { 201: S.CodeTableDetail } },
    }, async (req, reply) => reply.status(201).send(await quality.codeTables.create(req.ctx, req.body)));
    app.put('/code-tables/:id', {
      config: { access: 'quality.rule.manage', audit: 'quality.code-table.update' },
      schema: { operationId: 'updateQualityCodeTable', tags: ADMIN, summary: '修改自定义代码表（代码值整体替换）', params: IdParams, body: S.CodeTableUpdateBody, response: { 200: S.CodeTableDetail } },
    }, async (req) => quality.codeTables.update(req.ctx, req.params.id, req.body));
    app.delete('/code-tables/:id', {
      config: { access: 'quality.rule.manage', audit: 'quality.code-table.delete' },
      schema: { operationId: 'deleteQualityCodeTable', tags: ADMIN, summary: '删除自定义代码表（未被规则使用时）', params: IdParams, response: NoContent },
    }, async (req, reply) => {
      await quality.codeTables.remove(req.ctx, req.params.id);
      return reply.status(204).send(null);
    });
  };
}
