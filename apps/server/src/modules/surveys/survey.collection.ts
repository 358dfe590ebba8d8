import { surveyCategories, surveyKinds, surveyStatuses } from '@openkam/contract'
import { Collection } from '../../core/crud/collection'
import { allOf, rowMapper } from '../../core/crud/mapping'
import { accountParent } from '../accounts'
import { userRefs } from '../users'
import { namesForResponses, responseCount, surveyStats } from './survey.repository'
import { surveyResponses, surveys } from './survey.table'

type Row = Record<string, any>

// openedAt and closedAt follow the status; the wire Update schema leaves them out.
const surveyMapper = rowMapper(surveys, { readOnly: ['openedAt', 'closedAt'] })

/** Surveys, each listed with its invitations, response rate and NPS (one grouped query per page). */
export const surveyCollection = new Collection<any, any, any>({
  name: 'surveys',
  entity: 'survey',
  label: 'Survey',
  table: surveys,
  toRecord: surveyMapper.toRecord,
  toColumns: surveyMapper.toColumns,
  hydrate: async (tx, ctx, recs: Row[]) => {
    const stats = await surveyStats(
      tx,
      ctx.ws,
      recs.map((r) => r.id as string),
    )
    return recs.map((r) => ({ ...r, stats: stats.get(r.id)! }))
  },
  derive: (patch, before) => {
    const out: Row = {}
    if (!before && !patch.status) out.status = 'draft'
    const status = patch.status ?? out.status
    if (status === 'open' && before?.status !== 'open' && !before?.openedAt) out.openedAt = new Date()
    if (status === 'closed' && before?.status !== 'closed') out.closedAt = new Date()
    if (status === 'open' && before?.status === 'closed') out.closedAt = null
    return out
  },
  validate: allOf(userRefs('ownerId'), async (tx, ctx, c, before) =>
    before && c.kind !== before.kind && (await responseCount(tx, ctx.ws, before.id)) > 0
      ? [{ path: 'kind', message: 'the kind of a survey that has answers can no longer change' }]
      : [],
  ),
  sortable: {
    updatedAt: { column: surveys.updatedAt, kind: 'date' },
    createdAt: { column: surveys.createdAt, kind: 'date' },
    name: { column: surveys.name, kind: 'string' },
    openedAt: { column: surveys.openedAt, kind: 'date' },
  },
  filterable: {
    kind: { column: surveys.kind, kind: 'enum', values: surveyKinds },
    status: { column: surveys.status, kind: 'enum', values: surveyStatuses },
    ownerId: { column: surveys.ownerId, kind: 'uuid' },
  },
  search: [surveys.name, surveys.audience],
  defaultSort: '-createdAt',
})

const responseMapper = rowMapper(surveyResponses)

/**
 * Answers, read-only on the API: they are written by the public answer page only. Rules can watch
 * them (entity `survey_response`), e.g. the template's detractor follow-up.
 */
export const surveyResponseCollection = new Collection<any, any, any>({
  name: 'survey-responses',
  entity: 'survey_response',
  label: 'Survey answer',
  table: surveyResponses,
  parent: accountParent(surveyResponses.accountId),
  toRecord: responseMapper.toRecord,
  toColumns: responseMapper.toColumns,
  hydrate: async (tx, ctx, recs: Row[]) => {
    const names = await namesForResponses(tx, ctx.ws, recs)
    return recs.map((r) => ({
      ...r,
      surveyName: names.surveys.get(r.surveyId) ?? null,
      accountName: names.accounts.get(r.accountId) ?? null,
      contactName: r.contactId ? (names.contacts.get(r.contactId) ?? null) : null,
    }))
  },
  sortable: {
    answeredAt: { column: surveyResponses.answeredAt, kind: 'date' },
    score: { column: surveyResponses.score, kind: 'number' },
    createdAt: { column: surveyResponses.createdAt, kind: 'date' },
    updatedAt: { column: surveyResponses.updatedAt, kind: 'date' },
  },
  filterable: {
    surveyId: { column: surveyResponses.surveyId, kind: 'uuid' },
    accountId: { column: surveyResponses.accountId, kind: 'uuid' },
    contactId: { column: surveyResponses.contactId, kind: 'uuid' },
    category: { column: surveyResponses.category, kind: 'enum', values: surveyCategories },
    kind: { column: surveyResponses.kind, kind: 'enum', values: surveyKinds },
    answeredAt: { column: surveyResponses.answeredAt, kind: 'date' },
  },
  search: [surveyResponses.comment],
  defaultSort: '-answeredAt',
})
