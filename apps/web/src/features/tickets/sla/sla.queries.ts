import { useQuery } from '@tanstack/react-query'
import type { BusinessCalendar, CalendarPreset } from '@openkam/contract'
import { get } from '../../../shared/api/client'

export const slaKeys = {
  all: ['service-levels'] as const,
  calendar: () => ['service-levels', 'calendar'] as const,
}

export const useBusinessCalendar = () =>
  useQuery({ queryKey: slaKeys.calendar(), queryFn: () => get<BusinessCalendar>('/business-calendar') })

export const fetchPreset = (key: string) => get<CalendarPreset>(`/business-calendar/presets/${key}`)

export type { BusinessCalendar, CalendarPreset }
