import { and, eq, inArray, isNull, sql } from 'drizzle-orm'
import type {
  ActionOutcome,
  ConditionGroup,
  Recipient,
  RuleAction,
  RuleTarget,
  RuleTrigger,
  TaskTemplate,
} from '@openkam/contract'
import { customObjectKeyOf } from '@openkam/contract'
import type { Config } from '../../core/config'
import { systemCtx, type Ctx } from '../../core/context'
import type { Executor } from '../../core/db/types'
import { AppError } from '../../core/errors'
import type { EventSink } from '../../core/events/bus'
import type { EventHandler } from '../../core/events/registry'
import type { DomainEvent } from '../../core/events/types'
import { newId } from '../../core/ids'
import type { JobQueue } from '../../core/jobs/jobs'
import { accountCollection } from '../accounts'
import { callWebhook, notify } from '../notifications'
import { taskCollection } from '../tasks'
import { managerOf, peopleByIds, peopleWithRole, teamManagerOf, teamMemberIds } from '../users'
import {
  equal,
  evaluate,
  fieldChanged,
  render,
  resolve,
  valueAt,
  type RuleScope,
  type Trace,
} from './conditions'
import { checkCustomWrites, customDefsOf, splitFields } from './custom-fields'
import { customAccountId, liveCustomObjects, targetOfEvent } from './custom-objects'
import { collectionFor, linkOf, resourceOf } from './entities'
import { optionWords } from './option-words'
import { playbooks, rules, ruleRuns } from './rule.table'
import { approvalStarter, objectOfTarget } from './approval-starter'

type Row = Record<string, any>
export type EngineDeps = { events: EventSink; jobs: JobQueue; config: Config }

/** Changes caused by rule actions carry their depth; at this depth rules stop firing (loops are cut). */
export const MAX_DEPTH = 3
const DAY = 86_400_000

/** A failure of one action. Not retryable when retrying cannot help (a missing owner, an invalid field). */
export class ActionError extends Error {
  constructor(
    message: string,
    readonly retryable = false,
  ) {
    super(message)
  }
}

/** What made a rule fire. */
export type Fire = {
  trigger: string
  eventId?: string | null
  entity: RuleTarget | null
  record: Row | null
  before?: Row | null
  changed?: string[]
  payload?: Row | null
  depth: number
}

type Env = {
  tx: Executor
  ws: string
  deps: EngineDeps
  /** Acts as the system, carrying the chain so that changes made here are recognised downstream. */
  ctx: Ctx
  rule: { id: string; name: string }
  runId: string
  entity: RuleTarget | null
  scope: RuleScope
  dry: boolean
}

type Performed = { status: ActionOutcome['status']; detail: Record<string, unknown> }

/** The account a record belongs to (or the record itself when it is an account). */
export async function accountOf(
  tx: Executor,
  ws: string,
  deps: EngineDeps,
  entity: string | null,
  record: Row | null,
) {
  if (!record) return null
  if (entity === 'account') return record
  // A custom object's record belongs to the account its relation field to accounts names.
  const id = customObjectKeyOf(entity)
    ? customAccountId(record, (await customDefsOf(tx, ws))(entity as RuleTarget))
    : (record.accountId as string | undefined)
  if (!id) return null
  try {
    return (await accountCollection.get(tx, systemCtx(ws, deps.events), id)) as unknown as Row
  } catch {
    return null
  }
}

// ── recipients ───────────────────────────────────────────────────────────────

function ownerIdOf(env: Env): string | null {
  const r = env.scope.record
  if (!r) return null
  if (env.entity === 'task') return (r.assigneeId as string) ?? (r.ownerId as string) ?? null
  return (r.ownerId as string) ?? (env.scope.account?.ownerId as string) ?? null
}

