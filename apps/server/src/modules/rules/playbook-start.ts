// Playbooks started from outside the rules engine — by an alert (modules/alerts reaches these through
// `setAlertPlaybooks`, provided at start, so that it does not import the rules module, which watches alerts).
import { and, eq, isNull } from 'drizzle-orm'
import { systemCtx } from '../../core/context'
import type { Executor } from '../../core/db/types'
import { isUuid } from '../../core/ids'
import { accountOf, runPlaybook, type EngineDeps } from './engine'
import { playbooks as pb } from './rule.table'

type Row = Record<string, any>

/** A live playbook by id or by template key (e.g. `retention`). */
export async function findPlaybook(tx: Executor, ws: string, ref: string) {
  const [row] = await tx
    .select({ id: pb.id, name: pb.name })
    .from(pb)
    .where(
      and(eq(pb.workspaceId, ws), isNull(pb.deletedAt), isUuid(ref) ? eq(pb.id, ref) : eq(pb.template, ref)),
    )
    .orderBy(pb.createdAt)
    .limit(1)
  return row ?? null
}

/**
 * Starts a playbook for an account (its tasks, `source: playbook`), in a savepoint: a playbook that cannot
 * run (no CSM to assign, deleted playbook) leaves nothing behind and says why.
 */
export async function startPlaybook(
  tx: Executor,
  ws: string,
  deps: Partial<EngineDeps> & Pick<EngineDeps, 'events'>,
  ref: string,
  accountId: string,
): Promise<{ playbookId: string; taskIds: string[] } | { error: string }> {
  // Starting a playbook only creates tasks: the engine's queue and retry settings are not used.
  const engine = deps as EngineDeps
  const found = await findPlaybook(tx, ws, ref)
  if (!found) return { error: `no playbook ${ref}` }
  try {
    return await tx.transaction(async (sp) => {
      const ctx = systemCtx(ws, engine.events)
      const account = (await accountOf(sp, ws, engine, 'alert', { accountId })) as Row | null
      if (!account) throw new Error('the account is gone')
      const out = await runPlaybook(
        {
          tx: sp,
          ws,
          deps: engine,
          ctx,
          rule: { id: found.id, name: found.name },
          runId: found.id,
          entity: 'account',
          scope: { record: account, account, now: new Date() },
          dry: false,
        } as Parameters<typeof runPlaybook>[0],
        found.id,
      )
      return { playbookId: found.id, taskIds: (out.detail.taskIds as string[]) ?? [] }
    })
  } catch (e) {
    return { error: e instanceof Error ? e.message : String(e) }
  }
}

/** What the alerts module is given at start (`setAlertPlaybooks`). */
export const alertPlaybooks = { find: findPlaybook, start: startPlaybook }
