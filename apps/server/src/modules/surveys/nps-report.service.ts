import type { z } from 'zod'
import type { NpsQuery, NpsReport } from '@openkam/contract'
import type { Ctx } from '../../core/context'
import type { Executor } from '../../core/db/types'
import { AppError } from '../../core/errors'
import { workspaceLocale } from '../notifications'
import { npsRows } from './nps-report.repository'
import { surveyResponseCollection } from './survey.collection'
import { tally } from './survey-score'

const DAY = 86_400_000
const isoDay = (d: Date) => d.toISOString().slice(0, 10)

/**
 * NPS by account, segment, tier or month over a period (default: the last 12 months), of the answers
 * the person may see. Within each group each contact counts once with their latest answer of the period,
 * as in the account's NPS; the overall figure dedupes over the whole period.
 */
export async function npsReport(
  tx: Executor,
  ctx: Ctx,
  q: z.infer<typeof NpsQuery>,
): Promise<z.infer<typeof NpsReport>> {
  const visible = surveyResponseCollection.visibility(ctx, surveyResponseCollection.scope(ctx, 'read'))
  const to = q.to ?? isoDay(new Date())
  const from = q.from ?? isoDay(new Date(Date.parse(to) - 364 * DAY))
  if (from > to)
    throw new AppError('invalid', 'invalid_input', 'Invalid from: must not be after to', {
      errors: [{ path: 'from', message: 'must not be after to' }],
    })
  const range = {
    from: new Date(`${from}T00:00:00Z`),
    toExclusive: new Date(Date.parse(`${to}T00:00:00Z`) + DAY),
  }
  const en = (await workspaceLocale(tx, ctx.ws)) === 'en'
  const [grouped, all] = await Promise.all([
    npsRows(tx, ctx.ws, { ...range, groupBy: q.groupBy, surveyId: q.surveyId }, visible),
    npsRows(tx, ctx.ws, { ...range, groupBy: null, surveyId: q.surveyId }, visible),
  ])
  const groups = new Map<string, { label: string; cats: (typeof grouped)[number]['category'][] }>()
  for (const r of grouped) {
    const label =
      q.groupBy === 'account'
        ? r.accountName
        : r.key === ''
          ? q.groupBy === 'segment'
            ? en
              ? 'No segment'
              : '未分群'
            : en
              ? 'No tier'
              : '未分级'
          : r.key
    const g = groups.get(r.key) ?? { label, cats: [] }
    g.cats.push(r.category)
    groups.set(r.key, g)
  }
  const data = [...groups.entries()].map(([key, g]) => ({ key, label: g.label, ...tally(g.cats) }))
  if (q.groupBy === 'month') data.sort((a, b) => a.key.localeCompare(b.key))
  else
    data.sort(
      (a, b) => b.responses - a.responses || (a.nps ?? 0) - (b.nps ?? 0) || a.label.localeCompare(b.label),
    )
  return { groupBy: q.groupBy, from, to, overall: tally(all.map((r) => r.category)), data }
}
