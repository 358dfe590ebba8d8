import { z } from 'zod'
import { Timestamp, Version } from './common'

/**
 * Service levels (service desk): the workspace's business calendar — working hours per weekday, the time
 * zone, holidays and extra working days (China's 调休) — that tickets' first-response and resolution due
 * times are counted in.
 */

const HHMM = /^([01]\d|2[0-3]):[0-5]\d$|^24:00$/
const time = z.string().regex(HHMM, 'a time such as 09:00 (24:00 for midnight at the end)')
const minutesOf = (t: string) => Number(t.slice(0, 2)) * 60 + Number(t.slice(3, 5))

const validDate = (s: string) => {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(s)
  if (!m) return false
  const d = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])))
  return d.toISOString().slice(0, 10) === s
}
const isoDate = z.string().refine(validDate, 'a date that exists, as YYYY-MM-DD (e.g. 2026-10-01)')

export const WorkingHours = z
  .object({ start: time, end: time })
  .refine((h) => minutesOf(h.end) > minutesOf(h.start), {
    message: 'the end must be after the start',
    path: ['end'],
  })
  .meta({ id: 'WorkingHours' })
export type WorkingHours = z.infer<typeof WorkingHours>

export const CalendarDay = z
  .object({ date: isoDate, name: z.string().trim().max(100, 'at most 100 characters').default('') })
  .meta({ id: 'CalendarDay' })
export type CalendarDay = z.infer<typeof CalendarDay>

const validZone = (tz: string) => {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: tz })
    return true
  } catch {
    return false
  }
}

const uniqueDates = (key: 'holidays' | 'workdays') => (days: CalendarDay[], ctx: z.RefinementCtx) => {
  const seen = new Set<string>()
  days.forEach((d, i) => {
    if (seen.has(d.date))
      ctx.addIssue({ code: 'custom', path: [i, 'date'], message: `${d.date} is listed twice in ${key}` })
    seen.add(d.date)
  })
}

const calendarFields = {
  timeZone: z
    .string()
    .min(1, 'is required')
    .max(60)
    .refine(validZone, 'an IANA time zone such as Asia/Shanghai'),
  /** Monday first: seven entries, each the day's working hours or null for a day off. */
  week: z
    .array(WorkingHours.nullable())
    .length(7, 'give seven days, Monday first (null for a day off)')
    .refine((w) => w.some(Boolean), 'at least one weekday needs working hours'),
  /** Days off although their weekday is worked (public holidays). */
  holidays: z.array(CalendarDay).max(400).superRefine(uniqueDates('holidays')),
  /** Days worked although their weekday is off (调休): worked with `extraDayHours`. */
  workdays: z.array(CalendarDay).max(100).superRefine(uniqueDates('workdays')),
  /** The working hours of an extra working day. */
  extraDayHours: WorkingHours,
}

const noOverlap = (c: { holidays: CalendarDay[]; workdays: CalendarDay[] }, ctx: z.RefinementCtx) => {
  const off = new Set(c.holidays.map((d) => d.date))
  c.workdays.forEach((d, i) => {
    if (off.has(d.date))
      ctx.addIssue({
        code: 'custom',
        path: ['workdays', i, 'date'],
        message: `${d.date} is both a holiday and an extra working day; keep one`,
      })
  })
}

export const BusinessCalendar = z
  .object({ ...calendarFields, version: z.number().int(), updatedAt: Timestamp.nullable() })
  .meta({ id: 'BusinessCalendar' })
export type BusinessCalendar = z.infer<typeof BusinessCalendar>

export const BusinessCalendarUpdate = z
  .object({ version: Version, ...calendarFields })
  .strict()
  .superRefine(noOverlap)
  .meta({ id: 'BusinessCalendarUpdate' })
export type BusinessCalendarUpdate = z.infer<typeof BusinessCalendarUpdate>

/** A published holiday schedule the calendar can take its days from (e.g. China's, per year). */
export const CalendarPreset = z
  .object({
    key: z.string(),
    years: z.array(z.number().int()),
    holidays: z.array(CalendarDay),
    workdays: z.array(CalendarDay),
    source: z.string(),
  })
  .meta({ id: 'CalendarPreset' })
export type CalendarPreset = z.infer<typeof CalendarPreset>

/** Which service-level target a warning or breach is about. */
export const slaTargets = ['first_response', 'resolution'] as const
export type SlaTarget = (typeof slaTargets)[number]
