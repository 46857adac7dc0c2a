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
const LineagePage = lazy(() => import('../features/lineage/LineagePage').then((m) => ({ default: m.LineagePage })));
const UsersPage = lazy(() => import('../features/identity/UsersPage').then((m) => ({ default: m.UsersPage })));
const RolesPage = lazy(() => import('../features/identity/RolesPage').then((m) => ({ default: m.RolesPage })));
const MePage = lazy(() => import('../features/identity/MePage').then((m) => ({ default: m.MePage })));
const WalletPage = lazy(() => import('../features/licenses/wallet/WalletPage').then((m) => ({ default: m.WalletPage })));
const WalletLicensePage = lazy(() => import('../features/licenses/wallet/WalletLicensePage').then((m) => ({ default: m.WalletLicensePage })));
const SharedCopyPage = lazy(() => import('../features/licenses/wallet/SharedCopyPage').then((m) => ({ default: m.SharedCopyPage })));
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
const SharingRequestsPage = lazy(() => import('../features/sharing/RequestsPage').then((m) => ({ default: m.RequestsPage })));
const SharingNewRequestPage = lazy(() => import('../features/sharing/NewRequestPage').then((m) => ({ default: m.NewRequestPage })));
const SharingRequestDetailPage = lazy(() => import('../features/sharing/RequestDetailPage').then((m) => ({ default: m.RequestDetailPage })));
const SharingTodoPage = lazy(() => import('../features/sharing/TodoPage').then((m) => ({ default: m.TodoPage })));
const SharingGrantsPage = lazy(() => import('../features/sharing/GrantsPage').then((m) => ({ default: m.GrantsPage })));
const SharingDemandsPage = lazy(() => import('../features/sharing/DemandsPage').then((m) => ({ default: m.DemandsPage })));
const QualityEntriesPage = lazy(() => import('../features/quality/QualityEntriesPage').then((m) => ({ default: m.QualityEntriesPage })));
const QualityIssuesPage = lazy(() => import('../features/quality/QualityIssuesPage').then((m) => ({ default: m.QualityIssuesPage })));
const QualityRankingPage = lazy(() => import('../features/quality/QualityRankingPage').then((m) => ({ default: m.QualityRankingPage })));
const QualityCodeTablesPage = lazy(() => import('../features/quality/CodeTablesPage').then((m) => ({ default: m.CodeTablesPage })));
const DisputesListPage = lazy(() => import('../features/disputes/DisputesListPage').then((m) => ({ default: m.DisputesListPage })));
const RaiseDisputePage = lazy(() => import('../features/disputes/RaiseDisputePage').then((m) => ({ default: m.RaiseDisputePage })));
const DisputeDetailPage = lazy(() => import('../features/disputes/DisputeDetailPage').then((m) => ({ default: m.DisputeDetailPage })));
const RegistriesPage = lazy(() => import('../features/registry/RegistriesPage').then((m) => ({ default: m.RegistriesPage })));
const IngestJobsPage = lazy(() => import('../features/ingest/IngestJobsPage').then((m) => ({ default: m.IngestJobsPage })));
const IngestJobDetailPage = lazy(() => import('../features/ingest/IngestJobDetailPage').then((m) => ({ default: m.IngestJobDetailPage })));
const NewIngestJobPage = lazy(() => import('../features/ingest/NewIngestJobPage').then((m) => ({ default: m.NewIngestJobPage })));
const IngestDefinitionsPage = lazy(() => import('../features/ingest/IngestDefinitionsPage').then((m) => ({ default: m.IngestDefinitionsPage })));
const RegistryProfilePage = lazy(() => import('../features/registry/ProfilePage').then((m) => ({ default: m.ProfilePage })));
const RegistryComparisonPage = lazy(() => import('../features/registry/ComparisonPage').then((m) => ({ default: m.ComparisonPage })));
const GatewayCredentialsPage = lazy(() => import('../features/gateway/CredentialsPage').then((m) => ({ default: m.CredentialsPage })));
const GatewayUpstreamsPage = lazy(() => import('../features/gateway/UpstreamsPage').then((m) => ({ default: m.UpstreamsPage })));
const GatewayStatsPage = lazy(() => import('../features/gateway/StatsPage').then((m) => ({ default: m.StatsPage })));
const GatewayCallLogPage = lazy(() => import('../features/gateway/CallLogPage').then((m) => ({ default: m.CallLogPage })));
const DataUsesPage = lazy(() => import('../features/gateway/DataUsesPage').then((m) => ({ default: m.DataUsesPage })));
const LicensesPage = lazy(() => import('../features/licenses/LicensesPage').then((m) => ({ default: m.LicensesPage })));
const IssueLicensePage = lazy(() => import('../features/licenses/IssueLicensePage').then((m) => ({ default: m.IssueLicensePage })));
const LicenseDetailPage = lazy(() => import('../features/licenses/LicenseDetailPage').then((m) => ({ default: m.LicenseDetailPage })));
const LicenseTypesPage = lazy(() => import('../features/licenses/LicenseTypesPage').then((m) => ({ default: m.LicenseTypesPage })));
const SealsPage = lazy(() => import('../features/licenses/SealsPage').then((m) => ({ default: m.SealsPage })));
const TrustedIssuersPage = lazy(() => import('../features/licenses/TrustedIssuersPage').then((m) => ({ default: m.TrustedIssuersPage })));
const VerifyPage = lazy(() => import('../features/licenses/VerifyPage').then((m) => ({ default: m.VerifyPage })));
const StockImportPage = lazy(() => import('../features/licenses/StockImportPage').then((m) => ({ default: m.StockImportPage })));

