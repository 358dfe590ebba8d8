import { keepPreviousData, useQuery } from '@tanstack/react-query'
import type { Forecast, ForecastQuery, Funnel, StageDurations, WinLoss } from '@openkam/contract'
import { get } from '../../shared/api/client'

/** The filters every sales report takes; the server fills a missing period. */
export type ReportFilter = { from?: string; to?: string; ownerId?: string; teamId?: string }
export type ForecastGroup = ForecastQuery['groupBy']

/** Query keys of the overview charts (samples of the collections). */
export const overviewKeys = {
  pipeline: ['opportunities', 'summary', 'open'] as const,
  accounts: ['accounts', 'report-sample'] as const,
  tickets: ['tickets', 'report-sample'] as const,
}

/** Query keys of the sales reports; `all` refreshes every one. */
export const reportKeys = {
  all: ['reports'] as const,
  forecast: (f: ReportFilter, groupBy: ForecastGroup) => [...reportKeys.all, 'forecast', groupBy, f] as const,
  funnel: (f: ReportFilter) => [...reportKeys.all, 'funnel', f] as const,
  durations: (f: ReportFilter) => [...reportKeys.all, 'stage-durations', f] as const,
  winLoss: (f: ReportFilter) => [...reportKeys.all, 'win-loss', f] as const,
}

// Keep the last answer on screen while a changed filter loads.
const common = { placeholderData: keepPreviousData, staleTime: 30_000 }

export const useForecast = (f: ReportFilter, groupBy: ForecastGroup, enabled = true) =>
  useQuery({
    queryKey: reportKeys.forecast(f, groupBy),
    queryFn: () => get<Forecast>('/reports/forecast', { ...f, groupBy }),
    enabled,
    ...common,
  })

export const useFunnel = (f: ReportFilter, enabled = true) =>
  useQuery({
    queryKey: reportKeys.funnel(f),
    queryFn: () => get<Funnel>('/reports/funnel', f),
    enabled,
    ...common,
  })

export const useStageDurations = (f: ReportFilter, enabled = true) =>
  useQuery({
    queryKey: reportKeys.durations(f),
    queryFn: () => get<StageDurations>('/reports/stage-durations', f),
    enabled,
    ...common,
  })

export const useWinLoss = (f: ReportFilter, enabled = true) =>
  useQuery({
    queryKey: reportKeys.winLoss(f),
    queryFn: () => get<WinLoss>('/reports/win-loss', f),
    enabled,
    ...common,
  })
