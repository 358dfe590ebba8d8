import { useMemo } from 'react'
import { Descriptions, Table, Tag, Typography } from 'antd'
import dayjs from 'dayjs'
import { useTranslation } from 'react-i18next'
import { useUsers } from '../../shared/api/lookups'
import { ErrorState, LoadingState } from '../../shared/ui/states'
import { useRuleRun, type Notification } from './automation.queries'
import { ActionOutcomeList, ConditionTraceList } from './TracePanels'

export const deliveryStatusColors: Record<string, string> = {
  sent: 'green',
  failed: 'red',
  retrying: 'orange',
  skipped: 'default',
  pending: 'blue',
}

/** One run in full: trigger, the condition trace, each action's outcome and the deliveries it made. */
export function RunDetail({ id }: { id: string }) {
  const { t } = useTranslation()
  const run = useRuleRun(id)
  const users = useUsers()
  const names = useMemo(
    () => Object.fromEntries((users.data?.data ?? []).map((u) => [u.id, u.name])),
    [users.data],
  )
  if (run.isLoading) return <LoadingState rows={3} />
  if (run.isError || !run.data) return <ErrorState error={run.error} onRetry={() => void run.refetch()} />
  const r = run.data
  const recipient = (n: Notification) =>
    n.userId
      ? (names[n.userId] ?? '…')
      : n.role
        ? t('automation.recipient.roleNamed', { role: t(`enums.role.${n.role}`, { defaultValue: n.role }) })
        : t('automation.robotTarget')
  return (
    <div style={{ display: 'grid', gap: 16, padding: '4px 0' }}>
      <Descriptions size="small" column={{ xs: 1, md: 3 }}>
        <Descriptions.Item label={t('automation.triggerLabel')}>
          {t(`automation.triggerKinds.${r.trigger}`, { defaultValue: r.trigger })}
        </Descriptions.Item>
        <Descriptions.Item label={t('automation.ruleVersion')}>{r.ruleVersion}</Descriptions.Item>
        <Descriptions.Item label={t('automation.finishedAt')}>
          {r.finishedAt ? dayjs(r.finishedAt).format('YYYY-MM-DD HH:mm:ss') : '—'}
        </Descriptions.Item>
        {r.depth > 0 && <Descriptions.Item label={t('automation.depth')}>{r.depth}</Descriptions.Item>}
      </Descriptions>
      <div>
        <Typography.Title level={5}>{t('automation.conditions')}</Typography.Title>
        <ConditionTraceList conditions={r.conditions} entity={r.entityType} />
      </div>
      <div>
        <Typography.Title level={5}>{t('automation.actions')}</Typography.Title>
        <ActionOutcomeList actions={r.actions} entity={r.entityType} />
      </div>
      <div>
        <Typography.Title level={5}>{t('automation.deliveries')}</Typography.Title>
        {r.deliveries.length === 0 ? (
          <Typography.Text type="secondary">{t('automation.noDeliveries')}</Typography.Text>
        ) : (
          <Table<Notification>
            size="small"
            rowKey="id"
            pagination={false}
            scroll={{ x: 'max-content' }}
            dataSource={r.deliveries}
            columns={[
              {
                title: t('automation.channel'),
                dataIndex: 'channel',
                render: (v: string) => t(`automation.channels.${v}`, { defaultValue: v }),
              },
              { title: t('automation.recipientLabel'), key: 'to', render: (_, n) => recipient(n) },
              { title: t('fields.subject'), dataIndex: 'subject', ellipsis: true },
              {
                title: t('fields.status'),
                dataIndex: 'status',
                render: (v: string) => (
                  <Tag color={deliveryStatusColors[v]}>
                    {t(`automation.deliveryStatuses.${v}`, { defaultValue: v })}
                  </Tag>
                ),
              },
              { title: t('automation.attempts'), dataIndex: 'attempts', className: 'num' },
              {
                title: t('automation.error'),
                dataIndex: 'error',
                render: (v: string | null) =>
                  v ? (
                    <Typography.Text type="danger" style={{ fontSize: 12 }}>
                      {v}
                    </Typography.Text>
                  ) : (
                    '—'
                  ),
              },
            ]}
          />
        )}
      </div>
    </div>
  )
}
