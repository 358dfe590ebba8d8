import { randomBytes } from 'node:crypto'
import { and, desc, eq, isNull, sql } from 'drizzle-orm'
import type { z } from 'zod'
import {
  industries,
  type LeadForm,
  type LeadFormCreate,
  type LeadFormUpdate,
  type PublicLeadSubmit,
} from '@openkam/contract'
import { scopeFor } from '../../core/access/permissions'
import { recordAudit } from '../../core/audit/audit'
import type { Ctx } from '../../core/context'
import type { Executor } from '../../core/db/types'
import { AppError, notFound } from '../../core/errors'
import { isUuid, newId } from '../../core/ids'
import { companyDomainOf } from './lead-score'
import { insertLeadEvents } from './lead-scoring.repository'
import { leadSystemCtx, rescoreLeads, type LeadDeps } from './lead-scoring.service'
import { leadCollection } from './lead.collection'
import { leadForms, leads } from './lead.table'

type FormRow = typeof leadForms.$inferSelect

const newKey = () => `lf_${randomBytes(18).toString('base64url')}`

const formOut = (r: FormRow): LeadForm => ({
  id: r.id,
  name: r.name,
  key: r.key,
  source: r.source,
  enabled: r.enabled,
  maxPerHour: r.maxPerHour,
  submissions: r.submissions,
  lastSubmittedAt: r.lastSubmittedAt?.toISOString() ?? null,
  createdAt: r.createdAt.toISOString(),
  rotatedAt: r.rotatedAt?.toISOString() ?? null,
})

function mayManage(ctx: Ctx) {
  if (scopeFor(ctx.principal, 'workspace', 'update') !== 'all')
    throw new AppError('forbidden', 'forbidden', 'Only administrators may manage lead capture forms')
}

export async function listForms(tx: Executor, ctx: Ctx) {
  mayManage(ctx)
  const rows = await tx
    .select()
    .from(leadForms)
    .where(and(eq(leadForms.workspaceId, ctx.ws), isNull(leadForms.deletedAt)))
    .orderBy(desc(leadForms.createdAt))
  return { data: rows.map(formOut) }
}

async function findForm(tx: Executor, ctx: Ctx, id: string) {
  if (!isUuid(id)) throw notFound('Lead form')
  const [r] = await tx
    .select()
    .from(leadForms)
    .where(and(eq(leadForms.workspaceId, ctx.ws), eq(leadForms.id, id), isNull(leadForms.deletedAt)))
    .for('update')
  if (!r) throw notFound('Lead form')
  return r
}

async function audit(tx: Executor, ctx: Ctx, action: string, id: string, before: unknown, after: unknown) {
  await recordAudit(tx, ctx, [
    { action, entityType: 'lead_form', entityId: id, before: before as never, after: after as never },
  ])
}

/** The key is shown in full only here and in the list (administrators); rotate it if it leaks. */
export async function createForm(tx: Executor, ctx: Ctx, input: z.infer<typeof LeadFormCreate>) {
  mayManage(ctx)
  const [r] = await tx
    .insert(leadForms)
    .values({
      id: newId(),
      workspaceId: ctx.ws,
      name: input.name,
      key: newKey(),
      source: input.source,
      maxPerHour: input.maxPerHour,
      createdBy: ctx.principal.userId,
    })
    .returning()
  await audit(tx, ctx, 'create', r!.id, null, { name: r!.name, source: r!.source, maxPerHour: r!.maxPerHour })
  return formOut(r!)
}

export async function updateForm(tx: Executor, ctx: Ctx, id: string, input: z.infer<typeof LeadFormUpdate>) {
  mayManage(ctx)
  const before = await findForm(tx, ctx, id)
  const [r] = await tx
    .update(leadForms)
    .set(input)
    .where(and(eq(leadForms.workspaceId, ctx.ws), eq(leadForms.id, id)))
    .returning()
  await audit(
    tx,
    ctx,
    'update',
    id,
    { name: before.name, enabled: before.enabled, maxPerHour: before.maxPerHour },
    { name: r!.name, enabled: r!.enabled, maxPerHour: r!.maxPerHour },
  )
  return formOut(r!)
}

