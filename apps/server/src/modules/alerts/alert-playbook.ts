import { and, eq, isNull } from 'drizzle-orm'
import type { Executor } from '../../core/db/types'
import { isUuid } from '../../core/ids'
import type { EngineDeps } from '../rules'
import { systemCtx } from '../../core/context'

type Row = Record<string, any>

// The rules module watches alerts (its entity map names this module's collection), so this module reaches
// it lazily, at call time: a static import would make the two modules' top levels depend on each other.
const rulesModule = () => import('../rules')

/** A live playbook by id or by template key (e.g. `retention`). */
export async function findPlaybook(tx: Executor, ws: string, ref: string) {
  const { ruleTables } = await rulesModule()
  const pb = ruleTables.playbooks
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
 * Starts a playbook for the alert's account (its tasks, `source: playbook`), in a savepoint: a playbook
 * that cannot run (no CSM to assign, deleted playbook) leaves nothing behind and says why.
 */
export async function startPlaybookForAlert(
  tx: Executor,
  ws: string,
  deps: Partial<EngineDeps> & Pick<EngineDeps, 'events'>,
  ref: string,
  accountId: string,
): Promise<{ playbookId: string; taskIds: string[] } | { error: string }> {
  const rules = await rulesModule()
  // Starting a playbook only creates tasks: the engine's queue and retry settings are not used.
  const engine = deps as EngineDeps
  const pb = await findPlaybook(tx, ws, ref)
  if (!pb) return { error: `no playbook ${ref}` }
  try {
    return await tx.transaction(async (sp) => {
      const ctx = systemCtx(ws, engine.events)
      const account = (await rules.accountOf(sp, ws, engine, 'alert', { accountId })) as Row | null
      if (!account) throw new Error('the account is gone')
      const out = await rules.runPlaybook(
        {
          tx: sp,
          ws,
          deps: engine,
          ctx,
          rule: { id: pb.id, name: pb.name },
          runId: pb.id,
          entity: 'account',
          scope: { record: account, account, now: new Date() },
          dry: false,
        } as Parameters<typeof rules.runPlaybook>[0],
        pb.id,
      )
      return { playbookId: pb.id, taskIds: (out.detail.taskIds as string[]) ?? [] }
    })
  } catch (e) {
    return { error: e instanceof Error ? e.message : String(e) }
  }
}
