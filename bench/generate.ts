// The scale workspace: one workspace with its roles and people made through the services, then accounts,
// contacts, activities, opportunities and tickets bulk-loaded in SQL (INSERT … SELECT from generate_series).
import { industries } from '@openkam/contract'
import type { Database } from '../apps/server/src/core/db/types'
import type { EventSink } from '../apps/server/src/core/events/bus'
import { createWorkspaceFromTemplate } from '../apps/server/src/modules/templates'
import { connectModules } from '../apps/server/src/module-wiring'
import { userCollection } from '../apps/server/src/modules/users'
import type { RawSql } from './raw-sql'

export const BENCH_ADMIN = { email: 'admin@bench.openkam.local', password: 'openkam-bench' }

export type Sizes = {
  accounts: number
  contacts: number
  activities: number
  opportunities: number
  tickets: number
}

export type People = { workspaceId: string; adminId: string; ownerIds: string[]; csmIds: string[] }

export type Generated = People & {
  sizes: Sizes
  /** Seconds per step, e.g. { activities: 61.2 }. */
  seconds: Record<string, number>
  totalSeconds: number
}

// The bench workspace has no event handlers, so its events need not be queued anywhere.
export const noEvents: EventSink = { emit: async () => [] }

/** The e-mail of the i-th bench user of a role (1-based), e.g. sales-manager01@bench.openkam.local. */
export const benchEmail = (role: string, i: number) =>
  `${role.replace('_', '-')}${String(i).padStart(2, '0')}@bench.openkam.local`

/** The workspace and a few dozen people: an admin who signs in, sales managers, salespeople and CSMs. */
export async function createPeople(database: Database): Promise<People> {
  // The modules' wiring, as every entry point does (the workspace's template installs alert rules, whose
  // playbooks the rules module provides).
  connectModules()
  return database.db.transaction(async (tx) => {
    const ctx = await createWorkspaceFromTemplate(tx, noEvents, {
      name: 'Bench Co.',
      slug: 'bench',
      locale: 'en',
    })
    const admin = await userCollection.create(tx, ctx, {
      email: BENCH_ADMIN.email,
      name: 'Bench Admin',
      password: BENCH_ADMIN.password,
      roles: ['admin'],
    })
    const make = async (role: string, count: number) => {
      const ids: string[] = []
      for (let i = 1; i <= count; i++) {
        const email = benchEmail(role, i)
        const rec = await userCollection.create(tx, ctx, { email, name: `${role} ${i}`, roles: [role] })
        ids.push(rec.id)
      }
      return ids
    }
    const managers = await make('sales_manager', 4)
    const sales = await make('sales', 30)
    const csmIds = await make('csm', 6)
    return { workspaceId: ctx.ws, adminId: admin.id, ownerIds: [...managers, ...sales], csmIds }
  })
}

/** A SQL literal; the bench quotes only values it made itself. */
const lit = (v: string) => `'${v.replaceAll("'", "''")}'`
const textArray = (vs: readonly string[]) => `array[${vs.map(lit).join(',')}]::text[]`
const uuidArray = (vs: readonly string[]) => `array[${vs.map(lit).join(',')}]::uuid[]`
/** A random element of a SQL array of `n` elements. */
const pick = (array: string, n: number) => `(${array})[1 + floor(random() * ${n})::int]`

/**
 * A UUID v7 (time-ordered, as the product's ids are) whose time is the timestamp expression `ts`:
 * 48 bits of Unix milliseconds, version 7, then the random bits of a v4 (whose variant bits are right).
 */
export const uuid7 = (ts: string) => {
  const hex = `lpad(to_hex((extract(epoch from ${ts}) * 1000)::bigint), 12, '0')`
  return `(substr(${hex}, 1, 8) || '-' || substr(${hex}, 9, 4) || '-7' || substr(gen_random_uuid()::text, 16))::uuid`
}

/** Rows g = 1…n spread evenly over the last `months`, oldest first (so a child's rows scatter like real ones). */
const series = (n: number, months: number, extra = '') =>
  `(select g, now() - interval '${months} months' + (g::float8 / ${n}) * interval '${months} months' as at${extra}
    from generate_series(1, ${n}) g) s`

/** The n-th account (1-based, oldest first) that child row g belongs to: every account gets its share. */
const ofAccount = (accounts: number) => `join bench_accounts a on a.n = 1 + (s.g - 1) % ${accounts}`

