import type { FastifyPluginAsync } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { Nullable, Uuid } from '../../kernel/schemas.ts';
import type { LineageService } from './lineage.service.ts';

const Node = Type.Object({
  id: Type.String(),
  kind: Type.Union([Type.Literal('system'), Type.Literal('entry'), Type.Literal('table'), Type.Literal('api'), Type.Literal('file'), Type.Literal('source'), Type.Literal('job'), Type.Literal('registry'), Type.Literal('consumer')], { description: '节点类型：信息系统、目录、库表、接口、文件、归集来源、归集任务、基础库、使用方' }),
  label: Type.String(),
  detail: Nullable(Type.String()),
  link: Nullable(Type.String({ description: '网页中查看该节点的路径' })),
});
const Edge = Type.Object({ from: Type.String(), to: Type.String(), label: Type.String() });
const Graph = Type.Object({ entryId: Uuid, nodes: Type.Array(Node), edges: Type.Array(Edge) });

/** /api/v1/lineage: the lineage graph of a catalog entry (issue 4 §5). */
export function lineageRoutes(lineage: LineageService): FastifyPluginAsync {
  return async (base) => {
    const app = base.withTypeProvider<TypeBoxTypeProvider>();
    app.get('/entries/:entryId', {
      config: { access: 'lineage.read' },
      schema: {
        operationId: 'getEntryLineage', tags: ['数据血缘'], summary: '目录的数据血缘（上游来源与下游使用）',
        description: '信息系统 → 目录 → 挂接库表 → 归集任务 → 基础库 → 共享授权与使用方；按调用者权限只含其可见的节点。',
        params: Type.Object({ entryId: Uuid }), response: { 200: Graph },
      },
    }, async (req) => lineage.ofEntry(req.ctx, req.params.entryId));
  };
}
