import type { FastifyPluginAsync } from 'fastify';
import { Type } from 'typebox';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { CockpitService } from './cockpit.service.ts';

const Summary = Type.Object({
  departments: Type.Integer(),
  users: Type.Integer(),
  people: Type.Integer(),
  enterprises: Type.Integer(),
  auditEvents: Type.Integer(),
  departmentsByDivision: Type.Array(Type.Object({ divisionCode: Type.String(), divisionName: Type.String(), count: Type.Integer() })),
  usersByRole: Type.Array(Type.Object({ role: Type.String(), roleName: Type.String(), count: Type.Integer() })),
  generatedAt: Type.String({ format: 'date-time' }),
});

/** /api/v1/cockpit: figures for the leaders' dashboard. */
export function cockpitRoutes(cockpit: CockpitService): FastifyPluginAsync {
  return async (base) => {
    const app = base.withTypeProvider<TypeBoxTypeProvider>();
    app.get('/summary', {
      config: { access: 'cockpit.view' },
      schema: { operationId: 'getCockpitSummary', tags: ['驾驶舱'], summary: '驾驶舱总览（实时统计）', response: { 200: Summary } },
    }, async () => cockpit.summary());
  };
}
