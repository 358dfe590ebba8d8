import { timingSafeEqual } from 'node:crypto'
import { z } from 'zod'
import { and, desc, eq, isNull, lt, or, sql, type SQL } from 'drizzle-orm'
import {
  DryRunRequest,
  DryRunResult,
  Id,
  Notification,
  Playbook,
  PlaybookCreate,
  PlaybookStart,
  PlaybookUpdate,
  Problem,
  Rule,
  RuleCreate,
  RuleRun,
  RuleUpdate,
  RuleVersion,
  customObjectKeyOf,
  runStatuses,
  type RuleTarget,
} from '@openkam/contract'
import { scopeFor } from '../../core/access/permissions'
import { systemCtx, type Ctx } from '../../core/context'
import { registerCollectionRoutes } from '../../core/http/collection-routes'
import { iso } from '../../core/crud/mapping'
import type { App } from '../../core/http/server'
import type { Db, Executor } from '../../core/db/types'
import { AppError, notFound } from '../../core/errors'
import { isUuid } from '../../core/ids'
import { deliveriesForRuns } from '../notifications'
import { accountOf, ActionError, dryRunRule, fireRule, runPlaybook, type EngineDeps } from './engine'
import { isLiveTarget } from './custom-objects'
import { collectionFor, entityCollections } from './entities'
import { definitionOf, playbookCollection, ruleCollection } from './rule.collection'
import { rules, ruleRuns, ruleVersions } from './rule.table'
import { validateRule } from './validation'

type Row = Record<string, any>
const errors = { 400: Problem, 401: Problem, 403: Problem, 404: Problem, 409: Problem, 422: Problem }

const runRecord = (r: Row, ruleName: string | null = null): RuleRun => ({
  id: r.id,
  ruleId: r.ruleId,
  ruleName: ruleName ?? r.ruleName ?? null,
  ruleVersion: r.ruleVersion,
  trigger: r.trigger,
  eventId: r.eventId ?? null,
  entityType: r.entityType ?? null,
  entityId: r.entityId ?? null,
  depth: r.depth,
  status: r.status,
  matched: r.matched,
  conditions: (r.conditions ?? []) as RuleRun['conditions'],
  actions: (r.actions ?? []) as RuleRun['actions'],
  durationMs: r.durationMs,
  startedAt: r.startedAt.toISOString(),
  finishedAt: iso(r.finishedAt),
})

function mayReadRules(ctx: Ctx) {
  if (scopeFor(ctx.principal, 'rules', 'read') === 'none')
    throw new AppError('forbidden', 'forbidden', 'Your role may not read automation rules')
}

const encode = (r: { startedAt: Date; id: string }) =>
  Buffer.from(JSON.stringify({ t: r.startedAt.toISOString(), id: r.id })).toString('base64url')
function decode(cursor: string): { t: string; id: string } {
  try {
    const c = JSON.parse(Buffer.from(cursor, 'base64url').toString())
    if (typeof c.t === 'string' && isUuid(c.id)) return c
  } catch {
    /* fall through */
  }
  throw new AppError('invalid', 'invalid_cursor', 'The cursor is not valid; start again without it', {
    errors: [{ path: 'cursor', message: 'not a cursor from this list' }],
  })
}

/** Rule runs, newest first, for a rule, a record or the whole workspace. */
export async function listRuns(
  db: Executor,
  ctx: Ctx,
  q: { ruleId?: string; entityId?: string; status?: string; limit: number; cursor?: string },
) {
  mayReadRules(ctx)
  const where: (SQL | undefined)[] = [eq(ruleRuns.workspaceId, ctx.ws)]
  if (q.ruleId) where.push(eq(ruleRuns.ruleId, q.ruleId))
  if (q.entityId) where.push(eq(ruleRuns.entityId, q.entityId))
  if (q.status)
    where.push(
      sql`${ruleRuns.status} in (${sql.join(
        q.status.split(',').map((s) => sql`${s}`),
        sql`, `,
      )})`,
    )
  if (q.cursor) {
    const c = decode(q.cursor)
    const t = new Date(c.t)
    where.push(or(lt(ruleRuns.startedAt, t), and(eq(ruleRuns.startedAt, t), lt(ruleRuns.id, c.id))))
  }
  const rows = await db
    .select({ run: ruleRuns, ruleName: rules.name })
    .from(ruleRuns)
    .leftJoin(rules, and(eq(rules.workspaceId, ruleRuns.workspaceId), eq(rules.id, ruleRuns.ruleId)))
    .where(and(...where))
    .orderBy(desc(ruleRuns.startedAt), desc(ruleRuns.id))
    .limit(q.limit + 1)
  const page = rows.slice(0, q.limit)
  return {
    data: page.map((r) => runRecord(r.run, r.ruleName)),
    nextCursor: rows.length > q.limit ? encode(page.at(-1)!.run) : null,
  }
}

