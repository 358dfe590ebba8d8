import { sql } from 'drizzle-orm'
import type { OperatorWorkspaceCreate, TemplateFile } from '@openkam/contract'
import { AppError } from '../../core/errors'
import { recordAudit } from '../../core/audit/audit'
import type { Ctx } from '../../core/context'
import type { Db, Executor } from '../../core/db/types'
import type { EventSink } from '../../core/events/bus'
import type { JobQueue } from '../../core/jobs/jobs'
import { builtInTemplates, createWorkspaceFromBuiltIn, createWorkspaceFromFile } from '../templates'
import { isOperator, userCollection } from '../users'
import { BOOTSTRAP_LOCK } from '../workspaces'
import { slugTaken, workspaceNamed, workspacesWithCounts } from './operator.repository'

export type CreateDeps = { events: EventSink; jobs: JobQueue }

/** 403 unless the signed-in person is an instance operator (ADR 0025); API tokens never are. */
export async function requireOperator(db: Executor, ctx: Ctx) {
  if (ctx.principal.kind !== 'user' || !(await isOperator(db, ctx.ws, ctx.principal.userId))) {
    throw new AppError(
      'forbidden',
      'operator_only',
      'Only an instance operator may list or create workspaces (openkam operator grant)',
    )
  }
}

export const listWorkspaces = async (db: Executor) => ({ data: await workspacesWithCounts(db) })

const invalid = (path: string, message: string, text: string) =>
  new AppError('invalid', 'invalid_input', text, { errors: [{ path, message }] })

/** A slug from the name (ASCII letters and digits), or `ws-…` when the name has none (e.g. Chinese). */
export function slugFrom(name: string): string {
  const s = name
    .normalize('NFKD')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 32)
    .replace(/-+$/, '')
  return s.length >= 2 ? s : `ws-${Math.random().toString(36).slice(2, 8)}`
}

async function freeSlug(tx: Executor, input: OperatorWorkspaceCreate) {
  if (input.slug) {
    if (await slugTaken(tx, input.slug)) {
      throw new AppError(
        'conflict',
        'workspace_slug_taken',
        `A workspace with the key "${input.slug}" exists already; choose another key`,
        { errors: [{ path: 'slug', message: 'another workspace has this key' }] },
      )
    }
    return input.slug
  }
  const base = slugFrom(input.name)
  for (let i = 1; ; i++) {
    const slug = i === 1 ? base : `${base}-${i}`
    if (!(await slugTaken(tx, slug))) return slug
  }
}

/** The template a new workspace starts from: a built-in key, or a template file (already shaped). */
function templateOf(t: string | TemplateFile): string | TemplateFile {
  if (typeof t !== 'string') return t
  if (!builtInTemplates.some((b) => b.key === t)) {
    const keys = builtInTemplates.map((b) => b.key).join(', ')
    throw invalid('template', `one of ${keys}`, `There is no template ${t}; use one of ${keys} or a file`)
  }
  return t
}

/**
 * A new workspace from a template with its first administrator (issue 20.5), in one transaction: 409 when
 * a workspace has the name (or the slug) already, 400 for an unknown template; nothing is created then.
 * `by` (the operator's context) gets an audit entry in the operator's own workspace too.
 */
export async function createWorkspaceAsOperator(
  db: Db,
  deps: CreateDeps,
  input: OperatorWorkspaceCreate,
  by?: Ctx,
) {
  const template = templateOf(input.template)
  return db.transaction(async (tx) => {
    await tx.execute(sql`select pg_advisory_xact_lock(${BOOTSTRAP_LOCK})`)
    const same = await workspaceNamed(tx, input.name)
    if (same) {
      throw new AppError(
        'conflict',
        'workspace_name_taken',
        `A workspace named "${same.name}" exists already; choose another name`,
        { errors: [{ path: 'name', message: 'another workspace has this name' }] },
      )
    }
    const ws = { name: input.name, slug: await freeSlug(tx, input), locale: input.locale }
    const ctx =
      typeof template === 'string'
        ? await createWorkspaceFromBuiltIn(tx, deps.events, deps.jobs, template, ws)
        : await createWorkspaceFromFile(tx, deps.events, deps.jobs, template, ws)
    const admin = await userCollection.create(tx, ctx, {
      email: input.adminEmail,
      name: input.adminName ?? input.adminEmail.split('@')[0]!,
      password: input.adminPassword,
      locale: input.locale,
      roles: ['admin'],
    })
    const created = { id: ctx.ws, ...ws, adminEmail: input.adminEmail }
    if (by) {
      await recordAudit(tx, by, [
        { action: 'create', entityType: 'workspace', entityId: ctx.ws, after: created },
      ])
    }
    return { workspace: (await workspacesWithCounts(tx)).find((w) => w.id === ctx.ws)!, adminId: admin.id }
  })
}
