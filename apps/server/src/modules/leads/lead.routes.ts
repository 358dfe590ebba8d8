import { z } from 'zod'
import {
  contactResource,
  IdParams,
  LeadConvert,
  LeadConvertCandidate,
  LeadDuplicateQuery,
  LeadEvent,
  LeadEventsInput,
  LeadForm,
  LeadFormCreate,
  LeadFormUpdate,
  leadResource,
  LeadScoringSettings,
  LeadScoringUpdate,
  opportunityResource,
  PersonDuplicateAnswer,
  Problem,
  PublicLeadSubmit,
} from '@openkam/contract'
import type { App } from '../../core/http/server'
import type { Db } from '../../core/db/types'
import { accountCandidates, convertLead } from './lead-convert.service'
import { leadEventsOf, recordLeadEvents } from './lead-events.service'
import {
  createForm,
  deleteForm,
  listForms,
  rotateForm,
  submitPublicLead,
  updateForm,
} from './lead-form.service'
import { companyDomainOf } from './lead-score'
import { loadScoring, updateScoring, type LeadDeps } from './lead-scoring.service'
import { leadCollection } from './lead.collection'
import { findLeadDuplicates } from './lead-duplicates.service'

const tags = ['leads']
const errors = { 400: Problem, 401: Problem, 403: Problem, 404: Problem, 409: Problem }
/** Per address and form: at most 10 submissions a minute (the form's own hourly limit comes on top). */
const PER_IP = { max: 10, timeWindow: '1 minute' }

