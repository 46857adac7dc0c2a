import path from 'node:path';
import type { ModuleManifest } from '../../kernel/module.ts';

export { createCalendarService, type CalendarService, type DeadlineStanding } from './calendar.service.ts';
export { calendarRoutes } from './calendar.routes.ts';

export const calendarModule: ModuleManifest = {
  name: 'calendar',
  migrationsDir: path.join(import.meta.dirname, 'migrations'),
  permissions: [
    { code: 'calendar.read', name: '查看工作日历', defaultRoles: ['platform_admin', 'security_admin', 'bureau_reviewer', 'chief_data_officer', 'data_steward'] },
    { code: 'calendar.manage', name: '维护工作日历', defaultRoles: ['platform_admin'] },
  ],
};
