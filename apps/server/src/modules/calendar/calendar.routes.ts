import type { FastifyPluginAsync } from 'fastify';
import { Type } from 'typebox';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Nullable } from '../../kernel/schemas.ts';
import type { CalendarService } from './calendar.service.ts';

const TAG = ['工作日历'];
const IsoDate = Type.String({ format: 'date' });
const YearParams = Type.Object({ year: Type.Integer({ minimum: 1990, maximum: 2200 }) });
const Source = Type.Enum(['official', 'local']);
const YearSchema = Type.Object({ year: Type.Integer(), holidays: Type.Array(Type.String()), workdays: Type.Array(Type.String()), source: Source, note: Nullable(Type.String()) });

/** /api/v1/calendar: the working-day calendar and deadline arithmetic. */
export function calendarRoutes(calendar: CalendarService): FastifyPluginAsync {
  return async (base) => {
    const app = base.withTypeProvider<TypeBoxTypeProvider>();

    app.get('/years', {
      config: { access: 'calendar.read' },
      schema: {
        operationId: 'listCalendarYears', tags: TAG, summary: '已录入节假日安排的年份',
        response: { 200: Type.Object({ items: Type.Array(Type.Object({ year: Type.Integer(), holidayCount: Type.Integer(), workdayCount: Type.Integer(), source: Source, note: Nullable(Type.String()), updatedAt: Type.String() })) }) },
      },
    }, async () => ({ items: await calendar.listYears() }));

    app.get('/years/:year', {
      config: { access: 'calendar.read' },
      schema: { operationId: 'getCalendarYear', tags: TAG, summary: '某年的放假日与调休上班日', params: YearParams, response: { 200: YearSchema } },
    }, async (req) => calendar.getYear(req.params.year));

    app.put('/years/:year', {
      config: { access: 'calendar.manage', audit: 'calendar.year.put' },
      schema: {
        operationId: 'putCalendarYear', tags: TAG, summary: '录入或修改某年的节假日安排', params: YearParams,
        body: Type.Object({ holidays: Type.Array(IsoDate, { maxItems: 120 }), workdays: Type.Array(IsoDate, { maxItems: 30 }), note: Type.Optional(Type.String({ maxLength: 200 })) }),
        response: { 200: YearSchema },
      },
    }, async (req) => calendar.putYear(req.ctx, req.params.year, req.body));

    app.get('/deadlines', {
      config: { access: 'authenticated' },
      schema: {
        operationId: 'computeDeadline', tags: TAG, summary: '按工作日计算期限：from 之后第 days 个工作日',
        querystring: Type.Object({ from: IsoDate, days: Type.Integer({ minimum: -3650, maximum: 3650 }) }),
        response: { 200: Type.Object({ from: Type.String(), days: Type.Integer(), deadline: Type.String() }) },
      },
    }, async (req) => ({ ...req.query, deadline: await calendar.addWorkingDays(req.query.from, req.query.days) }));
  };
}
