import { useEffect, useMemo, useState } from 'react'
import { App, Typography } from 'antd'
import { useQueryClient } from '@tanstack/react-query'
import { useNavigate, useParams, useSearchParams } from 'react-router'
import { useTranslation } from 'react-i18next'
import type { DashboardWidget, SavedReport, SharedWith } from '@openkam/contract'
import { useAuth } from '../../app/auth'
import { ApiError } from '../../shared/api/client'
import { EmptyState, ErrorState, LoadingState } from '../../shared/ui/states'
import { scopeOf } from '../settings/common'
import { AddWidgetDialog, type NewWidget } from './AddWidgetDialog'
import { DashboardFiltersBar } from './DashboardFiltersBar'
import { DashboardGrid } from './DashboardGrid'
import { applyLayout, newWidgetId, placeWidget, samePlaces, type GridItem } from './dashboard-layout'
import { filtersFromSearch, searchWithFilters } from './dashboard-filters'
import {
  dashboardKeys,
  fetchDashboardData,
  useDashboard,
  useDashboardData,
  useDeleteDashboard,
  useSavedReports,
  useUpdateDashboard,
  type Dashboard,
  type DashboardFilters,
} from './dashboards.queries'
import { DrillDrawer, type DrillTarget } from './DrillDrawer'
import { DashboardHeader, type DialogKind } from './DashboardHeader'
import { NameDialog } from './NameDialog'
import { NorthStarStrip } from './NorthStarStrip'
import { useSaveDashboard } from './use-save-dashboard'
import { ShareDialog } from './ShareDialog'
import { SubscriptionsDialog } from './SubscriptionsDialog'
import { useWidgetTitle } from './WidgetCard'
import './dashboards.css'

const reasonOf = (e: unknown) => (e instanceof Error ? e.message : String(e))

/** Whether the signed-in person may change the dashboard: its owner, or whoever may change all dashboards. */
export function useCanEdit(d: Dashboard | undefined) {
  const { me } = useAuth()
  if (!d || !me) return false
  return d.ownerId === me.id || scopeOf(me, 'dashboards', 'update') === 'all'
}

/** One dashboard: its filters (kept in the URL), north-star strip, widgets grid and edit mode. */
export default function DashboardPage() {
  const { id = '' } = useParams()
  const dashboard = useDashboard(id)
  if (dashboard.isLoading) return <LoadingState />
  if (dashboard.isError || !dashboard.data)
    return <ErrorState error={dashboard.error} onRetry={() => void dashboard.refetch()} />
  return <DashboardView key={id} dashboard={dashboard.data} />
}