/** A new key; the old one stops working at once (embedded forms must be updated). */
export async function rotateForm(tx: Executor, ctx: Ctx, id: string) {
  mayManage(ctx)
  await findForm(tx, ctx, id)
  const now = new Date()
  const [r] = await tx
    .update(leadForms)
    .set({ key: newKey(), rotatedAt: now })
    .where(and(eq(leadForms.workspaceId, ctx.ws), eq(leadForms.id, id)))
    .returning()
  await audit(tx, ctx, 'rotate_key', id, null, { rotatedAt: now.toISOString() })
  return formOut(r!)
}

export async function deleteForm(tx: Executor, ctx: Ctx, id: string) {
  mayManage(ctx)
  const before = await findForm(tx, ctx, id)
  await tx
    .update(leadForms)
    .set({ deletedAt: new Date(), enabled: false })
    .where(and(eq(leadForms.workspaceId, ctx.ws), eq(leadForms.id, id)))
  await audit(tx, ctx, 'delete', id, { name: before.name }, null)
  return formOut({ ...before, enabled: false })
}

/**
 * A submission of a public form (no login), in one transaction: a filled honeypot is accepted and
 * dropped; the form's hourly window is counted (over the limit: 429); an open lead with the same e-mail
 * gets the submission as behaviour instead of a duplicate; the lead is scored (and routed if hot).
 */
export async function submitPublicLead(
  tx: Executor,
  deps: LeadDeps,
  key: string,
  input: z.infer<typeof PublicLeadSubmit>,
): Promise<{ status: 'received' }> {
  const [form] = await tx
    .select()
    .from(leadForms)
    .where(and(eq(leadForms.key, key), isNull(leadForms.deletedAt)))
  if (!form || !form.enabled) throw notFound('Lead form')
  if (input.homepage) return { status: 'received' }
  const [w] = await tx
    .update(leadForms)
    .set({
      windowStart: sql`case when ${leadForms.windowStart} > now() - interval '1 hour' then ${leadForms.windowStart} else now() end`,
      windowCount: sql`case when ${leadForms.windowStart} > now() - interval '1 hour' then ${leadForms.windowCount} + 1 else 1 end`,
    })
    .where(and(eq(leadForms.workspaceId, form.workspaceId), eq(leadForms.id, form.id)))
    .returning({ count: leadForms.windowCount })
  if ((w?.count ?? 0) > form.maxPerHour)
    throw new AppError(
      'rate_limited',
      'form_rate_limited',
      `This form accepts at most ${form.maxPerHour} submissions an hour; try again later`,
    )
  const ws = form.workspaceId
  const ctx = leadSystemCtx(ws, deps.events)
  const now = new Date()
  const email = input.email?.toLowerCase() ?? null
  const [existing] = email
    ? await tx
        .select({ id: leads.id })
        .from(leads)
        .where(
          and(
            eq(leads.workspaceId, ws),
            sql`lower(${leads.email}) = ${email}`,
            isNull(leads.deletedAt),
            sql`${leads.status} not in ('converted', 'disqualified')`,
          ),
        )
        .limit(1)
    : []
  let leadId = existing?.id
  if (!leadId) {
    const industry = (industries as readonly string[]).includes(input.industry ?? '') ? input.industry : null
    const lead = (await leadCollection.create(tx, ctx, {
      name: input.name,
      company: input.company ?? null,
      title: input.title ?? null,
      email: input.email ?? null,
      phone: input.phone ?? null,
      industry,
      region: input.region ?? null,
      employees: input.employees ?? null,
      source: form.source,
      status: 'new',
      notes: input.message ?? null,
      domain: companyDomainOf(input.email),
      ownerId: null,
    })) as { id: string }
    leadId = lead.id
    await tx
      .update(leads)
      .set({ formId: form.id })
      .where(and(eq(leads.workspaceId, ws), eq(leads.id, leadId)))
  }
  await insertLeadEvents(tx, [
    {
      id: newId(),
      workspaceId: ws,
      leadId,
      kind: 'form_submitted',
      at: now,
      title: form.name,
      url: input.pageUrl ?? null,
      source: 'form',
    },
  ])
  await tx
    .update(leadForms)
    .set({ submissions: sql`${leadForms.submissions} + 1`, lastSubmittedAt: now })
    .where(and(eq(leadForms.workspaceId, ws), eq(leadForms.id, form.id)))
  await rescoreLeads(tx, deps, ws, { ids: [leadId], now })
  return { status: 'received' }
}