async function resolveRecipient(env: Env, r: Recipient): Promise<{ userIds: string[]; role?: string }> {
  switch (r.kind) {
    case 'user':
      return { userIds: [r.userId] }
    case 'role':
      return { userIds: (await peopleWithRole(env.tx, env.ws, r.role)).map((p) => p.id), role: r.role }
    case 'owner': {
      const o = ownerIdOf(env)
      return { userIds: o ? [o] : [] }
    }
    case 'csm': {
      const c = (env.entity === 'account' ? env.scope.record?.csmId : env.scope.account?.csmId) as
        string | null
      return { userIds: c ? [c] : [] }
    }
    case 'manager': {
      const o = ownerIdOf(env)
      const m = o ? await managerOf(env.tx, env.ws, o) : null
      return { userIds: m ? [m] : [] }
    }
    case 'assignee': {
      const a = env.scope.record?.assigneeId as string | null | undefined
      return { userIds: a ? [a] : [] }
    }
    case 'team_manager': {
      const team = env.scope.record?.teamId as string | null | undefined
      const m = team ? await teamManagerOf(env.tx, env.ws, team) : null
      return { userIds: m ? [m] : [] }
    }
  }
}

const who: Record<Recipient['kind'], string> = {
  user: 'user',
  role: 'role',
  owner: 'owner',
  csm: 'customer success manager',
  manager: "owner's manager",
  assignee: 'assignee',
  team_manager: "team's manager",
}

async function names(env: Env, ids: string[]) {
  return (await peopleByIds(env.tx, env.ws, ids)).map((p) => p.name)
}

// ── actions ──────────────────────────────────────────────────────────────────

const taskRelatedTypes = ['account', 'contact', 'lead', 'opportunity', 'contract', 'ticket', 'handoff']

/** Creates one task from a template (rule action or playbook step). */
export async function createTaskFrom(
  env: Env,
  t: TaskTemplate,
  source: 'rule' | 'playbook' | 'sop',
): Promise<Performed> {
  let assignee: { assigneeId?: string; assigneeRole?: string }
  if (t.assignee.kind === 'role') assignee = { assigneeRole: t.assignee.role }
  else {
    const r = await resolveRecipient(env, t.assignee)
    if (!r.userIds[0]) throw new ActionError(`The record has no ${who[t.assignee.kind]} to give the task to`)
    assignee = { assigneeId: r.userIds[0] }
  }
  const record = env.scope.record
  const words = await optionWords(env.tx, env.ctx, env.entity, t.title + (t.description ?? ''))
  const title = render(t.title, env.scope, words).slice(0, 300) || t.title
  const dueAt =
    t.dueInDays !== undefined ? new Date(env.scope.now.getTime() + t.dueInDays * DAY).toISOString() : null
  if (env.dry) {
    return {
      status: 'would_run',
      detail: {
        title,
        assignee: assignee.assigneeRole ?? (await names(env, [assignee.assigneeId!]))[0] ?? null,
        dueAt,
        priority: t.priority,
      },
    }
  }
  const task = (await taskCollection.create(env.tx, env.ctx, {
    title,
    description: t.description ? render(t.description, env.scope, words) : null,
    ...assignee,
    accountId: (env.scope.account?.id as string) ?? null,
    relatedType: env.entity && record && taskRelatedTypes.includes(env.entity) ? env.entity : null,
    relatedId: env.entity && record && taskRelatedTypes.includes(env.entity) ? record.id : null,
    dueAt,
    priority: t.priority ?? 'normal',
    source,
    ownerId: assignee.assigneeId ?? null,
  })) as Row
  return { status: 'done', detail: { taskId: task.id, title } }
}