function DashboardView({ dashboard: d }: { dashboard: Dashboard }) {
  const { t, i18n } = useTranslation()
  const { message, modal } = App.useApp()
  const qc = useQueryClient()
  const navigate = useNavigate()
  const [search, setSearch] = useSearchParams()
  const canEdit = useCanEdit(d)
  const filters = useMemo(() => filtersFromSearch(search, d.filters), [search, d.filters])
  const data = useDashboardData(d.id, filters)
  const reports = useSavedReports(d.widgets.some((w) => !!w.reportId))
  const update = useUpdateDashboard(d.id)
  const remove = useDeleteDashboard()
  const titleOf = useWidgetTitle()

  const editing = canEdit && search.get('edit') === '1'
  const [widgets, setWidgets] = useState<DashboardWidget[]>(d.widgets)
  useEffect(() => setWidgets(d.widgets), [d.widgets])
  const [dialog, setDialog] = useState<DialogKind | null>(null)
  const [renaming, setRenaming] = useState<DashboardWidget | null>(null)
  const [shareError, setShareError] = useState<string | null>(null)
  const [drill, setDrill] = useState<DrillTarget | null>(null)
  const [refreshing, setRefreshing] = useState(false)

  const reportMap = useMemo(
    () => new Map((reports.data ?? []).map((r): [string, SavedReport] => [r.id, r])),
    [reports.data],
  )
  const dataMap = useMemo(() => new Map((data.data?.widgets ?? []).map((w) => [w.id, w])), [data.data])

  /** PATCH with the version read; a 409 reloads the dashboard and says so. */
  const save = useSaveDashboard(d, update, setWidgets)

  const onLayout = (layout: GridItem[]) => {
    const next = applyLayout(widgets, layout)
    if (samePlaces(next, widgets)) return
    setWidgets(next)
    void save({ widgets: next })
  }
  const setFilters = (next: DashboardFilters) =>
    setSearch(searchWithFilters(search, next, d.filters), { replace: true })
  const setEditing = (on: boolean) => {
    const next = new URLSearchParams(search)
    if (on) next.set('edit', '1')
    else next.delete('edit')
    setSearch(next, { replace: true })
  }
  const refresh = async () => {
    setRefreshing(true)
    try {
      const fresh = await fetchDashboardData(d.id, filters, i18n.language, true)
      qc.setQueryData(dashboardKeys.data(d.id, filters, i18n.language), fresh)
      void qc.invalidateQueries({ queryKey: ['north-star', 'progress'] })
      void message.success(t('dashboards.refreshed'))
    } catch (e) {
      void message.error(reasonOf(e))
    } finally {
      setRefreshing(false)
    }
  }
  const addWidget = async (w: NewWidget) => {
    const placed = placeWidget(widgets, w, newWidgetId(widgets))
    if (await save({ widgets: [...widgets, placed] }, t('dashboards.widget.added'))) setDialog(null)
  }
  const removeWidget = (w: DashboardWidget) => {
    const name = titleOf(w, w.reportId ? reportMap.get(w.reportId) : undefined, dataMap.get(w.id))
    modal.confirm({
      title: t('dashboards.widget.removeConfirm', { name }),
      okText: t('dashboards.widget.remove'),
      okButtonProps: { danger: true },
      cancelText: t('common.cancel'),
      onOk: () => save({ widgets: widgets.filter((x) => x.id !== w.id) }, t('dashboards.widget.removed')),
    })
  }
  const deleteDashboard = () =>
    modal.confirm({
      title: t('dashboards.deleteConfirm', { name: d.name }),
      content: t('dashboards.deleteHelp'),
      okText: t('dashboards.delete'),
      okButtonProps: { danger: true },
      cancelText: t('common.cancel'),
      onOk: async () => {
        try {
          await remove.mutateAsync(d)
          void message.success(t('dashboards.deleted', { name: d.name }))
          navigate('/dashboards')
        } catch (e) {
          void message.error(reasonOf(e))
        }
      },
    })
  const saveShare = async (sharedWith: SharedWith) => {
    setShareError(null)
    try {
      await update.mutateAsync({ sharedWith, version: d.version })
      void message.success(t('dashboards.share.saved'))
      setDialog(null)
    } catch (e) {
      if (e instanceof ApiError && e.status === 409) {
        await qc.invalidateQueries({ queryKey: dashboardKeys.one(d.id) })
        setShareError(t('dashboards.conflict'))
      } else setShareError(reasonOf(e))
    }
  }

  return (
    <div>
      <DashboardHeader
        dashboard={d}
        asOf={data.data?.asOf}
        cached={!!data.data?.cached}
        fetching={data.isFetching && !refreshing}
        refreshing={refreshing}
        canEdit={canEdit}
        editing={editing}
        onRefresh={() => void refresh()}
        onEditing={setEditing}
        onDialog={setDialog}
        onDelete={deleteDashboard}
      />
      <DashboardFiltersBar
        value={filters}
        onChange={setFilters}
        onSaveDefault={
          canEdit && JSON.stringify(filters) !== JSON.stringify(d.filters)
            ? () => void save({ filters }, t('dashboards.filters.savedDefault'))
            : undefined
        }
      />
      <NorthStarStrip filters={filters} />
      {!canEdit && (
        <Typography.Paragraph type="secondary" style={{ fontSize: 12 }}>
          {t('dashboards.readOnly')}
        </Typography.Paragraph>
      )}
      {editing && (
        <Typography.Paragraph className="dashboard-edit-hint" type="secondary">
          {t('dashboards.editing')} {update.isPending && t('dashboards.saving')}
        </Typography.Paragraph>
      )}
      {data.isError && <ErrorState error={data.error} onRetry={() => void data.refetch()} />}
      {!widgets.length ? (
        <EmptyState
          description={canEdit ? t('dashboards.noWidgets') : t('dashboards.noWidgetsReadOnly')}
          action={
            canEdit
              ? {
                  label: t('dashboards.widget.add'),
                  onClick: () => {
                    setEditing(true)
                    setDialog('add')
                  },
                }
              : undefined
          }
        />
      ) : (
        // Busy while other filters load (the previous figures stay until then; a spinner shows by "as of").
        <div aria-busy={data.isFetching}>
          <DashboardGrid
            widgets={widgets}
            reports={reportMap}
            data={dataMap}
            loading={data.isLoading || data.isFetching}
            editing={editing}
            onLayout={onLayout}
            onDrill={(widget, group, measureIndex) => {
              const report = widget.reportId ? reportMap.get(widget.reportId) : undefined
              if (report)
                setDrill({ report, result: dataMap.get(widget.id)?.result, group, measureIndex, filters })
            }}
            onRename={(w) => setRenaming(w)}
            onRemove={removeWidget}
          />
        </div>
      )}
      <AddWidgetDialog
        open={dialog === 'add'}
        saving={update.isPending}
        onAdd={(w) => void addWidget(w)}
        onClose={() => setDialog(null)}
      />
      <ShareDialog
        open={dialog === 'share'}
        name={d.name}
        value={d.sharedWith}
        saving={update.isPending}
        error={shareError}
        onSave={(v) => void saveShare(v)}
        onClose={() => {
          setShareError(null)
          setDialog(null)
        }}
      />
      <SubscriptionsDialog
        open={dialog === 'subscribe'}
        dashboardId={d.id}
        name={d.name}
        onClose={() => setDialog(null)}
      />
      <NameDialog
        open={dialog === 'rename'}
        title={t('dashboards.renameTitle')}
        label={t('dashboards.name')}
        initial={d.name}
        required
        saving={update.isPending}
        onSave={async (name) => {
          if (await save({ name }, t('dashboards.renamed'))) setDialog(null)
        }}
        onClose={() => setDialog(null)}
      />
      <NameDialog
        open={!!renaming}
        title={t('dashboards.widget.renameTitle')}
        label={t('dashboards.widget.title')}
        initial={renaming?.title ?? ''}
        placeholder={
          renaming
            ? titleOf(
                { ...renaming, title: undefined },
                renaming.reportId ? reportMap.get(renaming.reportId) : undefined,
              )
            : ''
        }
        saving={update.isPending}
        onSave={async (title) => {
          const next = widgets.map((w) => (w.id === renaming?.id ? { ...w, title: title || undefined } : w))
          if (await save({ widgets: next }, t('dashboards.renamed'))) setRenaming(null)
        }}
        onClose={() => setRenaming(null)}
      />
      <DrillDrawer target={drill} onClose={() => setDrill(null)} />
    </div>
  )
}
