/**
 * The texts that load first (in the language shown), before any page: what sign-in, the app's shell (menu,
 * top bar, search, notifications, shortcuts) and Home show. A group (`nav`), a subtree (`dashboards.northStar`)
 * or a key with its plural forms (`approvals.waitingCount`). Every other text loads with the first other
 * page (i18n.ts `withTexts`); start-texts.test.ts names any text those screens' code uses that is missing here.
 */
export const startTexts: string[] = [
  // Everywhere
  'app',
  'common',
  'enums',
  // Sign-in
  'auth',
  // The shell: the menu's entries, the top bar
  'nav',
  'shortcuts',
  'notifications',
  'approvals.nav',
  'approvals.waitingCount',
  'dashboards.nav',
  'handoffs.title',
  'health.board',
  'inbox.title',
  'insight.nav',
  'objects.navGroup',
  'qualification.title',
  'renewals.title',
  'surveys.title',
  'ticketQueue.title',
  'tiers.nav',
  // Home and its cards
  'home',
  'alerts.ev',
  'alerts.playbookError',
  'alerts.playbookStarted',
  'alerts.roles',
  'alerts.severities',
  'alerts.statuses',
  'alerts.types',
  'dashboards.kpi.range',
  'dashboards.metricNames',
  'dashboards.metricPeriods',
  'dashboards.northStar',
  'renewals.endsOn',
  'renewals.notScored',
  'reports.amountSeries',
  'reports.countSeries',
  'reports.otherCurrency',
  'reports.sample',
]