async function doNotify(env: Env, a: Extract<RuleAction, { type: 'notify' }>): Promise<Performed> {
  const userIds = new Set<string>()
  let role: string | undefined
  for (const r of a.to) {
    const got = await resolveRecipient(env, r)
    got.userIds.forEach((u) => userIds.add(u))
    role ??= got.role
  }
  const words = await optionWords(env.tx, env.ctx, env.entity, a.subject + (a.body ?? ''))
  const subject = render(a.subject, env.scope, words).slice(0, 200)
  const body = render(a.body ?? '', env.scope, words)
  const robots = a.channels.filter((c) => c !== 'in_app' && c !== 'email')
  if (userIds.size === 0 && robots.length === 0) {
    // Nobody in that place for this record (e.g. an executive has no manager): nothing to send, not a fault.
    return {
      status: 'skipped',
      detail: { reason: `Nobody to notify: no ${a.to.map((r) => who[r.kind]).join(' or ')} for this record` },
    }
  }
  if (env.dry) {
    return {
      status: 'would_run',
      detail: { recipients: await names(env, [...userIds]), channels: a.channels, subject, body },
    }
  }
  const record = env.scope.record
  const sent = await notify(env.tx, env.ws, env.deps.jobs, {
    userIds: [...userIds],
    role: role ?? null,
    channels: a.channels,
    subject,
    body,
    link: env.entity && record ? linkOf(env.entity, record.id as string) : null,
    relatedType: env.entity,
    relatedId: (record?.id as string) ?? null,
    ruleRunId: env.runId,
    webhookId: a.webhookId ?? null,
    // Each reader's texts from what they may see: a hidden field's placeholder renders empty (SPEC R-23).
    personalize: (redact) => {
      const scope = {
        ...env.scope,
        record: redact(env.entity, env.scope.record),
        before: redact(env.entity, env.scope.before),
        account: redact('account', env.scope.account),
        payload: redact(env.entity, env.scope.payload),
      }
      return {
        subject: render(a.subject, scope, words).slice(0, 200),
        body: render(a.body ?? '', scope, words),
      }
    },
  })
  const pending = sent.filter((s) => s.status === 'pending').length
  const skipped = sent.filter((s) => s.status === 'skipped')
  return {
    status: pending ? 'queued' : sent.length && skipped.length === sent.length ? 'skipped' : 'done',
    detail: {
      notificationIds: sent.map((s) => s.id),
      recipients: userIds.size,
      ...(skipped.length ? { skipped: skipped.map((s) => `${s.channel}: ${s.error}`) } : {}),
    },
  }
}

async function currentRecord(env: Env): Promise<Row> {
  const record = env.scope.record
  if (!env.entity || !record?.id) throw new ActionError('This trigger has no record to change')
  try {
    return (await collectionFor(env.entity).get(env.tx, env.ctx, record.id as string)) as Row
  } catch (e) {
    if (e instanceof AppError && e.kind === 'not_found') throw new ActionError('The record no longer exists')
    throw e
  }
}

/** Applies field changes through the entity's own update: validated, audited, evented, all or nothing. */
async function applyFields(env: Env, fields: Row): Promise<Performed> {
  const current = await currentRecord(env)
  const { builtIn, custom } = splitFields(fields)
  const input: Row = { version: current.version, ...builtIn }
  if (Object.keys(custom).length) {
    // The engine writes as the system, which the collection lets keep unknown keys: refuse them here
    // (a field deleted since the rule was saved); a dry run also checks the values the write would.
    const errors = checkCustomWrites({
      entity: env.entity!,
      defs: (await customDefsOf(env.tx, env.ws))(env.entity!),
      values: custom,
      literal: env.dry ? custom : {},
      stored: (current.custom ?? {}) as Row,
      at: 'fields',
    })
    if (errors.length)
      throw new ActionError(
        `Invalid values: ${errors.map((e) => `${e.path.slice(7)}: ${e.message}`).join('; ')}`,
      )
    input.custom = custom
  }
  const parsed = resourceOf(env.entity!).Update.safeParse(input)
  if (!parsed.success)
    throw new ActionError(
      `Invalid values: ${parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`,
    )
  if (env.dry) return { status: 'would_run', detail: { fields } }
  try {
    // Later actions of the run see the record as it now is (e.g. a playbook after an owner change).
    env.scope.record = (await collectionFor(env.entity!).update(
      env.tx,
      env.ctx,
      current.id,
      parsed.data as any,
    )) as Row
  } catch (e) {
    if (e instanceof AppError && e.kind === 'invalid')
      throw new ActionError(
        `${e.message}: ${((e.extra?.errors as { path: string; message: string }[]) ?? []).map((x) => `${x.path} ${x.message}`).join('; ')}`,
      )
    throw e
  }
  return { status: 'done', detail: { fields } }
}

async function doUpdateFields(env: Env, a: Extract<RuleAction, { type: 'update_fields' }>) {
  const fields = Object.fromEntries(
    Object.entries(a.fields).map(([k, v]) => [k, typeof v === 'string' ? render(v, env.scope) : v]),
  )
  return applyFields(env, fields)
}

