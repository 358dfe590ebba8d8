import { useMemo } from 'react'
import { Table, Tag, Typography } from 'antd'
import dayjs from 'dayjs'
import { useTranslation } from 'react-i18next'
import { useUsers } from '../../shared/api/lookups'
import { ErrorState } from '../../shared/ui/states'
import { useRuleVersions, type RuleVersion } from './automation.queries'
import type { TriggerDraft } from './rule-draft'
import { triggerSummary } from './rule-summary'

const preStyle = {
  background: '#f6f8fa',
  padding: 8,
  borderRadius: 4,
  fontSize: 12,
  maxHeight: 420,
  overflow: 'auto',
  margin: 0,
} as const

/** Every saved version of a rule, newest first: who saved it and when; a row expands into the definition. */
export function RuleVersionsTable({ ruleId, current }: { ruleId: string; current: number }) {
  const { t } = useTranslation()
  const versions = useRuleVersions(ruleId)
  const users = useUsers()
  const names = useMemo(
    () => Object.fromEntries((users.data?.data ?? []).map((u) => [u.id, u.name])),
    [users.data],
  )
  if (versions.isError) return <ErrorState error={versions.error} onRetry={() => void versions.refetch()} />
  return (
    <Table<RuleVersion>
      rowKey="version"
      size="small"
      loading={versions.isLoading}
      dataSource={versions.data?.data ?? []}
      pagination={{ pageSize: 20, hideOnSinglePage: true }}
      locale={{ emptyText: t('automation.noVersions') }}
      expandable={{
        expandedRowRender: (v) => <pre style={preStyle}>{JSON.stringify(v.definition, null, 2)}</pre>,
      }}
      columns={[
        {
          title: t('automation.version'),
          dataIndex: 'version',
          width: 110,
          render: (v: number) => (
            <>
              <span className="num">v{v}</span>{' '}
              {v === current && <Tag color="blue">{t('automation.currentVersion')}</Tag>}
            </>
          ),
        },
        {
          title: t('automation.changedBy'),
          dataIndex: 'changedBy',
          render: (v: string | null) => (v ? (names[v] ?? '…') : t('automation.system')),
        },
        {
          title: t('automation.changedAt'),
          dataIndex: 'changedAt',
          render: (v: string) => (
            <span className="num" title={dayjs(v).format('YYYY-MM-DD HH:mm:ss')}>
              {dayjs(v).format('YYYY-MM-DD HH:mm')}
            </span>
          ),
        },
        {
          title: t('automation.triggerLabel'),
          key: 'trigger',
          render: (_, v) => {
            const trig = v.definition.trigger as TriggerDraft | undefined
            return trig?.kind ? (
              <Typography.Text type="secondary">{triggerSummary(trig, t)}</Typography.Text>
            ) : (
              '—'
            )
          },
        },
      ]}
    />
  )
}
