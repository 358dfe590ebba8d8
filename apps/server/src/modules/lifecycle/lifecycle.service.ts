import { accountIdsPage, workspacesWithAccounts } from '../accounts'
import type { AccountLifecycle } from '@openkam/contract'
import { recordAudit } from '../../core/audit/audit'
import { systemCtx, type Ctx } from '../../core/context'
import type { Db, Executor } from '../../core/db/types'
import type { EventSink } from '../../core/events/bus'
import { accountCollection } from '../accounts'
import { addDays, businessDay } from '../renewals'
import { deriveStage, RECENT_WIN_DAYS, RENEWAL_HORIZON_DAYS, type LifecycleFacts } from './lifecycle'
import { lifecycleFacts, setStages, type FactsRow } from './lifecycle.repository'

const DAY = 86_400_000
const PAGE = 500

const window = (now: Date) => {
  const today = businessDay(now)
  return {
    today,
    horizon: addDays(today, RENEWAL_HORIZON_DAYS),
    winsSince: new Date(now.getTime() - RECENT_WIN_DAYS * DAY),
  }
}

const factsOf = (r: FactsRow): LifecycleFacts => ({
  openOpportunities: r.openOpportunities,
  openRenewalOpportunities: r.openRenewalOpportunities,
  recentWin: r.recentWin,
  activeContract: r.activeContract,
  contractEndingSoon: r.contractEndingSoon,
  pendingHandoff: r.pendingHandoff,
  openMilestones: r.openMilestones,
})

/**
 * Derives the lifecycle stage of some accounts and stores the ones that changed, through the account
 * collection (audited, `account.updated` with `changed: ['lifecycleStage']`). Returns how many changed.
 */
export async function recomputeLifecycle(tx: Executor, ctx: Ctx, accountIds: string[], now = new Date()) {
  let changed = 0
  for (const row of await lifecycleFacts(tx, ctx.ws, [...new Set(accountIds)], window(now))) {
    const { stage } = deriveStage(factsOf(row))
    if (stage === row.lifecycleStage) continue
    await accountCollection.update(tx, ctx, row.id, { version: row.version, lifecycleStage: stage })
    changed++
  }
  return changed
}

/**
 * Like recomputeLifecycle, for bulk loads such as the demo seed: the changed stages are written in one
 * statement with an audit entry each, and no events (nothing reacts to records that were just loaded).
 */
export async function settleLifecycleStages(tx: Executor, ctx: Ctx, accountIds: string[], now = new Date()) {
  const changes = (await lifecycleFacts(tx, ctx.ws, [...new Set(accountIds)], window(now)))
    .map((row) => ({ row, stage: deriveStage(factsOf(row)).stage }))
    .filter((c) => c.stage !== c.row.lifecycleStage)
  await setStages(
    tx,
    ctx.ws,
    changes.map((c) => ({ id: c.row.id, stage: c.stage })),
  )
  await recordAudit(
    tx,
    ctx,
    changes.map((c) => ({
      action: 'update',
      entityType: 'account',
      entityId: c.row.id,
      before: { lifecycleStage: c.row.lifecycleStage },
      after: { lifecycleStage: c.stage },
    })),
  )
  return changes.length
}

/** Every account of one workspace (or of all), a page per transaction: the nightly catch-up for time passing. */
export async function recomputeAllLifecycles(db: Db, events: EventSink, ws?: string, now = new Date()) {
  let accounts = 0
  let changed = 0
  for (const w of ws ? [ws] : await workspacesWithAccounts(db)) {
    let after: string | null = null
    for (;;) {
      const ids: string[] = await accountIdsPage(db, w, after, PAGE)
      if (ids.length === 0) break
      changed += await db.transaction((tx) => recomputeLifecycle(tx, systemCtx(w, events), ids, now))
      accounts += ids.length
      after = ids.at(-1)!
    }
  }
  return { accounts, changed }
}

/** An account's lifecycle stage as its records say now, with the rule that decided it and the facts. */
export async function accountLifecycle(tx: Executor, ctx: Ctx, accountId: string): Promise<AccountLifecycle> {
  await accountCollection.get(tx, ctx, accountId)
  const [row] = await lifecycleFacts(tx, ctx.ws, [accountId], window(new Date()))
  const facts = factsOf(row!)
  return { accountId, ...deriveStage(facts), facts }
}
