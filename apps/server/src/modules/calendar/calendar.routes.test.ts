import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type Client, type TestApp } from '../../../test/helpers.ts';

let t: TestApp;
let admin: Client;

beforeAll(async () => {
  t = await createTestApp();
  admin = await t.login('admin');
});
afterAll(async () => {
  await t?.close();
});

describe('working-day calendar', () => {
  it('has the official schedules 2004–2026 seeded', async () => {
    const years = (await admin.get('/api/v1/calendar/years')).json().items;
    expect(years[0].year).toBe(2004);
    expect(years.at(-1)).toMatchObject({ year: 2026, source: 'official' });
    expect(years).toHaveLength(23);
  });

  it('counts deadlines across National Day 2026 with its make-up Saturday', async () => {
    // 2026-10-01…10-07 off; Saturday 2026-10-10 is a working day (国办发明电〔2025〕7号).
    const res = await admin.get('/api/v1/calendar/deadlines?from=2026-09-28&days=5');
    expect(res.json().deadline).toBe('2026-10-10');
    expect((await admin.get('/api/v1/calendar/deadlines?from=2026-09-30&days=1')).json().deadline).toBe('2026-10-08');
  });

  it('tells where a deadline stands: green, yellow within the warning days, red once past, unknown without a schedule', async () => {
    const cal = t.services.calendar;
    // 5 working days from 2026-09-30 skip 国庆 (10-01..10-07) and count the make-up Saturday 10-10: due 2026-10-13
    const due = { startedOn: '2026-09-30', workingDays: 5 };
    expect(await cal.standing(due, 1, '2026-09-30')).toEqual({ dueOn: '2026-10-13', remainingWorkingDays: 5, light: 'green' });
    expect(await cal.standing(due, 1, '2026-10-12')).toEqual({ dueOn: '2026-10-13', remainingWorkingDays: 1, light: 'yellow' });
    expect(await cal.standing(due, 1, '2026-10-15')).toEqual({ dueOn: '2026-10-13', remainingWorkingDays: -2, light: 'red' });
    expect(await cal.standing({ dueOn: '2026-12-31' }, 3, '2026-12-30')).toMatchObject({ light: 'yellow' });
    expect(await cal.standing({ startedOn: '2031-03-02', workingDays: 5 }, 1, '2031-03-02')).toEqual({ dueOn: null, remainingWorkingDays: null, light: 'unknown' });
  });

  it('refuses to guess for a year without a schedule', async () => {
    const res = await admin.get('/api/v1/calendar/deadlines?from=2026-12-28&days=10');
    expect(res.statusCode).toBe(400);
    expect(res.json().error).toMatchObject({ code: 'CALENDAR_YEAR_MISSING', details: { year: 2027 } });
  });

  it('lets the administrator enter next year, after which deadlines count on it', async () => {
    const holidays = ['2027-01-01', '2027-01-02', '2027-01-03'];
    const put = await admin.put('/api/v1/calendar/years/2027', { holidays, workdays: [], note: '待国务院办公厅通知发布后核对' });
    expect(put.statusCode).toBe(200);
    expect(put.json()).toMatchObject({ year: 2027, source: 'local', holidays });
    // Mon 2026-12-28 + 5 working days: 29, 30, 31, (Jan 1–3 off), Jan 4, Jan 5
    expect((await admin.get('/api/v1/calendar/deadlines?from=2026-12-28&days=5')).json().deadline).toBe('2027-01-05');
  });

  it('rejects a make-up working day that is not a weekend, and changes nothing', async () => {
    const res = await admin.put('/api/v1/calendar/years/2026', { holidays: ['2026-10-01'], workdays: ['2026-10-12'] });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.details.fields[0].path).toBe('body.workdays.0');
    expect((await admin.get('/api/v1/calendar/years/2026')).json().source).toBe('official');
  });

  it('lets only the administrator change the calendar', async () => {
    const steward = await t.login('gaj_steward');
    expect((await steward.get('/api/v1/calendar/years')).statusCode).toBe(200);
    expect((await steward.put('/api/v1/calendar/years/2028', { holidays: [], workdays: [] })).statusCode).toBe(403);
  });
});