async function doAssignOwner(env: Env, a: Extract<RuleAction, { type: 'assign_owner' }>): Promise<Performed> {
  let userId: string | null = null
  let why = ''
  if (a.strategy === 'round_robin') {
    const pool = a.userIds?.length ? a.userIds : a.teamId ? await teamMemberIds(env.tx, env.ws, a.teamId) : []
    if (pool.length === 0) throw new ActionError('Nobody to take turns: the list (or team) is empty')
    let turn: number
    if (env.dry) {
      const [r] = await env.tx
        .select({ state: rules.state })
        .from(rules)
        .where(and(eq(rules.workspaceId, env.ws), eq(rules.id, env.rule.id)))
      turn = Number((r?.state as Row | undefined)?.rr ?? -1) + 1
    } else {
      const res = (await env.tx.execute(sql`
        update rules set state = jsonb_set(state, '{rr}', to_jsonb(coalesce((state->>'rr')::int, -1) + 1))
        where workspace_id = ${env.ws} and id = ${env.rule.id}
        returning (state->>'rr')::int as rr`)) as unknown as { rows: { rr: number }[] }
      turn = res.rows[0]?.rr ?? 0
    }
    userId = pool[turn % pool.length]!
    why = `turn ${turn + 1} of ${pool.length}`
  } else {
    const value = resolve(env.scope, a.field ?? '')
    userId =
      (value !== undefined && value !== null ? a.territories?.[String(value)] : undefined) ??
      a.fallbackUserId ??
      null
    if (!userId) throw new ActionError(`No owner for territory "${String(value ?? '')}" and no fallback`)
    why = `territory ${String(value ?? '(none)')}`
  }
  const out = await applyFields(env, { ownerId: userId })
  return {
    status: out.status,
    detail: { ownerId: userId, owner: (await names(env, [userId]))[0] ?? null, why },
  }
}

async function doCallWebhook(env: Env, a: Extract<RuleAction, { type: 'call_webhook' }>): Promise<Performed> {
  const payload = {
    rule: env.rule,
    runId: env.runId,
    entityType: env.entity,
    record: env.scope.record,
    account: env.entity === 'account' ? null : (env.scope.account ?? null),
    payload: env.scope.payload ?? null,
  }
  if (env.dry) return { status: 'would_run', detail: { webhookId: a.webhookId ?? null, url: a.url ?? null } }
  const d = await callWebhook(env.tx, env.ws, env.deps.jobs, {
    webhookId: a.webhookId ?? null,
    url: a.url ?? null,
    payload,
    ruleRunId: env.runId,
    subject: env.rule.name,
  })
  if (d.status === 'skipped') throw new ActionError(d.error ?? 'The webhook was not called')
  return { status: d.status === 'pending' ? 'queued' : 'done', detail: { notificationId: d.id } }
}

/** Creates the tasks of a playbook for a record, due relative to now. */
export async function runPlaybook(env: Env, playbookId: string): Promise<Performed> {
  const [pb] = await env.tx
    .select()
    .from(playbooks)
    .where(and(eq(playbooks.workspaceId, env.ws), eq(playbooks.id, playbookId), isNull(playbooks.deletedAt)))
  if (!pb) throw new ActionError('The playbook no longer exists')
  const tasks: unknown[] = []
  for (const step of pb.steps as TaskTemplate[]) {
    const r = await createTaskFrom(env, { ...step, priority: step.priority ?? 'normal' }, 'playbook')
    tasks.push(env.dry ? r.detail : r.detail.taskId)
  }
  return env.dry
    ? { status: 'would_run', detail: { playbook: pb.name, tasks } }
    : { status: 'done', detail: { playbook: pb.name, taskIds: tasks } }
}

async function perform(env: Env, a: RuleAction): Promise<Performed> {
  switch (a.type) {
    case 'create_task':
      return createTaskFrom(env, a.task, a.source ?? 'rule')
    case 'notify':
      return doNotify(env, a)
    case 'update_fields':
      return doUpdateFields(env, a)
    case 'assign_owner':
      return doAssignOwner(env, a)
    case 'call_webhook':
      return doCallWebhook(env, a)
    case 'start_playbook':
      return runPlaybook(env, a.playbookId)
    case 'start_approval':
      return doStartApproval(env)
  }
}

