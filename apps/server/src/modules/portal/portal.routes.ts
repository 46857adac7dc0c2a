import type { FastifyPluginAsync } from 'fastify';
import { Type } from 'typebox';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { IdentityService } from '../identity/index.ts';

const Overview = Type.Object({ cityName: Type.String(), departments: Type.Integer(), people: Type.Integer(), enterprises: Type.Integer() });

/** /api/v1/portal: what the public portal shows before anyone logs in. */
export function portalRoutes(deps: { cityName: string; identity: Pick<IdentityService, 'counts'> }): FastifyPluginAsync {
  return async (base) => {
    const app = base.withTypeProvider<TypeBoxTypeProvider>();
    app.get('/overview', {
      config: { access: 'public' },
      schema: { operationId: 'getPortalOverview', tags: ['门户'], summary: '门户首页概况（公开）', response: { 200: Overview } },
    }, async () => {
      const { departments, people, enterprises } = await deps.identity.counts();
      return { cityName: deps.cityName, departments, people, enterprises };
    });
  };
}
