import { lazy } from 'react'
import { RouterProvider, createBrowserRouter, useParams } from 'react-router'
import { AppShell } from './AppShell'

const HomePage = lazy(() => import('../features/home/HomePage'))
const ListPage = lazy(() => import('../features/records/ListPage'))
const RecordPage = lazy(() => import('../features/records/RecordPage'))
const Account360Page = lazy(() => import('../features/accounts/Account360Page'))
const PipelinePage = lazy(() => import('../features/pipeline/PipelinePage'))
const ReportsPage = lazy(() => import('../features/reports/ReportsPage'))
const AlertsPage = lazy(() => import('../features/alerts/AlertsPage'))
const SettingsPage = lazy(() => import('../features/settings/SettingsPage'))
const TicketQueuePage = lazy(() => import('../features/tickets/queue/TicketQueuePage'))
const InboxPage = lazy(() => import('../features/inbox/InboxPage'))
const RuleDesignerPage = lazy(() => import('../features/automation/RuleDesignerPage'))
const HandoffsPage = lazy(() => import('../features/handoffs/HandoffsPage'))
const HandoffPage = lazy(() => import('../features/handoffs/HandoffPage'))
const RenewalsPage = lazy(() => import('../features/renewals/RenewalsPage'))
const SurveysPage = lazy(() => import('../features/surveys/SurveysPage'))
const HealthBoardPage = lazy(() => import('../features/health/HealthBoardPage'))
const QualificationPage = lazy(() => import('../features/qualification/QualificationPage'))
const ValueReportPage = lazy(() => import('../features/lifecycle/ValueReportPage'))
const TiersPage = lazy(() => import('../features/tiers/TiersPage'))
const InsightPage = lazy(() => import('../features/insight/InsightPage'))
const LeadsPage = lazy(() => import('../features/leads/LeadsPage'))
const ApprovalsPage = lazy(() => import('../features/approvals/ApprovalsPage'))
const ApprovalPage = lazy(() => import('../features/approvals/ApprovalPage'))
const ReportBuilderPage = lazy(() => import('../features/report-builder/ReportBuilderPage'))
const SavedReportsPage = lazy(() => import('../features/report-builder/SavedReportsPage'))
const DashboardsPage = lazy(() => import('../features/dashboards/DashboardsPage'))
const DashboardPage = lazy(() => import('../features/dashboards/DashboardPage'))
const ObjectListPage = lazy(() =>
  import('../features/objects/ObjectPages').then((m) => ({ default: m.ObjectListPage })),
)
const ObjectRecordPage = lazy(() =>
  import('../features/objects/ObjectPages').then((m) => ({ default: m.ObjectRecordPage })),
)

function CollectionList() {
  const { collection } = useParams()
  return <ListPage key={collection} collection={collection!} />
}
/** Each account mounts anew (as each record does): J / K to another leaves no dialog or state behind. */
function AccountRecord() {
  const { id } = useParams()
  return <Account360Page key={id} />
}
function CollectionRecord() {
  const { collection, id } = useParams()
  return <RecordPage key={`${collection}/${id}`} collection={collection!} id={id!} />
}

export const router = createBrowserRouter([
  {
    path: '/',
    element: <AppShell />,
    children: [
      { index: true, element: <HomePage /> },
      { path: 'accounts/:id', element: <AccountRecord /> },
      { path: 'accounts/:id/value-report', element: <ValueReportPage /> },
      { path: 'handoffs', element: <HandoffsPage /> },
      { path: 'handoffs/:id', element: <HandoffPage /> },
      { path: 'renewals', element: <RenewalsPage /> },
      { path: 'surveys', element: <SurveysPage /> },
      { path: 'ticket-queue', element: <TicketQueuePage /> },
      { path: 'health', element: <HealthBoardPage /> },
      { path: 'tiers', element: <TiersPage /> },
      { path: 'insight', element: <InsightPage /> },
      { path: 'leads', element: <LeadsPage /> },
      { path: 'qualification', element: <QualificationPage /> },
      { path: 'pipeline', element: <PipelinePage /> },
      { path: 'reports', element: <ReportsPage /> },
      { path: 'reports/builder', element: <ReportBuilderPage /> },
      { path: 'reports/builder/:id', element: <ReportBuilderPage /> },
      { path: 'reports/saved', element: <SavedReportsPage /> },
      { path: 'alerts', element: <AlertsPage /> },
      { path: 'dashboards', element: <DashboardsPage /> },
      { path: 'dashboards/:id', element: <DashboardPage /> },
      { path: 'approvals', element: <ApprovalsPage /> },
      { path: 'approvals/:id', element: <ApprovalPage /> },
      { path: 'settings/automation/:id', element: <RuleDesignerPage /> },
      { path: 'settings/*', element: <SettingsPage /> },
      { path: 'inbox', element: <InboxPage /> },
      { path: 'objects/:key', element: <ObjectListPage /> },
      { path: 'objects/:key/:id', element: <ObjectRecordPage /> },
      { path: ':collection', element: <CollectionList /> },
      { path: ':collection/:id', element: <CollectionRecord /> },
    ],
  },
])

/** The signed-in app: main.tsx loads this module (and with it the shell and the router) after sign-in. */
export default function SignedInApp() {
  return <RouterProvider router={router} />
}