/** Submits the rule's record for approval as its owner (the first flow of its object that applies). */
async function doStartApproval(env: Env): Promise<Performed> {
  const record = env.scope.record
  if (!env.entity || !record?.id) throw new ActionError('This trigger has no record to submit for approval')
  const object = objectOfTarget(env.entity)
  const submitterId = record.ownerId as string | null
  if (!submitterId) throw new ActionError('The record has no owner to submit it for approval', false)
  if (env.dry) return { status: 'would_run', detail: { object, recordId: record.id, submitterId } }
  const start = approvalStarter()
  if (!start) throw new ActionError('Approvals are not available in this process', false)
  try {
    const a = await start(env.tx, env.ws, env.ctx.events, {
      object,
      recordId: record.id as string,
      submitterId,
    })
    return { status: 'done', detail: { approvalId: a.id, approvalStatus: a.status } }
  } catch (e) {
    if (e instanceof AppError && e.kind !== 'conflict') throw new ActionError(e.message, false)
    if (e instanceof AppError && e.code === 'approval_already_pending')
      return { status: 'done', detail: { alreadyPending: true } }
    throw e
  }
}

/** Unexpected errors and version conflicts may pass; refusals (invalid, forbidden, not found) will not. */
const retryable = (e: unknown) =>
  e instanceof ActionError ? e.retryable : !(e instanceof AppError && e.kind !== 'conflict')
const messageOf = (e: unknown) => (e instanceof Error ? e.message : String(e))

/** Runs one action in a savepoint: a failed action leaves nothing half done and the others go on. */
async function attempt(
  env: Env,
  a: RuleAction,
): Promise<{ ok: true; p: Performed } | { ok: false; error: string; retry: boolean }> {
  try {
    const p = env.dry
      ? await perform(env, a)
      : await env.tx.transaction(async (sp) => perform({ ...env, tx: sp }, a))
    return { ok: true, p }
  } catch (e) {
    return { ok: false, error: messageOf(e).slice(0, 1000), retry: retryable(e) }
  }
}

export function runStatusOf(outcomes: ActionOutcome[]): 'succeeded' | 'partial' | 'failed' {
  const bad = outcomes.filter((o) => o.status === 'failed' || o.status === 'retrying').length
  if (bad === 0) return 'succeeded'
  return bad === outcomes.length ? 'failed' : 'partial'
}

const backoff = (config: Config, attempts: number) => config.retryBaseSeconds * 2 ** (attempts - 1)

/** Fires one rule: evaluates its conditions, runs its actions in order and logs the run. */
export async function fireRule(tx: Executor, ws: string, deps: EngineDeps, rule: Row, fire: Fire) {
  const started = new Date()
  const runId = newId()
  const account = await accountOf(tx, ws, deps, fire.entity, fire.record)
  const scope: RuleScope = {
    record: fire.record,
    before: fire.before ?? null,
    changed: fire.changed ?? [],
    account,
    payload: fire.payload ?? null,
    now: started,
  }
  const base = {
    id: runId,
    workspaceId: ws,
    ruleId: rule.id as string,
    ruleVersion: rule.version as number,
    trigger: fire.trigger,
    eventId: fire.eventId ?? null,
    entityType: fire.entity,
    entityId: (fire.record?.id as string) ?? null,
    depth: fire.depth,
    startedAt: started,
  }
  if (fire.depth >= MAX_DEPTH) {
    await tx.insert(ruleRuns).values({ ...base, status: 'loop_cut', matched: false, finishedAt: new Date() })
    await countRun(tx, ws, rule.id, false, started)
    return { id: runId, status: 'loop_cut' as const }
  }
  const { matched, trace } = evaluate(rule.conditions as ConditionGroup, scope)
  if (!matched) {
    await tx.insert(ruleRuns).values({
      ...base,
      status: 'not_matched',
      matched,
      conditions: trace,
      durationMs: Date.now() - started.getTime(),
      finishedAt: new Date(),
    })
    await countRun(tx, ws, rule.id, false, started)
    return { id: runId, status: 'not_matched' as const }
  }
  await tx.insert(ruleRuns).values({ ...base, status: 'running', matched, conditions: trace })
  const env: Env = {
    tx,
    ws,
    deps,
    ctx: systemCtx(ws, deps.events, { ruleId: rule.id, runId, depth: fire.depth + 1 }),
    rule: { id: rule.id, name: rule.name },
    runId,
    entity: fire.entity,
    scope,
    dry: false,
  }
  const outcomes: ActionOutcome[] = []
  for (const [index, a] of (rule.actions as RuleAction[]).entries()) {
    const r = await attempt(env, a)
    if (r.ok) {
      outcomes.push({ index, type: a.type, status: r.p.status, detail: r.p.detail, error: null, attempts: 1 })
      continue
    }
    const again = r.retry && deps.config.retryMaxAttempts > 1
    outcomes.push({
      index,
      type: a.type,
      status: again ? 'retrying' : 'failed',
      detail: null,
      error: r.error,
      attempts: 1,
    })
    if (again)
      await deps.jobs.send(
        tx,
        'rules.retry_action',
        { ws, runId, index },
        { startAfterSeconds: backoff(deps.config, 1) },
      )
  }
  const status = runStatusOf(outcomes)
  await tx
    .update(ruleRuns)
    .set({ status, actions: outcomes, durationMs: Date.now() - started.getTime(), finishedAt: new Date() })
    .where(and(eq(ruleRuns.workspaceId, ws), eq(ruleRuns.id, runId)))
  await countRun(tx, ws, rule.id, status !== 'succeeded', started)
  return { id: runId, status }
}

