// An alert rule may start a playbook. Playbooks belong to the rules module, which watches alerts (its entity
// map names this module's collection); so that alerts do not import rules, the rules module provides the two
// operations at start (`setAlertPlaybooks(alertPlaybooks)` in module-wiring.ts).
import type { Config } from '../../core/config'
import type { Executor } from '../../core/db/types'
import type { EventSink } from '../../core/events/bus'
import type { JobQueue } from '../../core/jobs/jobs'

type Deps = { events: EventSink; jobs?: JobQueue; config?: Config }

export type AlertPlaybooks = {
  /** A live playbook by id or by template key (e.g. `retention`). */
  find(tx: Executor, ws: string, ref: string): Promise<{ id: string; name: string } | null>
  /** Starts it for the account in a savepoint; a playbook that cannot run leaves nothing and says why. */
  start(
    tx: Executor,
    ws: string,
    deps: Deps,
    ref: string,
    accountId: string,
  ): Promise<{ playbookId: string; taskIds: string[] } | { error: string }>
}

let provided: AlertPlaybooks | null = null
export const setAlertPlaybooks = (p: AlertPlaybooks | null) => {
  provided = p
}

const playbooks = () => {
  if (!provided) throw new Error('Alert playbooks are provided at start (setAlertPlaybooks)')
  return provided
}

export const findPlaybook = (tx: Executor, ws: string, ref: string) => playbooks().find(tx, ws, ref)

export const startPlaybookForAlert = (tx: Executor, ws: string, deps: Deps, ref: string, accountId: string) =>
  playbooks().start(tx, ws, deps, ref, accountId)
