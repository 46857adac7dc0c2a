import { lazy, Suspense } from 'react';
import { createBrowserRouter, type RouteObject } from 'react-router';
import { Forbidden } from '../ui/Forbidden';
import { NotFound } from '../ui/NotFound';
import { RouteError } from '../ui/RouteError';
import { AppLayout } from './AppLayout';
import { PortalLayout } from './PortalLayout';
import { FullPageSpin, RequirePermission } from './RequirePermission';
import { WorkbenchPage } from './WorkbenchPage';
import { LoginPage } from '../features/identity/LoginPage';
import { PortalHomePage } from '../features/portal/PortalHomePage';

// Feature pages load on demand; the login page and the portal home come with the first request.
const DepartmentsPage = lazy(() => import('../features/identity/DepartmentsPage').then((m) => ({ default: m.DepartmentsPage })));
const UsersPage = lazy(() => import('../features/identity/UsersPage').then((m) => ({ default: m.UsersPage })));
const RolesPage = lazy(() => import('../features/identity/RolesPage').then((m) => ({ default: m.RolesPage })));
const MePage = lazy(() => import('../features/identity/MePage').then((m) => ({ default: m.MePage })));
const CalendarPage = lazy(() => import('../features/calendar/CalendarPage').then((m) => ({ default: m.CalendarPage })));
const AuditEventsPage = lazy(() => import('../features/audit/AuditEventsPage').then((m) => ({ default: m.AuditEventsPage })));
const CockpitPage = lazy(() => import('../features/cockpit/CockpitPage').then((m) => ({ default: m.CockpitPage })));

/** A staff page behind its permission (403 without it). */
function guarded(permission: string, page: React.ReactNode): React.ReactNode {
  return (
    <RequirePermission permission={permission}>
      <Suspense fallback={<FullPageSpin />}>{page}</Suspense>
    </RequirePermission>
  );
}

export const routes: RouteObject[] = [
  {
    errorElement: <RouteError />,
    children: [
      {
        path: '/',
        element: <PortalLayout />,
        children: [
          { index: true, element: <PortalHomePage /> },
          {
            path: 'portal/me',
            element: (
              <RequirePermission kinds={['citizen', 'enterprise', 'staff']}>
                <Suspense fallback={<FullPageSpin />}>
                  <MePage />
                </Suspense>
              </RequirePermission>
            ),
          },
        ],
      },
      { path: '/login', element: <LoginPage /> },
      {
        element: (
          <RequirePermission>
            <AppLayout />
          </RequirePermission>
        ),
        children: [
          { path: '/workbench', element: <WorkbenchPage /> },
          { path: '/admin/departments', element: guarded('identity.department.read', <DepartmentsPage />) },
          { path: '/admin/users', element: guarded('identity.user.read', <UsersPage />) },
          { path: '/admin/roles', element: guarded('identity.role.read', <RolesPage />) },
          { path: '/admin/calendar', element: guarded('calendar.read', <CalendarPage />) },
          { path: '/audit/events', element: guarded('audit.event.read', <AuditEventsPage />) },
          { path: '/cockpit', element: guarded('cockpit.view', <CockpitPage />) },
        ],
      },
      { path: '/403', element: <StandalonePage><Forbidden /></StandalonePage> },
      { path: '*', element: <StandalonePage><NotFound /></StandalonePage> },
    ],
  },
];

function StandalonePage({ children }: { children: React.ReactNode }) {
  return <div style={{ minHeight: '100vh', display: 'flex', alignItems: 'center', justifyContent: 'center', background: '#f5f7fa' }}>{children}</div>;
}

export const router = createBrowserRouter(routes);