async function countRun(tx: Executor, ws: string, ruleId: string, failed: boolean, at: Date) {
  await tx
    .update(rules)
    .set({
      runCount: sql`${rules.runCount} + 1`,
      failedCount: failed ? sql`${rules.failedCount} + 1` : sql`${rules.failedCount}`,
      lastRunAt: at,
    })
    .where(and(eq(rules.workspaceId, ws), eq(rules.id, ruleId)))
}

/** Retries one failed action of a run with the rule version that ran, against the record as it is now. */
export async function retryAction(
  tx: Executor,
  deps: EngineDeps,
  data: { ws: string; runId: string; index: number },
  definition: { name: string; actions: RuleAction[] },
) {
  const [run] = await tx
    .select()
    .from(ruleRuns)
    .where(and(eq(ruleRuns.workspaceId, data.ws), eq(ruleRuns.id, data.runId)))
    .for('update')
  const outcomes = (run?.actions ?? []) as ActionOutcome[]
  const o = outcomes[data.index]
  const a = definition.actions[data.index]
  if (!run || !o || !a || o.status !== 'retrying') return 'nothing to retry'
  const entity = run.entityType as RuleTarget | null
  let record: Row | null = null
  if (entity && run.entityId) {
    try {
      record = (await collectionFor(entity).get(tx, systemCtx(data.ws, deps.events), run.entityId)) as Row
    } catch {
      record = null
    }
  }
  const env: Env = {
    tx,
    ws: data.ws,
    deps,
    ctx: systemCtx(data.ws, deps.events, { ruleId: run.ruleId, runId: run.id, depth: run.depth + 1 }),
    rule: { id: run.ruleId, name: definition.name },
    runId: run.id,
    entity,
    scope: { record, account: await accountOf(tx, data.ws, deps, entity, record), now: new Date() },
    dry: false,
  }
  const r = await attempt(env, a)
  const attempts = o.attempts + 1
  if (r.ok) outcomes[data.index] = { ...o, status: r.p.status, detail: r.p.detail, error: null, attempts }
  else {
    const again = r.retry && attempts < deps.config.retryMaxAttempts
    outcomes[data.index] = { ...o, status: again ? 'retrying' : 'failed', error: r.error, attempts }
    if (again)
      await deps.jobs.send(tx, 'rules.retry_action', data, {
        startAfterSeconds: backoff(deps.config, attempts),
      })
  }
  await tx
    .update(ruleRuns)
    .set({ actions: outcomes, status: runStatusOf(outcomes) })
    .where(and(eq(ruleRuns.workspaceId, data.ws), eq(ruleRuns.id, run.id)))
  return outcomes[data.index]!.status
}

/** Whether an event meets a record trigger. */
export function triggerMatches(t: RuleTrigger, event: DomainEvent): boolean {
  const action = event.type.slice(event.type.lastIndexOf('.') + 1)
  const p = event.payload as { record?: Row; changed?: string[]; before?: Row }
  switch (t.kind) {
    case 'record_created':
      return action === 'created'
    case 'record_updated':
      return action === 'updated'
    case 'record_deleted':
      return action === 'deleted'
    case 'field_changed':
    case 'stage_changed': {
      // A custom field is watched by its path (`custom.erp`); events name the top field (`custom`).
      const parts = (t.kind === 'stage_changed' ? 'stage' : t.field).split('.')
      if (action !== 'updated' || !fieldChanged(parts, p.changed ?? [], p.before, p.record)) return false
      if (t.from !== undefined && !equal(valueAt(p.before, parts), t.from)) return false
      if (t.to !== undefined && !equal(valueAt(p.record, parts), t.to)) return false
      return true
    }
    default:
      return false
  }
}

