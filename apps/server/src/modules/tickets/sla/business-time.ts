/**
 * Business time: minutes counted only inside a workspace's working hours, in its time zone, skipping
 * holidays and counting extra working days (调休). Pure functions of plain data; zones through `Intl`.
 */

export type Hours = { start: string; end: string }
export type Calendar = {
  timeZone: string
  /** Monday first; null: a day off. */
  week: (Hours | null)[]
  holidays: { date: string }[]
  workdays: { date: string }[]
  /** The hours of an extra working day. */
  extraDayHours: Hours
}

const MIN = 60_000
const DAY = 86_400_000
/** However sparse the calendar, a due time is never searched for further than this. */
const MAX_DAYS = 3 * 366

const formatters = new Map<string, Intl.DateTimeFormat>()
function formatter(tz: string) {
  let f = formatters.get(tz)
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone: tz,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    })
    formatters.set(tz, f)
  }
  return f
}

/** The wall-clock time of an instant in a zone, as if it were UTC (ms). */
function wallOf(t: number, tz: string): number {
  const p = Object.fromEntries(
    formatter(tz)
      .formatToParts(new Date(t))
      .map((x) => [x.type, x.value]),
  )
  return Date.UTC(+p.year!, +p.month! - 1, +p.day!, +p.hour!, +p.minute!, +p.second!) + (t % 1000)
}

/** The instant a wall-clock time (given as if UTC) has in a zone; the later one when a clock goes back. */
function instantOf(wall: number, tz: string): number {
  const first = wall - (wallOf(wall, tz) - wall)
  return wall - (wallOf(first, tz) - first)
}

const minutesOf = (t: string) => Number(t.slice(0, 2)) * 60 + Number(t.slice(3, 5))
const dateKey = (wallDay: number) => new Date(wallDay).toISOString().slice(0, 10)

type Sets = { off: Set<string>; extra: Set<string> }
const setsCache = new WeakMap<Calendar, Sets>()
function setsOf(c: Calendar): Sets {
  let s = setsCache.get(c)
  if (!s) {
    s = { off: new Set(c.holidays.map((d) => d.date)), extra: new Set(c.workdays.map((d) => d.date)) }
    setsCache.set(c, s)
  }
  return s
}

/** The working hours of one local day (midnight as if UTC), or null when it is not worked. */
function hoursOn(wallDay: number, c: Calendar): Hours | null {
  const key = dateKey(wallDay)
  const s = setsOf(c)
  if (s.off.has(key)) return null
  if (s.extra.has(key)) return c.extraDayHours
  const weekday = (new Date(wallDay).getUTCDay() + 6) % 7 // Monday = 0
  return c.week[weekday] ?? null
}

/** The working window of a local day as instants, or null. */
function windowOn(wallDay: number, c: Calendar): [number, number] | null {
  const h = hoursOn(wallDay, c)
  if (!h) return null
  return [
    instantOf(wallDay + minutesOf(h.start) * MIN, c.timeZone),
    instantOf(wallDay + minutesOf(h.end) * MIN, c.timeZone),
  ]
}

const localDayOf = (t: number, tz: string) => {
  const w = wallOf(t, tz)
  return w - (((w % DAY) + DAY) % DAY)
}

/** Whether a calendar has any working time at all (a calendar with none never reaches a due time). */
export const hasWorkingTime = (c: Calendar) => c.week.some(Boolean) || c.workdays.length > 0

/**
 * The instant `minutes` business minutes after `start`: counting only inside working hours. A due time
 * that falls exactly on the end of a working day stays there (it is not moved to the next morning).
 * @example addBusinessMinutes(new Date('2026-03-06T09:30:00Z'), 60, cal) // Fri 17:30 Shanghai + 1 h → Mon 09:30
 */
export function addBusinessMinutes(start: Date, minutes: number, c: Calendar): Date {
  let left = Math.max(0, minutes) * MIN
  let cursor = start.getTime()
  if (left === 0) return new Date(cursor)
  let day = localDayOf(cursor, c.timeZone)
  for (let i = 0; i <= MAX_DAYS; i++, day += DAY) {
    const w = windowOn(day, c)
    if (!w) continue
    const from = Math.max(cursor, w[0])
    if (from >= w[1]) continue
    const available = w[1] - from
    if (left <= available) return new Date(from + left)
    left -= available
    cursor = w[1]
  }
  throw new Error(
    `The business calendar has no working time within ${MAX_DAYS} days of ${start.toISOString()}`,
  )
}

/**
 * The business minutes between two instants (0 when `b` is not after `a`), rounded to the minute.
 * @example businessMinutesBetween(fri1700, mon1000, cal) // 60 + 60 = 120 with 09:00–18:00 hours
 */
export function businessMinutesBetween(a: Date, b: Date, c: Calendar): number {
  const from = a.getTime()
  const to = b.getTime()
  if (!(to > from)) return 0
  let total = 0
  const last = localDayOf(to, c.timeZone)
  for (let day = localDayOf(from, c.timeZone); day <= last; day += DAY) {
    const w = windowOn(day, c)
    if (!w) continue
    const s = Math.max(from, w[0])
    const e = Math.min(to, w[1])
    if (e > s) total += e - s
  }
  return Math.round(total / MIN)
}
