import type { BusinessCalendar, BusinessCalendarUpdate } from '@openkam/contract'
import { scopeFor } from '../../../core/access/permissions'
import { diff, recordAudit } from '../../../core/audit/audit'
import type { Ctx } from '../../../core/context'
import type { Executor } from '../../../core/db/types'
import { AppError } from '../../../core/errors'
import { chinaHolidayPreset } from './cn-holidays'
import { findCalendarRow, saveCalendarRow, type CalendarRow } from './sla.repository'

const nine = { start: '09:00', end: '18:00' }

/** A workspace's calendar until an administrator saves one: Mon–Fri 09:00–18:00 in Shanghai, China's holidays. */
export const defaultCalendar = (): BusinessCalendar => ({
  timeZone: 'Asia/Shanghai',
  week: [nine, nine, nine, nine, nine, null, null],
  holidays: chinaHolidayPreset.holidays,
  workdays: chinaHolidayPreset.workdays,
  extraDayHours: nine,
  version: 1,
  updatedAt: null,
})

const fromRow = (row: CalendarRow): BusinessCalendar => ({
  timeZone: row.timeZone,
  week: row.week,
  holidays: row.holidays,
  workdays: row.workdays,
  extraDayHours: row.extraDayHours,
  version: row.version,
  updatedAt: row.updatedAt.toISOString(),
})

/** The workspace's business calendar (the default until one is saved). */
export async function loadBusinessCalendar(tx: Executor, ws: string, forUpdate = false) {
  const row = await findCalendarRow(tx, ws, forUpdate)
  return row ? fromRow(row) : defaultCalendar()
}

/** Saves the calendar (administrators; a stale version answers 409). Due times already given stay. */
export async function saveBusinessCalendar(tx: Executor, ctx: Ctx, input: BusinessCalendarUpdate) {
  if (scopeFor(ctx.principal, 'workspace', 'update') !== 'all')
    throw new AppError('forbidden', 'forbidden', 'Only administrators may change the business calendar')
  const current = await loadBusinessCalendar(tx, ctx.ws, true)
  if (current.version !== input.version)
    throw new AppError(
      'conflict',
      'version_conflict',
      'The business calendar changed since you read it; reload it and apply your change again',
      { current },
    )
  const sort = <T extends { date: string }>(d: T[]) => [...d].sort((a, b) => a.date.localeCompare(b.date))
  const after = fromRow(
    await saveCalendarRow(
      tx,
      ctx.ws,
      {
        timeZone: input.timeZone,
        week: input.week,
        holidays: sort(input.holidays),
        workdays: sort(input.workdays),
        extraDayHours: input.extraDayHours,
        version: current.version + 1,
      },
      ctx.principal.userId,
    ),
  )
  const d = diff(current, after)
  await recordAudit(tx, ctx, [
    { action: 'update', entityType: 'business_calendar', entityId: ctx.ws, before: d.before, after: d.after },
  ])
  await ctx.events.emit(tx, ctx, [
    {
      type: 'business_calendar.updated',
      entityType: 'business_calendar',
      entityId: ctx.ws,
      payload: { changed: d.changed },
    },
  ])
  return after
}
