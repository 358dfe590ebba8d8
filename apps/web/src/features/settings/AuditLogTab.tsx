import { useMemo } from 'react'
import { Button, Table, Tag, Typography } from 'antd'
import { useInfiniteQuery } from '@tanstack/react-query'
import dayjs from 'dayjs'
import { useTranslation } from 'react-i18next'
import { useSearchParams } from 'react-router'
import { get, type Page } from '../../shared/api/client'
import { useUsers } from '../../shared/api/lookups'
import { ErrorState } from '../../shared/ui/states'
import { changesOf, isCode, keyLabel, metaOfType, short } from './audit-diff'

type Entry = {
  id: string
  at: string
  actorId: string | null
  actorType: string
  action: string
  entityType: string
  entityId: string | null
  before: unknown
  after: unknown
  requestId: string | null
}

const SHOWN = 3
const actionColors: Record<string, string> = {
  create: 'green',
  update: 'blue',
  delete: 'red',
  restore: 'cyan',
  revoke: 'orange',
}

const Value = ({ text, deleted }: { text: string; deleted?: boolean }) => (
  <Typography.Text delete={deleted} code={isCode(text)}>
    {text}
  </Typography.Text>
)

function Diff({ entry, names }: { entry: Entry; names: Record<string, string> }) {
  const { t } = useTranslation()
  const changes = changesOf(entry.before, entry.after)
  const meta = metaOfType(entry.entityType)
  const custom = Object.fromEntries(
    (meta?.fields ?? []).filter((f) => f.custom && f.label).map((f) => [f.key, f.label!]),
  )
  if (!changes.length) return <Typography.Text type="secondary">—</Typography.Text>
  return (
    <div style={{ fontSize: 12, lineHeight: 1.6 }}>
      {changes.slice(0, SHOWN).map((c) => {
        const opts = { meta, key: c.key, names }
        return (
          <div key={c.key} style={{ wordBreak: 'break-word' }}>
            <Typography.Text type="secondary">{keyLabel(c.key, t, custom)}: </Typography.Text>
            {c.kind !== 'added' && <Value text={short(c.from, t, opts)} deleted={c.kind === 'changed'} />}
            {c.kind === 'changed' && ' → '}
            {c.kind !== 'removed' && <Value text={short(c.to, t, opts)} />}
          </div>
        )
      })}
      {changes.length > SHOWN && (
        <Typography.Text type="secondary">
          {t('settings.moreChanges', { count: changes.length - SHOWN })}
        </Typography.Text>
      )}
    </div>
  )
}

export function AuditLogTab() {
  const { t } = useTranslation()
  const users = useUsers()
  const names = useMemo(
    () => Object.fromEntries((users.data?.data ?? []).map((u) => [u.id, u.name])),
    [users.data],
  )
  // One record's history when the address names it (?entityType=account&entityId=…), e.g. from a merge.
  const [params] = useSearchParams()
  const entity = { entityType: params.get('entityType'), entityId: params.get('entityId') }
  const log = useInfiniteQuery({
    queryKey: ['audit-log', entity],
    initialPageParam: null as string | null,
    queryFn: ({ pageParam }) =>
      get<Page<Entry>>('/audit-log', { limit: 50, cursor: pageParam ?? undefined, ...entity }),
    getNextPageParam: (last) => last.nextCursor,
  })
  const rows = log.data?.pages.flatMap((p) => p.data) ?? []

  if (log.isError && !rows.length) return <ErrorState error={log.error} onRetry={() => void log.refetch()} />
  return (
    <>
      <Typography.Paragraph type="secondary">{t('settings.auditHelp')}</Typography.Paragraph>
      <Table<Entry>
        rowKey="id"
        size="small"
        loading={log.isLoading}
        dataSource={rows}
        pagination={false}
        scroll={{ x: 760 }}
        locale={{ emptyText: t('settings.noAudit') }}
        expandable={{
          rowExpandable: (e) => e.before != null || e.after != null,
          expandedRowRender: (e) => (
            <div
              style={{
                display: 'grid',
                gridTemplateColumns: 'repeat(auto-fit, minmax(260px, 1fr))',
                gap: 12,
              }}
            >
              {(['before', 'after'] as const).map((side) => (
                <div key={side}>
                  <Typography.Text strong>{t(`settings.${side}`)}</Typography.Text>
                  <pre style={preStyle}>{e[side] == null ? '—' : JSON.stringify(e[side], null, 2)}</pre>
                </div>
              ))}
              {e.requestId && (
                <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                  {t('settings.requestId')}: <Typography.Text code>{e.requestId}</Typography.Text>
                </Typography.Text>
              )}
            </div>
          ),
        }}
        columns={[
          {
            title: t('fields.at'),
            dataIndex: 'at',
            width: 140,
            render: (v: string) => (
              <span className="num" title={dayjs(v).format('YYYY-MM-DD HH:mm:ss')}>
                {dayjs(v).format('YYYY-MM-DD HH:mm')}
              </span>
            ),
          },
          {
            title: t('fields.actorId'),
            dataIndex: 'actorId',
            width: 120,
            render: (_, e) =>
              e.actorId
                ? (names[e.actorId] ?? '…')
                : t(`settings.actorTypes.${e.actorType}`, { defaultValue: e.actorType }),
          },
          {
            title: t('fields.action'),
            dataIndex: 'action',
            width: 96,
            render: (v: string) => (
              <Tag color={actionColors[v]}>{t(`settings.auditActions.${v}`, { defaultValue: v })}</Tag>
            ),
          },
          {
            title: t('fields.entityType'),
            dataIndex: 'entityType',
            width: 110,
            render: (v: string) => t(`settings.entityTypes.${v}`, { defaultValue: v }),
          },
          { title: t('settings.changes'), key: 'diff', render: (_, e) => <Diff entry={e} names={names} /> },
        ]}
      />
      <div style={{ textAlign: 'center', marginTop: 12 }}>
        {log.isError && (
          <Typography.Paragraph type="danger">
            {log.error instanceof Error ? log.error.message : ''}
          </Typography.Paragraph>
        )}
        {log.hasNextPage ? (
          <Button onClick={() => void log.fetchNextPage()} loading={log.isFetchingNextPage}>
            {t('common.loadMore')}
          </Button>
        ) : (
          rows.length > 0 && <Typography.Text type="secondary">{t('settings.auditEnd')}</Typography.Text>
        )}
      </div>
    </>
  )
}

const preStyle = {
  background: '#f6f8fa',
  padding: 8,
  borderRadius: 4,
  fontSize: 12,
  maxHeight: 320,
  overflow: 'auto',
  margin: '4px 0 0',
} as const
