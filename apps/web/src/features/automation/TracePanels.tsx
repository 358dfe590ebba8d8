import { useMemo } from 'react'
import { Space, Table, Tag, Typography } from 'antd'
import { CheckCircleFilled, CloseCircleFilled } from '@ant-design/icons'
import { Link } from 'react-router'
import { useTranslation } from 'react-i18next'
import { useUsers } from '../../shared/api/lookups'
import type { ActionOutcome, ConditionTrace } from './automation.queries'
import { useRuleCustomFields } from './rule-custom-fields'
import { fieldOfPath, pathLabel } from './rule-fields'
import { formatValue } from './rule-summary'

/** Hidden on screen, read by screen readers. */
const visuallyHidden = {
  position: 'absolute',
  width: 1,
  height: 1,
  overflow: 'hidden',
  clip: 'rect(0 0 0 0)',
  whiteSpace: 'nowrap',
} as const

export const actionStatusColors: Record<string, string> = {
  done: 'green',
  skipped: 'default',
  failed: 'red',
  retrying: 'orange',
  queued: 'blue',
  would_run: 'cyan',
}

function useUserNames() {
  const users = useUsers()
  return useMemo(() => Object.fromEntries((users.data?.data ?? []).map((u) => [u.id, u.name])), [users.data])
}

/** Each condition with ✓ or ✗, what it expected and what the record had. */
export function ConditionTraceList({
  conditions,
  entity,
  compact,
}: {
  conditions: ConditionTrace[]
  entity?: string | null
  /** Lines instead of a table, for the narrow "Try it" panel. */
  compact?: boolean
}) {
  const { t } = useTranslation()
  const names = useUserNames()
  useRuleCustomFields(entity)
  if (!conditions.length)
    return <Typography.Text type="secondary">{t('automation.noConditionsTrace')}</Typography.Text>
  const icon = (ok: boolean) =>
    ok ? (
      <CheckCircleFilled style={{ color: '#389e0d' }} aria-label={t('automation.met')} role="img" />
    ) : (
      <CloseCircleFilled style={{ color: '#cf1322' }} aria-label={t('automation.notMet')} role="img" />
    )
  const fmt = (c: ConditionTrace, v: unknown) => formatValue(v, t, fieldOfPath(entity, c.field), names)
  if (compact)
    return (
      <div style={{ display: 'grid', gap: 8 }}>
        {conditions.map((c, i) => (
          <div key={i} style={{ display: 'flex', gap: 8, alignItems: 'baseline' }}>
            {icon(c.result)}
            <div style={{ minWidth: 0, wordBreak: 'break-word' }}>
              <Typography.Text strong>{pathLabel(c.field, t, entity)}</Typography.Text>{' '}
              {t(`automation.ops.${c.op}`, { defaultValue: c.op })} {fmt(c, c.expected)}
              <div>
                <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                  {t('automation.actual')}: {fmt(c, c.actual)}
                </Typography.Text>
              </div>
            </div>
          </div>
        ))}
      </div>
    )
  return (
    <Table<ConditionTrace & { i: number }>
      size="small"
      rowKey="i"
      pagination={false}
      scroll={{ x: 'max-content' }}
      dataSource={conditions.map((c, i) => ({ ...c, i }))}
      columns={[
        {
          title: <span style={visuallyHidden}>{t('automation.result')}</span>,
          key: 'result',
          width: 36,
          render: (_, c) => icon(c.result),
        },
        { title: t('automation.field'), key: 'field', render: (_, c) => pathLabel(c.field, t, entity) },
        {
          title: t('automation.operator'),
          key: 'op',
          render: (_, c) => t(`automation.ops.${c.op}`, { defaultValue: c.op }),
        },
        {
          title: t('automation.expected'),
          key: 'expected',
          render: (_, c) => fmt(c, c.expected),
        },
        {
          title: t('automation.actual'),
          key: 'actual',
          render: (_, c) => fmt(c, c.actual),
        },
      ]}
    />
  )
}