export function registerLeadRoutes(app: App, db: Db, deps: LeadDeps) {
  app.get(
    '/api/v1/leads/duplicates',
    {
      schema: {
        tags,
        summary:
          'Leads that look like the one described (the check a lead form makes before saving): the same e-mail, or the same company with the same phone or name',
        querystring: LeadDuplicateQuery,
        response: { 200: PersonDuplicateAnswer, 400: Problem },
      },
    },
    async (req) => ({ data: await findLeadDuplicates(db, req.ctx, req.query) }),
  )
  app.post(
    '/api/v1/leads/:id/convert',
    {
      schema: {
        tags,
        summary:
          'Convert a lead into an account (new or existing), a contact and an opportunity; 409 possible_duplicate with `candidates` when accounts look like its company',
        params: IdParams,
        body: LeadConvert,
        response: {
          200: z.object({
            lead: leadResource.Record,
            accountId: z.string(),
            contact: contactResource.Record,
            opportunity: opportunityResource.Record,
          }),
          400: Problem,
          404: Problem,
          409: Problem,
          422: Problem,
        },
      },
    },
    async (req) => db.transaction((tx) => convertLead(tx, req.ctx, req.params.id, req.body)),
  )
  app.get(
    '/api/v1/leads/:id/convert-candidates',
    {
      schema: {
        tags,
        summary:
          'Existing accounts that look like the lead’s company (credit code, domain, name), strongest first',
        params: IdParams,
        response: { 200: z.object({ data: z.array(LeadConvertCandidate) }), ...errors },
      },
    },
    async (req) =>
      db.transaction(async (tx) => {
        const lead = (await leadCollection.get(tx, req.ctx, req.params.id)) as Record<string, any>
        const data = await accountCandidates(tx, req.ctx.ws, {
          name: (lead.company || lead.name) as string,
          domain: ((lead.domain as string | null) || companyDomainOf(lead.email))?.toLowerCase() ?? null,
          creditCode: lead.creditCode ?? null,
        })
        return { data }
      }),
  )
  app.post(
    '/api/v1/leads/:id/events',
    {
      schema: {
        tags,
        summary:
          'Record what the lead did (one event or an array: page visits, clicks, events attended); the lead is rescored at once',
        params: IdParams,
        body: LeadEventsInput,
        response: {
          201: z.object({ recorded: z.number().int(), routed: z.boolean(), lead: leadResource.Record }),
          ...errors,
        },
      },
    },
    async (req, reply) => {
      const out = await db.transaction((tx) => recordLeadEvents(tx, req.ctx, deps, req.params.id, req.body))
      return reply.code(201).send(out as never)
    },
  )
  app.get(
    '/api/v1/leads/:id/events',
    {
      schema: {
        tags,
        summary:
          'What the lead did, newest first (its own events; marketing touches are in /marketing-touches)',
        params: IdParams,
        response: { 200: z.object({ data: z.array(LeadEvent) }), ...errors },
      },
    },
    async (req) => db.transaction((tx) => leadEventsOf(tx, req.ctx, req.params.id)),
  )

  // ── scoring settings ───────────────────────────────────────────────────────
  app.get(
    '/api/v1/lead-scoring',
    {
      schema: {
        tags,
        summary: 'Lead-scoring points (profile, behaviour with decay), the hot-lead threshold and routing',
        response: { 200: LeadScoringSettings, 401: Problem },
      },
    },
    async (req) => loadScoring(db, req.ctx.ws),
  )
  app.put(
    '/api/v1/lead-scoring',
    {
      schema: {
        tags,
        summary:
          'Change points, decay, threshold or routing (administrators; send the version you read). Open leads are rescored in the background.',
        body: LeadScoringUpdate,
        response: { 200: LeadScoringSettings, ...errors },
      },
    },
    async (req) => db.transaction((tx) => updateScoring(tx, req.ctx, deps, req.body)),
  )

  // ── capture forms ──────────────────────────────────────────────────────────
  app.get(
    '/api/v1/lead-forms',
    {
      schema: {
        tags,
        summary: 'The public lead-capture forms and their keys (administrators)',
        response: { 200: z.object({ data: z.array(LeadForm) }), ...errors },
      },
    },
    async (req) => db.transaction((tx) => listForms(tx, req.ctx)),
  )
  app.post(
    '/api/v1/lead-forms',
    {
      schema: {
        tags,
        summary: 'Create a capture form with a new key (administrators)',
        body: LeadFormCreate,
        response: { 201: LeadForm, ...errors },
      },
    },
    async (req, reply) =>
      reply.code(201).send(await db.transaction((tx) => createForm(tx, req.ctx, req.body))),
  )
  app.patch(
    '/api/v1/lead-forms/:id',
    {
      schema: {
        tags,
        summary: 'Rename, enable or disable a form, or change its hourly limit (administrators)',
        params: IdParams,
        body: LeadFormUpdate,
        response: { 200: LeadForm, ...errors },
      },
    },
    async (req) => db.transaction((tx) => updateForm(tx, req.ctx, req.params.id, req.body)),
  )
  app.post(
    '/api/v1/lead-forms/:id/rotate',
    {
      schema: {
        tags,
        summary: 'Give the form a new key; the old one stops working at once (administrators)',
        params: IdParams,
        response: { 200: LeadForm, ...errors },
      },
    },
    async (req) => db.transaction((tx) => rotateForm(tx, req.ctx, req.params.id)),
  )
  app.delete(
    '/api/v1/lead-forms/:id',
    {
      schema: {
        tags,
        summary: 'Delete a form; its key stops working (administrators)',
        params: IdParams,
        response: { 200: LeadForm, ...errors },
      },
    },
    async (req) => db.transaction((tx) => deleteForm(tx, req.ctx, req.params.id)),
  )
  app.post(
    '/api/v1/public/leads/:formKey',
    {
      config: {
        public: true,
        rateLimit: {
          ...PER_IP,
          keyGenerator: (req) => `${req.ip}|${(req.params as { formKey?: string }).formKey ?? ''}`,
        },
      },
      schema: {
        tags,
        summary:
          'A web form’s submission (no login): 202 when received; 404 unknown or disabled form; 429 too many submissions (per address, or over the form’s hourly limit)',
        security: [],
        params: z.object({ formKey: z.string().max(100) }),
        body: PublicLeadSubmit,
        response: {
          202: z.object({ status: z.literal('received') }),
          400: Problem,
          404: Problem,
          429: Problem,
        },
      },
    },
    async (req, reply) =>
      reply
        .code(202)
        .send(await db.transaction((tx) => submitPublicLead(tx, deps, req.params.formKey, req.body))),
  )
}
