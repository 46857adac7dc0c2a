import { lazy, Suspense } from 'react';
import { createBrowserRouter, Navigate, type RouteObject } from 'react-router';
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
const ApiTokensPage = lazy(() => import('../features/identity/ApiTokensPage').then((m) => ({ default: m.ApiTokensPage })));
const CatalogSearchPage = lazy(() => import('../features/catalog/CatalogSearchPage').then((m) => ({ default: m.CatalogSearchPage })));
const EntryDetailPage = lazy(() => import('../features/catalog/EntryDetailPage').then((m) => ({ default: m.EntryDetailPage })));
const EntryEditPage = lazy(() => import('../features/catalog/EntryEditPage').then((m) => ({ default: m.EntryEditPage })));
const MyEntriesPage = lazy(() => import('../features/catalog/MyEntriesPage').then((m) => ({ default: m.MyEntriesPage })));
const ReviewsPage = lazy(() => import('../features/catalog/ReviewsPage').then((m) => ({ default: m.ReviewsPage })));
const SystemsPage = lazy(() => import('../features/catalog/SystemsPage').then((m) => ({ default: m.SystemsPage })));
const DeadlinesPage = lazy(() => import('../features/catalog/DeadlinesPage').then((m) => ({ default: m.DeadlinesPage })));
const StatsPage = lazy(() => import('../features/catalog/StatsPage').then((m) => ({ default: m.StatsPage })));
const CascadePage = lazy(() => import('../features/catalog/CascadePage').then((m) => ({ default: m.CascadePage })));

// Who opens the catalog's working copies (docs/catalog-api.md §1): the owning department and the bureau.
const CATALOG_WORKING = ['catalog.entry.edit', 'catalog.entry.review'] as const;

/** A staff page behind its permission, or any one of several (403 without it). */
function guarded(permission: string | readonly string[], page: React.ReactNode): React.ReactNode {
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
          { path: '/catalog', element: <Navigate to="/catalog/search" replace /> },
          { path: '/catalog/search', element: guarded('catalog.entry.read', <CatalogSearchPage />) },
          { path: '/catalog/published/:id', element: guarded('catalog.entry.read', <EntryDetailPage />) },
          { path: '/catalog/entries', element: guarded('catalog.entry.edit', <MyEntriesPage />) },
          { path: '/catalog/entries/new', element: guarded('catalog.entry.edit', <EntryEditPage />) },
          // The page itself sends readers without working-copy access to /catalog/published/:id.
          { path: '/catalog/entries/:id', element: guarded('catalog.entry.read', <EntryDetailPage />) },
          { path: '/catalog/entries/:id/edit', element: guarded('catalog.entry.edit', <EntryEditPage />) },
          { path: '/catalog/reviews', element: guarded('catalog.entry.review', <ReviewsPage />) },
          { path: '/catalog/systems', element: guarded(['catalog.system.manage', 'catalog.entry.review'], <SystemsPage />) },
          { path: '/catalog/deadlines', element: guarded(CATALOG_WORKING, <DeadlinesPage />) },
          { path: '/catalog/stats', element: guarded('catalog.stats.read', <StatsPage />) },
          { path: '/catalog/cascade', element: guarded('catalog.cascade.manage', <CascadePage />) },
          { path: '/me/tokens', element: guarded('identity.token.manage', <ApiTokensPage />) },
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