/** What an action did (or would do): `{title, assignees, dueAt}`, `{channels, recipients, subject}`, `{fields}`… */
export function DetailView({
  detail,
  entity,
}: {
  detail: Record<string, unknown> | null
  entity?: string | null
}) {
  const { t } = useTranslation()
  const names = useUserNames()
  useRuleCustomFields(entity)
  if (!detail || !Object.keys(detail).length) return <>—</>
  const line = (k: string, v: unknown) => {
    if (k === 'taskId' && typeof v === 'string')
      return <Link to={`/tasks/${v}`}>{t('automation.openTask')}</Link>
    if (k === 'taskIds' && Array.isArray(v))
      return v.map((id, i) => (
        <Link key={String(id)} to={`/tasks/${id}`} style={{ marginRight: 8 }}>
          {t('automation.taskN', { n: i + 1 })}
        </Link>
      ))
    if (k === 'channels' && Array.isArray(v))
      return v.map((c) => (
        <Tag key={String(c)}>{t(`automation.channels.${c}`, { defaultValue: String(c) })}</Tag>
      ))
    if (k === 'priority' && typeof v === 'string') return t(`enums.priority.${v}`, { defaultValue: v })
    if (k === 'fields' && v && typeof v === 'object' && !Array.isArray(v))
      return Object.entries(v)
        .map(
          ([f, x]) =>
            `${pathLabel(f, t, entity)} → ${formatValue(x, t, entity ? fieldOfPath(entity, f) : undefined, names)}`,
        )
        .join(' · ')
    if (Array.isArray(v) && k.endsWith('Ids')) return t('automation.countOf', { count: v.length })
    return formatValue(v, t, undefined, names)
  }
  return (
    <div style={{ fontSize: 12, lineHeight: 1.7 }}>
      {Object.entries(detail).map(([k, v]) => (
        <div key={k} style={{ wordBreak: 'break-word' }}>
          <Typography.Text type="secondary">
            {t(`automation.detail.${k}`, { defaultValue: k })}:{' '}
          </Typography.Text>
          {line(k, v)}
        </div>
      ))}
    </div>
  )
}

/** Each action of a run: its type, outcome, attempts, error and what it did. */
export function ActionOutcomeList({
  actions,
  entity,
  compact,
}: {
  actions: ActionOutcome[]
  entity?: string | null
  compact?: boolean
}) {
  const { t } = useTranslation()
  if (!actions.length)
    return <Typography.Text type="secondary">{t('automation.noActionsRun')}</Typography.Text>
  const status = (v: string) => (
    <Tag color={actionStatusColors[v]}>{t(`automation.actionStatuses.${v}`, { defaultValue: v })}</Tag>
  )
  if (compact)
    return (
      <div>
        {actions.map((a) => (
          <div key={a.index} style={{ borderTop: '1px solid #f0f0f0', padding: '8px 0' }}>
            <Space wrap size={4}>
              <Typography.Text strong>
                {a.index + 1}. {t(`automation.actionTypes.${a.type}`, { defaultValue: a.type })}
              </Typography.Text>
              {status(a.status)}
            </Space>
            <DetailView detail={a.detail} entity={entity} />
            {a.error && (
              <Typography.Text type="danger" style={{ fontSize: 12 }}>
                {a.error}
              </Typography.Text>
            )}
          </div>
        ))}
      </div>
    )
  return (
    <Table<ActionOutcome>
      size="small"
      rowKey="index"
      pagination={false}
      scroll={{ x: 'max-content' }}
      dataSource={actions}
      columns={[
        { title: '#', dataIndex: 'index', width: 40, render: (v: number) => v + 1 },
        {
          title: t('automation.action'),
          dataIndex: 'type',
          render: (v: string) => t(`automation.actionTypes.${v}`, { defaultValue: v }),
        },
        {
          title: t('fields.status'),
          dataIndex: 'status',
          render: (v: string) => status(v),
        },
        { title: t('automation.attempts'), dataIndex: 'attempts', className: 'num' },
        {
          title: t('automation.detailLabel'),
          key: 'detail',
          render: (_, a) => (
            <>
              <DetailView detail={a.detail} entity={entity} />
              {a.error && (
                <Typography.Text type="danger" style={{ fontSize: 12 }}>
                  {a.error}
                </Typography.Text>
              )}
            </>
          ),
        },
      ]}
    />
  )
}
