// The usage-ingestion rows (PostgreSQL only) and their section of docs/performance.md, which a usage-only run
// (BENCH_ONLY=usage) replaces in place between its markers.
import { count, markdownTable, ms, perSecond, type Row } from './report'
import type { UsageIngestion } from './usage-timing'

export const USAGE_BUDGET = 5000
const START = '<!-- usage-ingestion: written by npm run bench -->'
const END = '<!-- /usage-ingestion -->'

export const usageHeads = (u: UsageIngestion) => ({
  pglite: 'PGlite',
  postgres: `PostgreSQL (${count(u.accounts)} accounts)`,
})

export function usageRows(u: UsageIngestion | undefined): Row[] {
  if (!u) return []
  const api = u.api
  const pct = u.copy ? api.eventRate / u.copy.rate : null
  const replayOk = u.replay.duplicates === u.replay.received
  return [
    {
      section: `Usage ingestion (POST /api/v1/usage-events: ${u.clients} clients × ${count(u.batch)}-event batches, ${u.seconds} s; PostgreSQL only)`,
    },
    {
      what: 'API: events stored a second (accepted ÷ time)',
      postgres: {
        value:
          `${perSecond(api.eventRate, 'events')} (${count(api.events)} events, ${count(api.count)} batches` +
          `${api.errors ? `, ${api.errors} failed` : ''})`,
        use: api.errors ? Infinity : USAGE_BUDGET / api.eventRate,
      },
      budget: `≥ ${perSecond(USAGE_BUDGET, 'events')}`,
    },
    { what: 'API: one batch, p50 · p95', postgres: { value: `p50 ${ms(api.p50)} · p95 ${ms(api.p95)}` } },
    {
      what: u.copy
        ? `COPY … FROM STDIN (psql \\copy) of ${count(u.copy.rows)} events into usage_events`
        : 'COPY into usage_events',
      postgres: { value: u.copy ? perSecond(u.copy.rate, 'rows') : 'not measured (psql not found)' },
    },
    ...(pct === null
      ? []
      : [{ what: 'API ÷ COPY', postgres: { value: `${Math.round(pct * 100)}%` } } satisfies Row]),
    {
      what: 'the first batches posted again (idempotent on eventId)',
      postgres: {
        value: `${count(u.replay.received)} received, ${count(u.replay.duplicates)} duplicates`,
        use: replayOk ? 0 : Infinity,
      },
      budget: 'all duplicates',
    },
    {
      what: 'derived usage metrics current (last answer → no account waiting)',
      postgres: { value: u.derivedMs === null ? 'not within 60 s' : `${(u.derivedMs / 1000).toFixed(1)} s` },
    },
  ]
}

/** How the usage figures are made, for the "How the figures are made" list. */
export function usageHow(u: UsageIngestion | undefined): string[] {
  if (!u) return []
  return [
    `- **Usage ingestion** (PostgreSQL). The real server (\`openkam start\`, its worker in the same process)`,
    `  against the bench database; ${u.clients} clients each post batches of ${count(u.batch)} new events`,
    `  (random accounts among ${count(u.accounts)}, types login / feature_used / session / api_call, times in the`,
    `  last 30 days, a unique \`eventId\` each) back to back for ${u.seconds} s after one warm-up batch each, as the`,
    '  administrator. The rate is the events the answers report as accepted ÷ the time. Then the first three',
    '  batches are posted again (every event must come back as a duplicate), and the time until no account',
    '  waits in `health_refresh_pending` and no refresh job runs is taken: from then on the derived usage',
    '  metrics (feature_usage, login_frequency, active_user_trend) and the scores of the accounts touched are',
    '  current.',
    `  The comparison is COPY's own intake: ${u.copy ? count(u.copy.rows) : 'the same number of'} events as CSV`,
    "  sent by psql's `\\copy … FROM` (COPY … FROM STDIN) into the same usage_events table, with its indexes,",
    '  on the same server. The bench client, the API and PostgreSQL share the machine. The floor of',
    `  ${perSecond(USAGE_BUDGET, 'events')} is issue 20's (usage ingestion at volume), not a DESIGN budget.`,
  ]
}

/** The section of docs/performance.md with the usage figures, between markers. */
export function usageSection(u: UsageIngestion | undefined, when: string): string[] {
  if (!u) return []
  return [
    START,
    '## Usage ingestion',
    '',
    `Measured ${when}.`,
    '',
    markdownTable(usageRows(u), usageHeads(u)),
    '',
    ...usageHow(u),
    END,
    '',
  ]
}

/** docs/performance.md with its usage section replaced (or added at the end) — for BENCH_ONLY=usage. */
export function spliceUsageSection(doc: string, section: string[]): string {
  const text = section.join('\n')
  const a = doc.indexOf(START)
  const b = doc.indexOf(END)
  if (a >= 0 && b > a) return doc.slice(0, a) + text.trimEnd() + doc.slice(b + END.length)
  return `${doc.trimEnd()}\n\n${text}`
}