export function accountsInsert(ws: string, p: People, n: number, offset = 0) {
  const bands = textArray(['healthy', 'watch', 'at_risk'])
  return `insert into accounts (id, workspace_id, created_at, updated_at, created_by, owner_id, csm_id, name,
      industry, size_band, tier, region, lifecycle_stage, credit_code, domain, employees, annual_spend,
      health_score, health_band)
    select ${uuid7('s.at')}, ${lit(ws)}, s.at, s.at + random() * (now() - s.at), ${lit(p.adminId)},
      ${pick(uuidArray(p.ownerIds), p.ownerIds.length)},
      case when random() < 0.3 then ${pick(uuidArray(p.csmIds), p.csmIds.length)} end,
      'Account ' || lpad((s.g + ${offset})::text, 7, '0'),
      ${pick(textArray(industries), industries.length)},
      ${pick(textArray(['large', 'growth', 'small']), 3)},
      ${pick(textArray(['strategic', 'growth', 'essential']), 3)},
      ${pick(textArray(['east', 'north', 'south', 'west', 'central']), 5)},
      ${pick(textArray(['lead_nurturing', 'opportunity', 'delivery', 'value_operations', 'renewal']), 5)},
      '91' || lpad(((s.g + ${offset}) % 1000000)::text, 6, '0') || lpad((s.g + ${offset})::text, 10, '0'),
      'acct' || (s.g + ${offset}) || '.example.cn',
      10 + floor(random() * 20000)::int,
      round((random() * 5000000)::numeric, 2),
      s.health, (${bands})[case when s.health >= 80 then 1 when s.health >= 60 then 2 else 3 end]
    from ${series(n, 36, ', round((random() * 100)::numeric, 2) as health')}`
}

/** A child insert: `z` the rows to add (and the new accounts they go to), `from` the rows there already. */
type ChildInsert = (ws: string, p: People, z: Sizes, from: Sizes) => string

const contactsInsert: ChildInsert = (ws, p, z, from) => `
  insert into contacts (id, workspace_id, created_at, updated_at, created_by, owner_id, account_id, name, title,
      email, buying_role, stance, influence, relationship_strength, active)
    select ${uuid7('s.at')}, ${lit(ws)}, s.at, s.at, ${lit(p.adminId)}, a.owner_id, a.id,
      'Contact ' || (s.g + ${from.contacts}),
      ${pick(textArray(['CEO', 'CFO', 'CIO', 'IT manager', 'Purchasing manager', 'Engineer']), 6)},
      'contact' || (s.g + ${from.contacts}) || '@example.cn',
      ${pick(textArray(['user', 'technical_evaluator', 'influencer', 'financial_controller', 'economic_buyer']), 5)},
      ${pick(textArray(['champion', 'supporter', 'neutral', 'skeptic', 'blocker']), 5)},
      1 + floor(random() * 5)::int, 1 + floor(random() * 5)::int, random() > 0.05
    from ${series(z.contacts, 36)} ${ofAccount(z.accounts)}`

const activitiesInsert: ChildInsert = (ws, p, z, from) => `
  insert into activities (id, workspace_id, created_at, updated_at, created_by, owner_id, account_id, kind,
      subject, occurred_at, duration_minutes)
    select ${uuid7('s.at')}, ${lit(ws)}, s.at, s.at, ${lit(p.adminId)}, a.owner_id, a.id, s.kind,
      initcap(s.kind) || ' #' || (s.g + ${from.activities}), s.at, 15 * (1 + floor(random() * 8)::int)
    from ${series(z.activities, 18, `, ${pick(textArray(['call', 'email', 'meeting', 'visit', 'enquiry', 'note']), 6)} as kind`)}
    ${ofAccount(z.accounts)}`

const opportunitiesInsert: ChildInsert = (ws, p, z, from) => `
  insert into opportunities (id, workspace_id, created_at, updated_at, created_by, owner_id, account_id, name,
      amount, stage, status, type, probability, expected_close_date)
    select ${uuid7('s.at')}, ${lit(ws)}, s.at, s.at + random() * (now() - s.at), ${lit(p.adminId)}, a.owner_id,
      a.id, 'Opportunity ' || (s.g + ${from.opportunities}), round((random() * 2000000)::numeric, 2),
      ${pick(textArray(['discovery', 'solution', 'negotiation', 'implementation', 'account_management']), 5)},
      (array['open', 'open', 'won', 'lost', 'open']::text[])[1 + floor(random() * 5)::int],
      ${pick(textArray(['new_business', 'upsell', 'cross_sell', 'renewal']), 4)},
      10 * floor(random() * 10)::int, (s.at + interval '90 days')::date
    from ${series(z.opportunities, 24)} ${ofAccount(z.accounts)}`

const ticketsInsert: ChildInsert = (ws, p, z, from) => `
  insert into tickets (id, workspace_id, created_at, updated_at, created_by, owner_id, account_id, subject,
      status, priority, type)
    select ${uuid7('s.at')}, ${lit(ws)}, s.at, s.at, ${lit(p.adminId)}, a.owner_id, a.id,
      'Ticket ' || (s.g + ${from.tickets}),
      ${pick(textArray(['new', 'open', 'pending', 'resolved', 'closed']), 5)},
      ${pick(textArray(['low', 'normal', 'high', 'urgent']), 4)},
      ${pick(textArray(['question', 'incident', 'problem', 'feature_request', 'complaint']), 5)}
    from ${series(z.tickets, 18)} ${ofAccount(z.accounts)}`

