import { periodErrors } from '@openkam/contract'
import { AppError } from '../../core/errors'

/** A report period: inclusive days, and the half-open UTC instants [start, end) they cover. */
export type Period = { from: string; to: string; start: string; end: string }

/** How many whole months a report covers when the caller leaves the period open. */
export const defaultMonths = { forecast: 6, history: 12 } as const

const day = (d: Date) => d.toISOString().slice(0, 10)
const firstOfMonth = (y: number, m: number) => day(new Date(Date.UTC(y, m, 1)))
const lastOfMonth = (y: number, m: number) => day(new Date(Date.UTC(y, m + 1, 0)))
const parts = (d: string) => [Number(d.slice(0, 4)), Number(d.slice(5, 7)) - 1] as const

/**
 * The period a report covers. Without dates, the forecast looks `months` ahead from the start of this
 * month and the history reports look back over the `months` ending with this month; with one date, the
 * other is that many whole months away. Both dates given are checked (order, at most three years).
 * @example resolvePeriod({}, 'forecast', new Date('2025-05-20')) // → 2025-05-01 … 2025-10-31
 */
export function resolvePeriod(
  q: { from?: string; to?: string },
  kind: keyof typeof defaultMonths,
  today: Date,
): Period {
  const n = defaultMonths[kind]
  let { from, to } = q
  if (!from && !to) {
    const [y, m] = [today.getUTCFullYear(), today.getUTCMonth()]
    from = kind === 'forecast' ? firstOfMonth(y, m) : firstOfMonth(y, m - n + 1)
    to = kind === 'forecast' ? lastOfMonth(y, m + n - 1) : lastOfMonth(y, m)
  } else if (!to) {
    const [y, m] = parts(from!)
    to = lastOfMonth(y, m + n - 1)
  } else if (!from) {
    const [y, m] = parts(to)
    from = firstOfMonth(y, m - n + 1)
  }
  const errors = periodErrors(from!, to)
  if (errors.length) throw new AppError('invalid', 'invalid_input', `Invalid ${errors[0]!.path}`, { errors })
  const end = new Date(`${to}T00:00:00Z`)
  end.setUTCDate(end.getUTCDate() + 1)
  return { from: from!, to, start: `${from}T00:00:00.000Z`, end: end.toISOString() }
}