// Who opens the catalog's working copies (docs/catalog-api.md §1): the owning department and the bureau.
const CATALOG_WORKING = ['catalog.entry.edit', 'catalog.entry.review'] as const;

// 共享待办: any role in sharing (docs/sharing-api.md §7).
const SHARING_TODO = ['sharing.request.read', 'sharing.request.check', 'sharing.arbitrate', 'sharing.demand.route', 'sharing.demand.answer'] as const;

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
          // Public 电子证照验证 (no login); the QR code on a license PDF points to /verify/<identifier>.
          { path: 'verify', element: <VerifyPage /> },
          { path: 'verify/:identifier', element: <VerifyPage /> },
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
          // 我的证照 (holder wallet): citizens and enterprises only.
          {
            path: 'portal/licenses',
            element: (
              <RequirePermission kinds={['citizen', 'enterprise']}>
                <Suspense fallback={<FullPageSpin />}>
                  <WalletPage />
                </Suspense>
              </RequirePermission>
            ),
          },
          {
            path: 'portal/licenses/:id',
            element: (
              <RequirePermission kinds={['citizen', 'enterprise']}>
                <Suspense fallback={<FullPageSpin />}>
                  <WalletLicensePage />
                </Suspense>
              </RequirePermission>
            ),
          },
          // 谁用了我的数据 (docs/gateway-api.md §7): citizens only.
          {
            path: 'portal/data-uses',
            element: (
              <RequirePermission kinds={['citizen']}>
                <Suspense fallback={<FullPageSpin />}>
                  <DataUsesPage />
                </Suspense>
              </RequirePermission>
            ),
          },
          // A shared copy (分享副本): public, whoever holds the link.
          {
            path: 'portal/shared/:token',
            element: (
              <Suspense fallback={<FullPageSpin />}>
                <SharedCopyPage />
              </Suspense>
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
          { path: '/lineage', element: guarded('lineage.read', <LineagePage />) },
          { path: '/licenses', element: <Navigate to="/licenses/licenses" replace /> },
          { path: '/licenses/licenses', element: guarded('licenses.license.read', <LicensesPage />) },
          { path: '/licenses/licenses/new', element: guarded('licenses.license.issue', <IssueLicensePage />) },
          { path: '/licenses/licenses/:id', element: guarded('licenses.license.read', <LicenseDetailPage />) },
          { path: '/licenses/types', element: guarded('licenses.type.read', <LicenseTypesPage />) },
          { path: '/licenses/seals', element: guarded('licenses.type.read', <SealsPage />) },
          { path: '/licenses/trusted-issuers', element: guarded('licenses.type.read', <TrustedIssuersPage />) },
          { path: '/licenses/imports', element: guarded('licenses.license.issue', <StockImportPage />) },
          { path: '/sharing', element: <Navigate to="/sharing/todo" replace /> },
          { path: '/sharing/todo', element: guarded(SHARING_TODO, <SharingTodoPage />) },
          { path: '/sharing/requests', element: guarded('sharing.request.read', <SharingRequestsPage />) },
          { path: '/sharing/requests/new', element: guarded('sharing.request.create', <SharingNewRequestPage />) },
          { path: '/sharing/requests/:id', element: guarded('sharing.request.read', <SharingRequestDetailPage />) },
          { path: '/sharing/grants', element: guarded('sharing.request.read', <SharingGrantsPage />) },
          { path: '/sharing/demands', element: guarded('sharing.request.read', <SharingDemandsPage />) },
          { path: '/quality', element: <Navigate to="/quality/issues" replace /> },
          { path: '/quality/entries', element: guarded('quality.score.read', <QualityEntriesPage />) },
          { path: '/quality/issues', element: guarded('quality.score.read', <QualityIssuesPage />) },
          { path: '/quality/ranking', element: guarded('quality.ranking.read', <QualityRankingPage />) },
          { path: '/quality/code-tables', element: guarded('quality.score.read', <QualityCodeTablesPage />) },
          { path: '/disputes', element: <Navigate to="/disputes/mine" replace /> },
          { path: '/disputes/mine', element: guarded('disputes.raise', <DisputesListPage box="mine" />) },
          { path: '/disputes/new', element: guarded('disputes.raise', <RaiseDisputePage />) },
          { path: '/disputes/accept', element: guarded('disputes.accept', <DisputesListPage box="accept" />) },
          { path: '/disputes/verify', element: guarded('disputes.verify', <DisputesListPage box="verify" />) },
          { path: '/disputes/all', element: guarded('disputes.read', <DisputesListPage box="all" />) },
          { path: '/disputes/:id', element: guarded('disputes.read', <DisputeDetailPage />) },
          { path: '/registry', element: <Navigate to="/registry/registries" replace /> },
          { path: '/registry/registries', element: guarded('registry.read', <RegistriesPage />) },
          { path: '/registry/persons', element: guarded('registry.profile.read', <RegistryProfilePage registry="person" key="person" />) },
          { path: '/registry/entities', element: guarded('registry.profile.read', <RegistryProfilePage registry="entity" key="entity" />) },
          { path: '/registry/comparison', element: guarded('registry.compare.read', <RegistryComparisonPage />) },
          { path: '/ingest', element: <Navigate to="/ingest/jobs" replace /> },
          { path: '/ingest/jobs', element: guarded('ingest.job.read', <IngestJobsPage />) },
          { path: '/ingest/jobs/:id', element: guarded('ingest.job.read', <IngestJobDetailPage />) },
          { path: '/ingest/new', element: guarded('ingest.job.run', <NewIngestJobPage />) },
          { path: '/ingest/definitions', element: guarded('ingest.job.read', <IngestDefinitionsPage />) },
          { path: '/gateway', element: <Navigate to="/gateway/stats" replace /> },
          { path: '/gateway/credentials', element: guarded('gateway.credential.manage', <GatewayCredentialsPage />) },
          { path: '/gateway/upstreams', element: guarded('gateway.upstream.manage', <GatewayUpstreamsPage />) },
          { path: '/gateway/stats', element: guarded('gateway.stats.read', <GatewayStatsPage />) },
          { path: '/gateway/call-log', element: guarded('gateway.log.verify', <GatewayCallLogPage />) },
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
