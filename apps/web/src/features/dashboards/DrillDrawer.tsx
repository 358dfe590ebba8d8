import { useMemo } from 'react'
import { Alert, Button, Drawer, List, Typography } from 'antd'
import { useInfiniteQuery, useQuery } from '@tanstack/react-query'
import { Link } from 'react-router'
import { useTranslation } from 'react-i18next'
import type { SavedReport } from '@openkam/contract'
import { get, post } from '../../shared/api/client'
import { LoadingState, EmptyState } from '../../shared/ui/states'
import { recordPathOf } from '../records/paths'
import { drillOf } from './drill'
import type { DashboardFilters } from './dashboards.queries'

export type DrillTarget = {
  report: SavedReport
  group: Record<string, unknown>
  measureIndex?: number
  filters: DashboardFilters
  title: string
}

type DrillPage = { object: string; data: Record<string, unknown>[]; nextCursor: string | null }
const nameOf = (r: Record<string, unknown>) =>
  String(r.name ?? r.title ?? r.subject ?? r.number ?? r.id ?? '')

/** The records behind a clicked bar, slice or cell of a report widget, with the dashboard's filters applied. */
export function DrillDrawer({ target, onClose }: { target: DrillTarget | null; onClose: () => void }) {
  const { t, i18n } = useTranslation()
  const lang = i18n.language.startsWith('zh') ? 'zh-CN' : 'en'
  const object = target?.report.object
  const fields = useQuery({
    queryKey: ['reports', 'fields', object ?? '', lang],
    queryFn: () => get<{ fields: { path: string }[] }>('/reports/fields', { object, lang }),
    enabled: !!object,
    staleTime: 5 * 60_000,
  })
  const teamId = target?.filters.teamId
  const team = useQuery({
    queryKey: ['teams', 'one', teamId ?? ''],
    queryFn: () => get<{ memberIds: string[] }>(`/teams/${teamId}`),
    enabled: !!teamId,
  })
  const drill = useMemo(
    () =>
      target && fields.data && (!teamId || team.data)
        ? drillOf(
            target.report,
            target.filters,
            fields.data.fields.map((f) => f.path),
            team.data?.memberIds,
            target.group,
            target.measureIndex,
          )
        : null,
    [target, fields.data, teamId, team.data],
  )
  const pages = useInfiniteQuery({
    queryKey: ['reports', 'drill', drill],
    queryFn: ({ pageParam }) =>
      post<DrillPage>('/reports/drill', { ...drill, cursor: pageParam ?? undefined }),
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.nextCursor,
    enabled: !!drill,
    retry: false,
  })
  const rows = pages.data?.pages.flatMap((p) => p.data) ?? []
  const error = fields.error ?? team.error ?? pages.error
  return (
    <Drawer
      open={!!target}
      onClose={onClose}
      title={target ? t('dashboards.drill.title', { name: target.title }) : ''}
      size="large"
      destroyOnHidden
    >
      {error ? (
        <Alert type="error" showIcon title={(error as Error).message} />
      ) : !drill || pages.isLoading ? (
        <LoadingState rows={5} />
      ) : !rows.length ? (
        <EmptyState description={t('dashboards.widget.empty')} />
      ) : (
        <>
          <List
            size="small"
            aria-label={target ? t('dashboards.drill.title', { name: target.title }) : undefined}
            dataSource={rows}
            renderItem={(r) => (
              <List.Item>
                <Link to={recordPathOf(object!, String(r.id))}>{nameOf(r)}</Link>
              </List.Item>
            )}
          />
          {pages.hasNextPage && (
            <Button block onClick={() => void pages.fetchNextPage()} loading={pages.isFetchingNextPage}>
              {t('dashboards.drill.more')}
            </Button>
          )}
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {t('dashboards.drill.count', { count: rows.length })}
          </Typography.Text>
        </>
      )}
    </Drawer>
  )
}