const safeEqual = (a: string, b: string) => {
  const x = Buffer.from(a)
  const y = Buffer.from(b)
  return x.length === y.length && timingSafeEqual(x, y)
}

/** Routes of the rules module: rules and playbooks (collections), versions, dry run, runs, inbound hooks. */
export function registerRuleRoutes(app: App, db: Db, deps: EngineDeps) {
  const tags = ['automation']
  registerCollectionRoutes(
    app,
    db,
    ruleCollection,
    { Record: Rule, Create: RuleCreate, Update: RuleUpdate },
    'automation',
  )
  registerCollectionRoutes(
    app,
    db,
    playbookCollection,
    { Record: Playbook, Create: PlaybookCreate, Update: PlaybookUpdate },
    'automation',
  )

  app.get(
    '/api/v1/rules/:id/versions',
    {
      schema: {
        tags,
        summary: 'Every saved version of a rule, newest first',
        params: z.object({ id: z.string() }),
        response: { 200: z.object({ data: z.array(RuleVersion) }), ...errors },
      },
    },
    async (req) => {
      await ruleCollection.get(db, req.ctx, req.params.id)
      const rows = await db
        .select()
        .from(ruleVersions)
        .where(and(eq(ruleVersions.workspaceId, req.ctx.ws), eq(ruleVersions.ruleId, req.params.id)))
        .orderBy(desc(ruleVersions.version))
      return {
        data: rows.map((v) => ({
          ruleId: v.ruleId,
          version: v.version,
          definition: v.definition,
          changedBy: v.changedBy ?? null,
          changedAt: v.changedAt.toISOString(),
        })),
      }
    },
  )

  app.post(
    '/api/v1/rules/dry-run',
    {
      schema: {
        tags,
        summary: 'Try a rule (saved or not) against a record: what it would do, and why; changes nothing',
        body: DryRunRequest,
        response: { 200: DryRunResult, ...errors },
      },
    },
    async (req) => {
      const ctx = req.ctx
      if (scopeFor(ctx.principal, 'rules', 'read') === 'none')
        throw new AppError('forbidden', 'forbidden', 'Your role may not try automation rules')
      return db
        .transaction(async (tx) => {
          const def = req.body.rule
            ? { description: null, ...req.body.rule }
            : (definitionOf(await ruleRow(tx, ctx.ws, req.body.ruleId!)) as any)
          const problems = await validateRule(tx, ctx.ws, def)
          if (problems.length)
            throw new AppError('invalid', 'invalid_input', 'The rule is not valid', {
              errors: problems.map((p) => ({ ...p, path: req.body.rule ? `rule.${p.path}` : p.path })),
            })
          const entity = ('entity' in def.trigger ? def.trigger.entity : null) as RuleTarget | null
          let record: Row | null = null
          if (req.body.recordId) {
            if (!entity)
              throw new AppError('invalid', 'invalid_input', 'This trigger has no record', {
                errors: [{ path: 'recordId', message: 'this trigger has no record; leave it out' }],
              })
            record = (await collectionFor(entity).get(tx, ctx, req.body.recordId)) as Row
          }
          const result = await dryRunRule(
            tx,
            ctx.ws,
            deps,
            def,
            req.body.ruleId ?? null,
            record,
            req.body.payload ?? null,
          )
          // Nothing a dry run did may stay, whatever an action attempted.
          throw new DryRunDone(result)
        })
        .catch((e) => {
          if (e instanceof DryRunDone) return e.result
          throw e
        })
    },
  )

  app.get(
    '/api/v1/rule-runs',
    {
      schema: {
        tags,
        summary: 'Rule runs, newest first (by rule, by record, by status)',
        querystring: z
          .object({
            ruleId: Id.optional(),
            entityId: Id.optional(),
            status: z
              .string()
              .regex(
                new RegExp(`^(${runStatuses.join('|')})(,(${runStatuses.join('|')}))*$`),
                `one or more of ${runStatuses.join(', ')}`,
              )
              .optional(),
            limit: z.coerce.number().int().min(1).max(500, 'at most 500').default(50),
            cursor: z.string().optional(),
          })
          .strict(),
        response: { 200: z.object({ data: z.array(RuleRun), nextCursor: z.string().nullable() }), ...errors },
      },
    },
    async (req) => listRuns(db, req.ctx, req.query),
  )

  app.get(
    '/api/v1/rule-runs/:id',
    {
      schema: {
        tags,
        summary: 'A rule run with its deliveries (e-mails, robot messages, webhooks) and their status',
        params: z.object({ id: z.string() }),
        response: { 200: RuleRun.extend({ deliveries: z.array(Notification) }), ...errors },
      },
    },
    async (req) => {
      mayReadRules(req.ctx)
      if (!isUuid(req.params.id)) throw notFound('Rule run')
      const [r] = await db
        .select({ run: ruleRuns, ruleName: rules.name })
        .from(ruleRuns)
        .leftJoin(rules, and(eq(rules.workspaceId, ruleRuns.workspaceId), eq(rules.id, ruleRuns.ruleId)))
        .where(and(eq(ruleRuns.workspaceId, req.ctx.ws), eq(ruleRuns.id, req.params.id)))
      if (!r) throw notFound('Rule run')
      return {
        ...runRecord(r.run, r.ruleName),
        deliveries: await deliveriesForRuns(db, req.ctx.ws, [r.run.id], req.ctx),
      }
    },
  )

  app.post(
    '/api/v1/hooks/rules/:id/:key',
    {
      config: { public: true, rateLimit: { max: 600, timeWindow: '1 minute' } },
      schema: {
        tags,
        summary: 'Inbound webhook: fires a rule with a webhook trigger (the URL holds its secret key)',
        security: [],
        params: z.object({ id: z.string(), key: z.string() }),
        body: z
          .record(z.string(), z.unknown())
          .nullish()
          .describe('any JSON object; `recordId` names the record when the trigger has an entity'),
        response: { 202: z.object({ runId: Id, status: z.string() }), 400: Problem, 404: Problem },
      },
    },
    async (req, reply) => {
      const { id, key } = req.params
      if (!isUuid(id)) throw notFound('Hook')
      const result = await db.transaction(async (tx) => {
        const [rule] = await tx
          .select()
          .from(rules)
          .where(and(eq(rules.id, id), isNull(rules.deletedAt), eq(rules.triggerKind, 'webhook')))
        if (!rule || !rule.enabled || !rule.hookKey || !safeEqual(rule.hookKey, key)) throw notFound('Hook')
        const payload = (req.body ?? {}) as Row
        const entity = rule.triggerEntity as RuleTarget | null
        let record: Row | null = null
        if (entity && !(await isLiveTarget(tx, rule.workspaceId, entity)))
          throw new AppError(
            'unprocessable',
            'rule_object_deleted',
            `The rule watches ${customObjectKeyOf(entity)}, a custom object that was deleted; restore it to run the rule`,
          )
        if (entity) {
          if (typeof payload.recordId !== 'string' || !isUuid(payload.recordId))
            throw new AppError('invalid', 'invalid_input', 'recordId is required for this hook', {
              errors: [{ path: 'recordId', message: `the id of the ${entity} to run the rule on` }],
            })
          record = (await collectionFor(entity).get(
            tx,
            systemCtx(rule.workspaceId, deps.events),
            payload.recordId,
          )) as Row
        }
        return fireRule(tx, rule.workspaceId, deps, rule, {
          trigger: 'webhook',
          entity,
          record,
          payload,
          depth: 0,
        })
      })
      return reply.code(202).send({ runId: result.id, status: result.status })
    },
  )

  app.post(
    '/api/v1/playbooks/:id/start',
    {
      schema: {
        tags,
        summary: 'Start a playbook for a record: creates its tasks, due relative to today',
        params: z.object({ id: z.string() }),
        body: PlaybookStart,
        response: { 200: z.object({ taskIds: z.array(Id) }), ...errors },
      },
    },
    async (req) =>
      db.transaction(async (tx) => {
        const ctx = req.ctx
        const pb = await playbookCollection.get(tx, ctx, req.params.id)
        if (scopeFor(ctx.principal, 'tasks', 'create') === 'none')
          throw new AppError('forbidden', 'forbidden', 'Your role may not create tasks')
        const entity = req.body.relatedType
        // The person must see the record; the tasks are then created on the workspace's behalf.
        const record = (await entityCollections[entity].get(tx, ctx, req.body.relatedId)) as Row
        const sys = systemCtx(ctx.ws, deps.events)
        const out = await runPlaybook(
          {
            tx,
            ws: ctx.ws,
            deps,
            ctx: { ...sys, principal: { ...sys.principal, userId: ctx.principal.userId } },
            rule: { id: pb.id, name: pb.name },
            runId: pb.id,
            entity,
            scope: { record, account: await accountOf(tx, ctx.ws, deps, entity, record), now: new Date() },
            dry: false,
          },
          pb.id,
        ).catch((e) => {
          if (e instanceof ActionError) throw new AppError('unprocessable', 'playbook_failed', e.message)
          throw e
        })
        return { taskIds: out.detail.taskIds as string[] }
      }),
  )
}

class DryRunDone {
  constructor(readonly result: Awaited<ReturnType<typeof dryRunRule>>) {}
}

async function ruleRow(tx: Executor, ws: string, id: string) {
  if (!isUuid(id)) throw notFound('Rule')
  const [r] = await tx
    .select()
    .from(rules)
    .where(and(eq(rules.workspaceId, ws), eq(rules.id, id), isNull(rules.deletedAt)))
  if (!r) throw notFound('Rule')
  return r
}
