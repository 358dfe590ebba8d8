import { useMemo } from 'react'
import { App, Button, Card, Segmented, Select, Space, Table, Typography } from 'antd'
import { Link, useSearchParams } from 'react-router'
import { useTranslation } from 'react-i18next'
import { alertRuleTypes, alertSeverities, alertStatuses } from '@openkam/contract'
import { useAuth } from '../../app/auth'
import { useNames, useUsers } from '../../shared/api/lookups'
import { EmptyState, ErrorState, LoadingState } from '../../shared/ui/states'
import { AlertActions } from './AlertActions'
import { ageOf, Evidence, SeverityTag, StatusTag, typeLabel } from './AlertParts'
import { useAlertCounts, useAlerts, useEvaluateAlerts, type Alert } from './alerts.queries'

/**
 * The alert centre (SPEC R-13): alerts by status with their counts, filtered by severity, type and
 * owner; each with its account, reason, evidence and age, and the actions its status allows.
 */
export default function AlertsPage() {
  const { t } = useTranslation()
  const { message } = App.useApp()
  const { me } = useAuth()
  const [params, setParams] = useSearchParams()
  const status = params.get('status') ?? 'open'
  const severity = params.get('severity') ?? undefined
  const type = params.get('type') ?? undefined
  const mine = params.get('owner') === 'me'
  const filters = { severity, type, ownerId: mine ? 'me' : undefined }
  const list = useAlerts({ ...filters, status: status === 'all' ? undefined : status })
  const counts = useAlertCounts({ ownerId: mine ? 'me' : undefined })
  const evaluate = useEvaluateAlerts()
  const rows = list.data?.data ?? []
  const accounts = useNames(
    'accounts',
    rows.map((r) => r.accountId),
  )
  const users = useUsers()
  const userName = useMemo(
    () => Object.fromEntries((users.data?.data ?? []).map((u) => [u.id, u.name])),
    [users.data],
  )
  const set = (k: string, v: string | undefined) => {
    const next = new URLSearchParams(params)
    if (v) next.set(k, v)
    else next.delete(k)
    setParams(next, { replace: true })
  }
  const admin = (me?.permissions.workspace ?? me?.permissions['*'])?.update === 'all'
  const n = counts.data?.byStatus ?? {}
  const total = Object.values(n).reduce((a, b) => a + b, 0)

  return (
    <div>
      <div className="page-header">
        <h1>{t('alerts.centre')}</h1>
        <Space>
          {counts.data && (
            <Space size={4}>
              <SeverityTag severity="danger" /> {counts.data.bySeverity.danger ?? 0}
              <SeverityTag severity="warning" /> {counts.data.bySeverity.warning ?? 0}
            </Space>
          )}
          {admin && (
            <Button
              loading={evaluate.isPending}
              onClick={async () => {
                try {
                  const r = await evaluate.mutateAsync()
                  void message.success(t('alerts.evaluated', r.result))
                } catch (e) {
                  void message.error(t('alerts.failed', { reason: (e as Error).message }))
                }
              }}
            >
              {t('alerts.evaluate')}
            </Button>
          )}
        </Space>
      </div>
      <Card>
        <Space wrap style={{ marginBottom: 16 }}>
          <Segmented
            value={status}
            onChange={(v) => set('status', String(v))}
            options={[
              ...alertStatuses.map((s) => ({
                value: s,
                label: `${t(`alerts.statuses.${s}`)} (${n[s] ?? 0})`,
              })),
              { value: 'all', label: `${t('alerts.all')} (${total})` },
            ]}
          />
          <Segmented
            value={mine ? 'me' : 'all'}
            onChange={(v) => set('owner', v === 'me' ? 'me' : undefined)}
            options={[
              { value: 'all', label: t('alerts.all') },
              { value: 'me', label: t('alerts.mine') },
            ]}
          />
          <Select
            allowClear
            placeholder={t('alerts.severity')}
            aria-label={t('alerts.severity')}
            style={{ minWidth: 120 }}
            value={severity}
            onChange={(v) => set('severity', v)}
            options={alertSeverities.map((s) => ({ value: s, label: t(`alerts.severities.${s}`) }))}
          />
          <Select
            allowClear
            placeholder={t('alerts.type')}
            aria-label={t('alerts.type')}
            style={{ minWidth: 220 }}
            value={type}
            onChange={(v) => set('type', v)}
            options={alertRuleTypes.map((s) => ({ value: s, label: typeLabel(t, s) }))}
          />
        </Space>
        {list.isError ? (
          <ErrorState error={list.error} onRetry={() => void list.refetch()} />
        ) : list.isLoading ? (
          <LoadingState />
        ) : rows.length === 0 ? (
          <EmptyState description={total === 0 ? t('alerts.empty') : t('alerts.emptyFiltered')} />
        ) : (
          <Table<Alert>
            rowKey="id"
            dataSource={rows}
            pagination={{ pageSize: 50, hideOnSinglePage: true }}
            scroll={{ x: 1000 }}
            columns={[
              {
                title: t('alerts.severity'),
                dataIndex: 'severity',
                width: 90,
                render: (s: string) => <SeverityTag severity={s} />,
              },
              {
                title: t('alerts.account'),
                dataIndex: 'accountId',
                render: (id: string) => <Link to={`/accounts/${id}`}>{accounts.data?.[id] ?? '…'}</Link>,
              },
              { title: t('alerts.type'), dataIndex: 'type', render: (v: string) => typeLabel(t, v) },
              {
                title: t('alerts.reason'),
                dataIndex: 'reason',
                render: (_: string, a) => (
                  <Space direction="vertical" size={2}>
                    <Typography.Text>{a.reason}</Typography.Text>
                    <Evidence alert={a} />
                    {a.status === 'snoozed' && a.snoozedUntil && (
                      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                        {t('alerts.snoozedUntil', { date: new Date(a.snoozedUntil).toLocaleString() })}
                      </Typography.Text>
                    )}
                    {a.status === 'resolved' && a.outcome && (
                      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                        {t('alerts.outcomeLine', {
                          outcome: t(`alerts.outcomes.${a.outcome}`, { defaultValue: a.outcome }),
                        })}
                        {a.resolutionNote ? ` — ${a.resolutionNote}` : ''}
                      </Typography.Text>
                    )}
                  </Space>
                ),
              },
              {
                title: t('alerts.status'),
                dataIndex: 'status',
                width: 110,
                render: (s: string) => <StatusTag status={s} />,
              },
              {
                title: t('alerts.owner'),
                dataIndex: 'ownerId',
                width: 120,
                render: (id: string | null) => (id ? (userName[id] ?? '…') : '—'),
              },
              {
                title: t('alerts.age'),
                dataIndex: 'createdAt',
                width: 110,
                render: (d: string) => (
                  <span title={new Date(d).toLocaleString()} data-testid="alert-age">
                    {ageOf(d)}
                  </span>
                ),
              },
              {
                title: t('alerts.actions'),
                key: 'actions',
                width: 260,
                render: (_: unknown, a) => <AlertActions alert={a} />,
              },
            ]}
          />
        )}
      </Card>
    </div>
  )
}
