import { BusinessCalendar, BusinessCalendarUpdate, CalendarPreset, Problem } from '@openkam/contract'
import { z } from 'zod'
import type { Db } from '../../../core/db/types'
import { AppError } from '../../../core/errors'
import type { App } from '../../../core/http/server'
import { loadBusinessCalendar, saveBusinessCalendar } from './calendar.service'
import { chinaHolidayPreset } from './cn-holidays'

const tags = ['service-levels']
const presets: Record<string, CalendarPreset> = { cn: chinaHolidayPreset }

/** The business calendar tickets' due times are counted in, and the holiday presets it can take days from. */
export function registerBusinessCalendarRoutes(app: App, db: Db) {
  app.get(
    '/api/v1/business-calendar',
    {
      schema: {
        tags,
        summary: "The workspace's working hours, time zone, holidays and extra working days (调休)",
        response: { 200: BusinessCalendar, 401: Problem },
      },
    },
    async (req) => loadBusinessCalendar(db, req.ctx.ws),
  )
  app.put(
    '/api/v1/business-calendar',
    {
      schema: {
        tags,
        summary:
          'Change the business calendar (administrators; send the version you read). New due times use it; given ones stay.',
        body: BusinessCalendarUpdate,
        response: { 200: BusinessCalendar, 400: Problem, 401: Problem, 403: Problem, 409: Problem },
      },
    },
    async (req) => db.transaction((tx) => saveBusinessCalendar(tx, req.ctx, req.body)),
  )
  app.get(
    '/api/v1/business-calendar/presets/:key',
    {
      schema: {
        tags,
        summary:
          'A published holiday schedule (cn: China, 2026–2027) to take holidays and extra working days from',
        params: z.object({ key: z.string() }),
        response: { 200: CalendarPreset, 401: Problem, 404: Problem },
      },
    },
    async (req) => {
      const p = presets[req.params.key]
      if (!p) throw new AppError('not_found', 'not_found', `No holiday preset "${req.params.key}"; try cn`)
      return p
    },
  )
}
