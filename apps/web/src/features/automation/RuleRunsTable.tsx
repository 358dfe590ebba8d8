import { useMemo, useState } from 'react'
import { Button, Select, Table, Tag, Typography } from 'antd'
import { useQueries } from '@tanstack/react-query'
import { runStatuses } from '@openkam/contract'
import dayjs from 'dayjs'
import { Link } from 'react-router'
import { useTranslation } from 'react-i18next'
import { get, type Page } from '../../shared/api/client'
import { ErrorState } from '../../shared/ui/states'
import { useRuleRuns, type RuleRun } from './automation.queries'
import { collectionOf, listApiOf, recordPathOf } from './rule-fields'
import { entityName } from './rule-entities'
import { RunDetail } from './RunDetail'

export const runStatusColors: Record<string, string> = {
  succeeded: 'green',
  partial: 'orange',
  failed: 'red',
  not_matched: 'default',
  loop_cut: 'purple',
  running: 'blue',
}

type Named = { id: string; name?: string; title?: string; subject?: string; number?: string }

/** Names of the records runs were about, one request per record type (shares useNames' cache). */
function useRecordNames(runs: RuleRun[]) {
  const byCollection = new Map<string, string[]>()
  const paths = new Map<string, string>()
  for (const r of runs) {
    // Keyed by collection (accounts, site_visits) to share useNames' cache; a custom object's own path.
    const c = collectionOf(r.entityType)
    if (c && r.entityId) {
      byCollection.set(c, [...(byCollection.get(c) ?? []), r.entityId])
      paths.set(c, listApiOf(r.entityType)!)
    }
  }
  const results = useQueries({
    queries: [...byCollection.entries()].map(([collection, ids]) => {
      const unique = [...new Set(ids)].sort()
      return {
        queryKey: [collection, 'names', unique],
        queryFn: async () => {
          const res = await get<Page<Named>>(paths.get(collection)!, { id: unique.join(','), limit: 500 })
          return Object.fromEntries(
            res.data.map((r) => [r.id, r.name ?? r.title ?? r.subject ?? r.number ?? r.id]),
          ) as Record<string, string>
        },
        staleTime: 60_000,
      }
    }),
  })
  return Object.assign({}, ...results.map((r) => r.data ?? {})) as Record<string, string>
}

export function RunStatusTag({ status }: { status: string }) {
  const { t } = useTranslation()
  return (
    <Tag color={runStatusColors[status]}>
      {t(`automation.runStatuses.${status}`, { defaultValue: status })}
    </Tag>
  )
}

/**
 * Runs newest first, for a rule or a record; a row expands into the condition trace, each action's
 * outcome and the deliveries. "Load more" follows the cursor.
 */
export function RuleRunsTable({
  ruleId,
  entityId,
  compact,
}: {
  ruleId?: string
  entityId?: string
  /** The record panel's variant: no status filter, no record column, fewer rows a page. */
  compact?: boolean
}) {
  const { t } = useTranslation()
  const [status, setStatus] = useState<string>()
  const runs = useRuleRuns({ ruleId, entityId, status }, compact ? 10 : 25)
  const rows = useMemo(() => runs.data?.pages.flatMap((p) => p.data) ?? [], [runs.data])
  const names = useRecordNames(compact ? [] : rows)

  if (runs.isError && !rows.length)
    return <ErrorState error={runs.error} onRetry={() => void runs.refetch()} />
  return (
    <>
      {!compact && (
        <div className="toolbar">
          <Select
            allowClear
            aria-label={t('fields.status')}
            placeholder={t('automation.allStatuses')}
            style={{ minWidth: 180 }}
            value={status}
            onChange={(v?: string) => setStatus(v ?? undefined)}
            options={runStatuses.map((s) => ({ value: s, label: t(`automation.runStatuses.${s}`) }))}
          />
        </div>
      )}
      <Table<RuleRun>
        rowKey="id"
        size="small"
        loading={runs.isLoading}
        dataSource={rows}
        pagination={false}
        scroll={{ x: compact ? undefined : 760 }}
        locale={{
          // antd's default empty text is too faint to read (contrast 1.8:1); secondary text is not.
          emptyText: (
            <Typography.Text type="secondary">
              {entityId ? t('automation.noRunsRecord') : t('automation.noRuns')}
            </Typography.Text>
          ),
        }}
        expandable={{ expandedRowRender: (r) => <RunDetail id={r.id} /> }}
        columns={[
          {
            title: t('automation.startedAt'),
            dataIndex: 'startedAt',
            width: 150,
            render: (v: string) => (
              <span className="num" title={dayjs(v).format('YYYY-MM-DD HH:mm:ss')}>
                {dayjs(v).format('YYYY-MM-DD HH:mm')}
              </span>
            ),
          },
          ...(ruleId
            ? []
            : [
                {
                  title: t('automation.rule'),
                  key: 'rule',
                  render: (_: unknown, r: RuleRun) => (
                    <Link to={`/settings/automation/${r.ruleId}`}>
                      {r.ruleName ?? t('automation.deletedRule')}
                    </Link>
                  ),
                },
              ]),
          ...(compact
            ? []
            : [
                {
                  title: t('automation.record'),
                  key: 'record',
                  render: (_: unknown, r: RuleRun) => {
                    if (!r.entityId || !r.entityType) return '—'
                    const path = recordPathOf(r.entityType, r.entityId)
                    const label = `${entityName(r.entityType, t)} · ${names[r.entityId] ?? '…'}`
                    return path ? <Link to={path}>{label}</Link> : label
                  },
                },
              ]),
          {
            title: t('fields.status'),
            dataIndex: 'status',
            width: 120,
            render: (v: string) => <RunStatusTag status={v} />,
          },
          {
            title: t('automation.duration'),
            dataIndex: 'durationMs',
            width: 100,
            align: 'right' as const,
            render: (v: number) => <span className="num">{t('automation.ms', { count: v })}</span>,
          },
        ]}
      />
      <div style={{ textAlign: 'center', marginTop: 12 }}>
        {runs.isError && (
          <Typography.Paragraph type="danger">
            {runs.error instanceof Error ? runs.error.message : ''}
          </Typography.Paragraph>
        )}
        {runs.hasNextPage && (
          <Button onClick={() => void runs.fetchNextPage()} loading={runs.isFetchingNextPage}>
            {t('common.loadMore')}
          </Button>
        )}
      </div>
    </>
  )
}