const recordKinds = ['record_created', 'record_updated', 'record_deleted', 'field_changed', 'stage_changed']

/**
 * The rule engine's event handler: every record event meets the enabled rules that watch its entity —
 * a built-in one, or a custom object's (`custom:<key>`) while the object exists.
 */
export function rulesEngineHandler(deps: EngineDeps): EventHandler {
  return {
    name: 'rules.engine',
    // Suffixes: custom objects' events (`site_visits.created`) are named after keys made at run time.
    events: ['*.created', '*.updated', '*.deleted'],
    handle: (tx, event) => meetRules(tx, deps, [event]),
    // A batch reads the enabled rules of each workspace and entity once, then meets its events in order.
    handleMany: (tx, events) => meetRules(tx, deps, events),
  }
}

async function meetRules(tx: Executor, deps: EngineDeps, events: DomainEvent[]) {
  const rulesOf = new Map<string, Promise<(typeof rules.$inferSelect)[]>>()
  const candidatesFor = (ws: string, entity: RuleTarget) => {
    const key = `${ws} ${entity}`
    if (!rulesOf.has(key))
      rulesOf.set(
        key,
        tx
          .select()
          .from(rules)
          .where(
            and(
              eq(rules.workspaceId, ws),
              eq(rules.enabled, true),
              isNull(rules.deletedAt),
              eq(rules.triggerEntity, entity),
              inArray(rules.triggerKind, recordKinds),
            ),
          )
          .orderBy(rules.createdAt, rules.id),
      )
    return rulesOf.get(key)!
  }
  for (const event of events) {
    const p = event.payload as { record?: Row; changed?: string[]; before?: Row }
    if (!p.record) continue
    const custom = p.record.object === event.entityType
    const keys = custom ? new Set((await liveCustomObjects(tx, event.workspaceId)).keys()) : new Set<string>()
    const entity = targetOfEvent(event.entityType, p.record, keys)
    if (!entity) continue
    for (const rule of await candidatesFor(event.workspaceId, entity)) {
      if (!triggerMatches(rule.trigger as RuleTrigger, event)) continue
      await fireRule(tx, event.workspaceId, deps, rule, {
        trigger: event.type,
        eventId: event.id,
        entity,
        record: p.record,
        before: p.before ?? null,
        changed: p.changed ?? [],
        depth: event.cause?.depth ?? 0,
      })
    }
  }
}

/** Evaluates a definition against a record without changing anything: what would happen, and why. */
export async function dryRunRule(
  tx: Executor,
  ws: string,
  deps: EngineDeps,
  def: { name: string; trigger: RuleTrigger; conditions: ConditionGroup; actions: RuleAction[] },
  ruleId: string | null,
  record: Row | null,
  payload: Row | null,
) {
  const entity: RuleTarget | null = ('entity' in def.trigger ? def.trigger.entity : null) ?? null
  const scope: RuleScope = {
    record,
    before: null,
    changed: [],
    account: await accountOf(tx, ws, deps, entity, record),
    payload,
    now: new Date(),
  }
  const { matched, trace } = evaluate(def.conditions, scope)
  const env: Env = {
    tx,
    ws,
    deps,
    ctx: systemCtx(ws, deps.events),
    rule: { id: ruleId ?? '00000000-0000-0000-0000-000000000000', name: def.name },
    runId: '00000000-0000-0000-0000-000000000000',
    entity,
    scope,
    dry: true,
  }
  const actions: ActionOutcome[] = []
  for (const [index, a] of def.actions.entries()) {
    if (!matched) {
      actions.push({ index, type: a.type, status: 'skipped', detail: null, error: null, attempts: 0 })
      continue
    }
    const r = await attempt(env, a)
    actions.push(
      r.ok
        ? { index, type: a.type, status: r.p.status, detail: r.p.detail, error: null, attempts: 0 }
        : { index, type: a.type, status: 'failed', detail: null, error: r.error, attempts: 0 },
    )
  }
  return { matched, conditions: trace as Trace[], actions, record }
}

export type { Env }
