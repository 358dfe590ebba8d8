import { useRef } from 'react'
import { App } from 'antd'
import { useQueryClient } from '@tanstack/react-query'
import { useTranslation } from 'react-i18next'
import type { DashboardUpdate } from '@openkam/contract'
import { ApiError } from '../../shared/api/client'
import { dashboardKeys, type Dashboard, type useUpdateDashboard } from './dashboards.queries'

/**
 * Saves changes to a dashboard one after the other, each with the version the one before left in the
 * cache (two quick drags must not refuse each other). A 409 — changed elsewhere meanwhile — reloads the
 * dashboard and says so; on any failure `onFailed` gets the widgets to show again. Resolves to whether
 * the change was saved.
 */
export function useSaveDashboard(
  d: Dashboard,
  update: ReturnType<typeof useUpdateDashboard>,
  onFailed: (widgets: Dashboard['widgets']) => void,
) {
  const { t } = useTranslation()
  const { message } = App.useApp()
  const qc = useQueryClient()
  const queue = useRef<Promise<unknown>>(Promise.resolve())
  return (body: Omit<DashboardUpdate, 'version'>, ok?: string): Promise<boolean> => {
    const run = async () => {
      const current = qc.getQueryData<Dashboard>(dashboardKeys.one(d.id)) ?? d
      try {
        await update.mutateAsync({ ...body, version: current.version })
        if (ok) void message.success(ok)
        return true
      } catch (e) {
        if (e instanceof ApiError && e.status === 409) {
          void message.warning(t('dashboards.conflict'), 6)
          await qc.invalidateQueries({ queryKey: dashboardKeys.one(d.id) })
        } else void message.error(e instanceof Error ? e.message : String(e))
        onFailed(qc.getQueryData<Dashboard>(dashboardKeys.one(d.id))?.widgets ?? d.widgets)
        return false
      }
    }
    const next = queue.current.then(run, run)
    queue.current = next
    return next
  }
}
