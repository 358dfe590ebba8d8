import { z } from 'zod'
import { Id } from './common'
import { opportunityStages } from './records'

/** The longest period a sales report covers. */
export const MAX_REPORT_YEARS = 3

/**
 * The probability (%) the forecast uses for an open opportunity without its own, by SOP stage.
 * Stages not listed weigh 0.
 */
export const defaultStageProbabilities: Record<(typeof opportunityStages)[number], number> = {
  discovery: 10,
  solution: 30,
  negotiation: 60,
  implementation: 80,
  account_management: 100,
}

const ReportDay = z.iso.date({ error: 'must be a date like 2025-01-31' })

const addYears = (day: string, years: number) => {
  const d = new Date(`${day}T00:00:00Z`)
  d.setUTCFullYear(d.getUTCFullYear() + years)
  return d.toISOString().slice(0, 10)
}

/**
 * What is wrong with a period, as field errors (none when it is fine): `to` must not be before `from`,
 * and the period may span at most three years.
 * @example periodErrors('2025-03-01', '2025-01-01') // → [{ path: 'to', message: 'must not be before from' }]
 */
export function periodErrors(from: string, to: string): { path: string; message: string }[] {
  if (to < from) return [{ path: 'to', message: 'must not be before from' }]
  if (to >= addYears(from, MAX_REPORT_YEARS)) {
    return [{ path: 'to', message: `the period may span at most ${MAX_REPORT_YEARS} years` }]
  }
  return []
}

const periodFields = {
  from: ReportDay.optional().describe('first day of the period (inclusive, UTC)'),
  to: ReportDay.optional().describe('last day of the period (inclusive, UTC)'),
  ownerId: Id.optional().describe("only this person's opportunities"),
  teamId: Id.optional().describe("only opportunities owned by this team's members"),
}

const checkPeriod = (q: { from?: string; to?: string }, ctx: z.RefinementCtx) => {
  // Runs even when a date is malformed; only a well-formed pair is checked as a period.
  const { from, to } = q
  if (!from || !to || !ReportDay.safeParse(from).success || !ReportDay.safeParse(to).success) return
  for (const e of periodErrors(from, to)) ctx.addIssue({ code: 'custom', path: [e.path], message: e.message })
}

export const ReportPeriodQuery = z.object(periodFields).strict().superRefine(checkPeriod)
export type ReportPeriodQuery = z.infer<typeof ReportPeriodQuery>

export const forecastGroups = ['month', 'owner', 'team'] as const
export const ForecastQuery = z
  .object({ groupBy: z.enum(forecastGroups).default('month'), ...periodFields })
  .strict()
  .superRefine(checkPeriod)
export type ForecastQuery = z.infer<typeof ForecastQuery>

const Stage = z.enum(opportunityStages)
const Amount = z.string().describe('decimal amount with 2 decimals, e.g. "1200000.00"')
const Rate = z.number().min(0).max(1).nullable().describe('0…1, rounded to 4 decimals; null when undefined')
const Period = { from: z.string(), to: z.string() }

const forecastMeasures = {
  currency: z.string(),
  count: z.number().int().describe('open opportunities expected to close in the period'),
  total: Amount.describe('their amount'),
  weighted: Amount.describe('sum of amount × probability / 100'),
  wonCount: z.number().int().describe('opportunities won in the period'),
  wonTotal: Amount,
}

export const ForecastRow = z
  .object({
    key: z.string().nullable().describe('YYYY-MM, the owner id or the team id; null for none'),
    label: z.string().nullable().describe("the owner's or team's name; null for months and for none"),
    ...forecastMeasures,
  })
  .meta({ id: 'ForecastRow' })

export const Forecast = z
  .object({
    groupBy: z.enum(forecastGroups),
    ...Period,
    rows: z.array(ForecastRow).describe('one row per group and currency; amounts are never converted'),
    totals: z.array(z.object(forecastMeasures)).describe('one row per currency'),
    stageProbabilities: z
      .record(z.string(), z.number())
      .describe("the default pipeline's stage probabilities, used when an opportunity has none"),
  })
  .meta({ id: 'Forecast' })
export type Forecast = z.infer<typeof Forecast>
export type ForecastRow = z.infer<typeof ForecastRow>

export const FunnelStage = z
  .object({
    stage: Stage,
    entered: z.number().int().describe('reached this stage or a later one'),
    movedOn: z.number().int().nullable().describe('reached a later stage; null for the last stage'),
    conversionRate: Rate.describe('movedOn / entered'),
    lost: z.number().int().describe('lost with this as the furthest stage reached'),
  })
  .meta({ id: 'FunnelStage' })

export const Funnel = z
  .object({
    ...Period,
    opportunities: z.number().int().describe('opportunities that started in the period'),
    stages: z.array(FunnelStage),
    won: z.number().int(),
    lost: z.number().int(),
    open: z.number().int(),
    winRate: Rate.describe('won / (won + lost)'),
  })
  .meta({ id: 'Funnel' })
export type Funnel = z.infer<typeof Funnel>
export type FunnelStage = z.infer<typeof FunnelStage>

export const StageDuration = z
  .object({
    stage: Stage,
    count: z.number().int().describe('stays in the stage that ended in the period'),
    avgDays: z.number().nullable(),
    medianDays: z.number().nullable(),
    inProgress: z.number().int().describe('stays that have not ended (not in the averages)'),
  })
  .meta({ id: 'StageDuration' })

export const StageDurations = z
  .object({
    ...Period,
    stages: z.array(StageDuration),
    slowest: Stage.nullable().describe('the stage with the highest average'),
  })
  .meta({ id: 'StageDurations' })
export type StageDurations = z.infer<typeof StageDurations>
export type StageDuration = z.infer<typeof StageDuration>

export const winLossOutcomes = ['won', 'lost'] as const
export const WinLossRow = z
  .object({
    outcome: z.enum(winLossOutcomes),
    reason: z.string().describe('the win or loss reason given, or "unspecified"'),
    currency: z.string(),
    count: z.number().int(),
    total: Amount,
  })
  .meta({ id: 'WinLossRow' })

export const WinLoss = z
  .object({
    ...Period,
    won: z.number().int(),
    lost: z.number().int(),
    winRate: Rate.describe('won / (won + lost)'),
    amounts: z.array(z.object({ currency: z.string(), won: Amount, lost: Amount })),
    rows: z.array(WinLossRow).describe('one row per outcome, reason and currency'),
  })
  .meta({ id: 'WinLoss' })
export type WinLoss = z.infer<typeof WinLoss>
export type WinLossRow = z.infer<typeof WinLossRow>
