import { lazy } from 'react'
import { RouterProvider, createBrowserRouter, useParams } from 'react-router'
import { withTexts } from '../shared/i18n/i18n'
import { AppShell } from './AppShell'

// Home shows with the start texts alone; every other page brings the rest of the texts (withTexts).
const HomePage = lazy(() => import('../features/home/HomePage'))
const ListPage = lazy(withTexts(() => import('../features/records/ListPage')))
const RecordPage = lazy(withTexts(() => import('../features/records/RecordPage')))
const Account360Page = lazy(withTexts(() => import('../features/accounts/Account360Page')))
const PipelinePage = lazy(withTexts(() => import('../features/pipeline/PipelinePage')))
const ReportsPage = lazy(withTexts(() => import('../features/reports/ReportsPage')))
const AlertsPage = lazy(withTexts(() => import('../features/alerts/AlertsPage')))
const SettingsPage = lazy(withTexts(() => import('../features/settings/SettingsPage')))
const TicketQueuePage = lazy(withTexts(() => import('../features/tickets/queue/TicketQueuePage')))
const InboxPage = lazy(withTexts(() => import('../features/inbox/InboxPage')))
const RuleDesignerPage = lazy(withTexts(() => import('../features/automation/RuleDesignerPage')))
const HandoffsPage = lazy(withTexts(() => import('../features/handoffs/HandoffsPage')))
const HandoffPage = lazy(withTexts(() => import('../features/handoffs/HandoffPage')))
const RenewalsPage = lazy(withTexts(() => import('../features/renewals/RenewalsPage')))
const SurveysPage = lazy(withTexts(() => import('../features/surveys/SurveysPage')))
const HealthBoardPage = lazy(withTexts(() => import('../features/health/HealthBoardPage')))
const QualificationPage = lazy(withTexts(() => import('../features/qualification/QualificationPage')))
const ValueReportPage = lazy(withTexts(() => import('../features/lifecycle/ValueReportPage')))
const TiersPage = lazy(withTexts(() => import('../features/tiers/TiersPage')))
const InsightPage = lazy(withTexts(() => import('../features/insight/InsightPage')))
const LeadsPage = lazy(withTexts(() => import('../features/leads/LeadsPage')))
const ApprovalsPage = lazy(withTexts(() => import('../features/approvals/ApprovalsPage')))
const ApprovalPage = lazy(withTexts(() => import('../features/approvals/ApprovalPage')))
const ReportBuilderPage = lazy(withTexts(() => import('../features/report-builder/ReportBuilderPage')))
const SavedReportsPage = lazy(withTexts(() => import('../features/report-builder/SavedReportsPage')))
const DashboardsPage = lazy(withTexts(() => import('../features/dashboards/DashboardsPage')))
const DashboardPage = lazy(withTexts(() => import('../features/dashboards/DashboardPage')))
const objectPages = withTexts(() => import('../features/objects/ObjectPages'))
const ObjectListPage = lazy(() => objectPages().then((m) => ({ default: m.ObjectListPage })))
const ObjectRecordPage = lazy(() => objectPages().then((m) => ({ default: m.ObjectRecordPage })))

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
