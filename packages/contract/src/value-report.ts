import { z } from 'zod'
import { Day, Id } from './common'
import { resource } from './resource'

/**
 * The measured outcomes of a value report (SPEC R-09, issue 23 point 5): figures from the account's own
 * data, this period against the one before, and the before/after KPIs the customer entered.
 */

const text = (max: number) => z.string().trim().max(max, `at most ${max} characters`)
const name = (max: number) => z.string().trim().min(1, 'is required').max(max, `at most ${max} characters`)
const amount = z
  .number({ error: 'must be a number' })
  .refine((v) => Number.isFinite(v) && Math.abs(v) < 1e12, 'must be a finite number below 10^12')

export const kpiDirections = ['higher', 'lower'] as const
export type KpiDirection = (typeof kpiDirections)[number]

/** A KPI the customer measured before and after (e.g. cost per order, hours per report). */
export const valueKpiResource = resource(
  'ValueKpi',
  {
    accountId: Id,
    name: name(100),
    /** What it is counted in: `CNY`, `%`, `hours`, `orders/day` … */
    unit: text(20),
    before: amount,
    after: amount,
    /** Whether a higher or a lower value is the better one (cost: lower; efficiency: higher). */
    betterWhen: z.enum(kpiDirections),
    /** When the "after" value was measured. */
    measuredOn: Day,
    note: text(1000),
  },
  { required: ['accountId', 'name', 'before', 'after', 'betterWhen'] },
)
export const ValueKpi = valueKpiResource.Record
export type ValueKpi = z.infer<typeof ValueKpi>

/**
 * One measured figure: the value now and in the period before, the change with its sign, the change in
 * percent of the earlier value (null when that is 0 or missing) and whether it got better. A value that
 * could not be measured is null — never a made-up 0.
 */
export const ValueFigure = z
  .object({
    previous: z.number().nullable(),
    current: z.number().nullable(),
    change: z.number().nullable(),
    changePercent: z.number().nullable(),
    improved: z.boolean().nullable(),
    betterWhen: z.enum(kpiDirections),
  })
  .meta({ id: 'ValueFigure' })
export type ValueFigure = z.infer<typeof ValueFigure>

export const ValueFigures = z
  .object({
    /** The period compared with: as long as the report's, just before it. */
    previousPeriod: z.object({ from: z.string(), to: z.string() }),
    usage: z.object({
      /** Logins and feature use sent by the customer's systems. */
      events: ValueFigure,
      /** Distinct people seen in the usage events. */
      activeUsers: ValueFigure,
    }),
    tickets: z.object({
      /** Tickets opened: fewer is tickets avoided. */
      opened: ValueFigure,
      medianResolutionHours: ValueFigure,
      meanResolutionHours: ValueFigure,
    }),
    /** The handoff's goals: the first-year value goal and the delivery milestones the customer confirmed. */
    goals: z.object({
      valueGoal: z.string().nullable(),
      milestonesTotal: z.number().int(),
      milestonesConfirmed: z.number().int(),
      /** Confirmed ÷ total in percent; null without milestones. */
      metPercent: z.number().nullable(),
    }),
    kpis: z.array(
      ValueKpi.pick({
        id: true,
        name: true,
        unit: true,
        before: true,
        after: true,
        betterWhen: true,
        measuredOn: true,
        note: true,
      }).extend({
        change: z.number().nullable(),
        changePercent: z.number().nullable(),
        improved: z.boolean().nullable(),
      }),
    ),
  })
  .meta({ id: 'ValueFigures' })
export type ValueFigures = z.infer<typeof ValueFigures>