/** Two readings of each default health metric per account in the last two months: the health recompute's input. */
const metricsInsert = (ws: string, z: Sizes) => `
  insert into metric_values (id, workspace_id, account_id, metric, value, at, source)
    select ${uuid7('s.at')}, ${lit(ws)}, a.id, m.metric, round((m.lo + random() * (m.hi - m.lo))::numeric, 2),
      s.at, 'api'
    from ${series(z.accounts * 2, 2)} ${ofAccount(z.accounts)}
    cross join (values ('feature_usage', 0, 100), ('meeting_minutes', 0, 180), ('issue_feedback', 0, 12),
      ('nps', -100, 100)) m(metric, lo, hi)`

/**
 * Loads a table with its indexes (and primary key) dropped, then rebuilds them from their own definitions,
 * as a bulk loader does: building an index once is much faster than updating it row by row.
 */
async function withoutIndexes(db: RawSql, table: string, load: () => Promise<void>) {
  const indexes = await db.query<{ name: string; def: string }>(
    `select indexname as name, indexdef as def from pg_indexes i
      where schemaname = 'public' and tablename = $1
        and not exists (select 1 from pg_constraint c where c.conindid = (quote_ident(i.indexname))::regclass)`,
    [table],
  )
  const [pk] = await db.query<{ name: string; def: string }>(
    `select conname as name, pg_get_constraintdef(oid) as def from pg_constraint
      where conrelid = $1::regclass and contype = 'p'`,
    [table],
  )
  for (const i of indexes) await db.exec(`drop index "${i.name}"`)
  if (pk) await db.exec(`alter table "${table}" drop constraint "${pk.name}"`)
  await load()
  if (pk) await db.exec(`alter table "${table}" add constraint "${pk.name}" ${pk.def}`)
  for (const i of indexes) await db.exec(i.def)
}

export const noRows: Sizes = { accounts: 0, contacts: 0, activities: 0, opportunities: 0, tickets: 0 }

/**
 * Bulk-loads the business rows of the workspace and vacuums/analyzes, returning seconds per step. With
 * `from` (what an earlier load made), it grows the workspace to `z`: the new accounts, numbered on, get the
 * new children.
 */
export async function bulkLoad(
  db: RawSql,
  p: People,
  total: Sizes,
  log: (line: string) => void,
  from: Sizes = noRows,
) {
  const z = Object.fromEntries(
    Object.entries(total).map(([k, v]) => [k, v - from[k as keyof Sizes]]),
  ) as Sizes
  const seconds: Record<string, number> = {}
  const step = async (name: string, rows: number, fn: () => Promise<void>) => {
    const t0 = performance.now()
    await fn()
    seconds[name] = (performance.now() - t0) / 1000
    log(`  ${name}: ${rows.toLocaleString('en')} rows in ${seconds[name]!.toFixed(1)} s`)
  }
  if (db.kind === 'postgres') await db.exec(`set maintenance_work_mem = '1GB'; set work_mem = '256MB'`)
  const ws = p.workspaceId
  await step('accounts', z.accounts, () =>
    withoutIndexes(db, 'accounts', () => db.exec(accountsInsert(ws, p, z.accounts, from.accounts))),
  )
  // The accounts this load made ('Account 0000001' …), which its children go to.
  await db.exec(`create temp table bench_accounts as
      select (row_number() over (order by id))::int as n, id, owner_id from accounts
        where workspace_id = ${lit(ws)} and name ~ '^Account [0-9]{7}$' and substr(name, 9)::int > ${from.accounts};
    create unique index on bench_accounts (n); analyze bench_accounts`)
  const children: [keyof Sizes, string, ChildInsert][] = [
    ['contacts', 'contacts', contactsInsert],
    ['activities', 'activities', activitiesInsert],
    ['opportunities', 'opportunities', opportunitiesInsert],
    ['tickets', 'tickets', ticketsInsert],
  ]
  for (const [key, table, insert] of children) {
    if (z[key] === 0) continue
    await step(table, z[key], () => withoutIndexes(db, table, () => db.exec(insert(ws, p, z, from))))
  }
  await step('metric values', z.accounts * 8, () =>
    withoutIndexes(db, 'metric_values', () => db.exec(metricsInsert(ws, z))),
  )
  await db.exec('drop table bench_accounts')
  // Autovacuum would otherwise start on these tables in the middle of the timings.
  await step('vacuum analyze', 0, () => db.exec('vacuum (analyze)'))
  return seconds
}
