import { useMemo, useState } from 'react'
import { Button, Card, Segmented, Select, Space, Table, Typography } from 'antd'
import { SettingOutlined } from '@ant-design/icons'
import { Link, useSearchParams } from 'react-router'
import { useTranslation } from 'react-i18next'
import { handoffStatuses } from '@openkam/contract'
import { useAuth } from '../../app/auth'
import { useNames, useUsers } from '../../shared/api/lookups'
import { EmptyState, ErrorState } from '../../shared/ui/states'
import { ChecklistProgress } from './ChecklistProgress'
import { handoffState } from './handoff-status'
import { HandoffDeadline, HandoffTags } from './HandoffTags'
import { HandoffSettingsDrawer } from './HandoffSettingsDrawer'
import { useHandoffs, type Handoff } from './handoffs.queries'

/**
 * The list's views, the default first: everything the person may see (their own for a salesperson, their
 * team's for a manager or CSM, all for an administrator or executive), most urgent first; then the
 * handoffs they must hand over, and those they must validate.
 */
const handoffViews = ['all', 'mine', 'toValidate'] as const
type View = (typeof handoffViews)[number]

/** The view the address asks for (`?view=`), else the default: all the person can see. */
const handoffView = (asked: string | null): View => handoffViews.find((v) => v === asked) ?? 'all'

/** Handoffs from sales to customer success: all I can see, mine to hand over, or mine to validate. */
export default function HandoffsPage() {
  const { t } = useTranslation()
  const { me } = useAuth()
  const [params, setParams] = useSearchParams()
  const view = handoffView(params.get('view'))
  const status = params.get('status') ?? undefined
  const [settings, setSettings] = useState(false)
  const list = useHandoffs({
    status,
    salesOwnerId: view === 'mine' ? 'me' : undefined,
    csmId: view === 'toValidate' ? 'me' : undefined,
  })
  // Most urgent first: to hand over, then to validate, then done; each by its deadline.
  const rows = useMemo(() => {
    const deadline = (h: Handoff) =>
      new Date(
        (h.status === 'submitted' ? h.validationDueAt : h.status === 'validated' ? h.validatedAt : h.dueAt) ??
          0,
      ).getTime()
    return [...(list.data?.data ?? [])].sort(
      (a, b) => handoffState(a).step - handoffState(b).step || deadline(a) - deadline(b),
    )
  }, [list.data])
  const users = useUsers()
  const accounts = useNames(
    'accounts',
    rows.map((r) => r.accountId),
  )
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

  return (
    <div>
      <div className="page-header">
        <div>
          <h1>{t('handoffs.title')}</h1>
          <Typography.Text type="secondary">{t('handoffs.subtitle')}</Typography.Text>
        </div>
        <Space wrap>
          <Segmented
            value={view}
            onChange={(v) => set('view', v === 'all' ? undefined : String(v))}
            options={handoffViews.map((v) => ({ value: v, label: t(`handoffs.views.${v}`) }))}
          />
          <Select
            allowClear
            style={{ width: 160 }}
            placeholder={t('handoffs.anyStatus')}
            aria-label={t('fields.status')}
            value={status}
            onChange={(v) => set('status', v)}
            options={handoffStatuses.map((s) => ({ value: s, label: t(`handoffs.status.${s}`) }))}
          />
          {admin && (
            <Button icon={<SettingOutlined />} onClick={() => setSettings(true)}>
              {t('handoffs.settings.open')}
            </Button>
          )}
        </Space>
      </div>
      <Card>
        {list.isError ? (
          <ErrorState error={list.error} onRetry={() => void list.refetch()} />
        ) : (
          <Table<Handoff>
            rowKey="id"
            loading={list.isLoading}
            dataSource={rows}
            pagination={rows.length > 20 ? { pageSize: 20 } : false}
            scroll={{ x: 'max-content' }}
            locale={{ emptyText: <EmptyState description={t('handoffs.empty')} /> }}
            columns={[
              {
                key: 'account',
                title: t('fields.accountId'),
                render: (_, h) => (
                  <Link to={`/handoffs/${h.id}`}>{accounts.data?.[h.accountId!] ?? '…'}</Link>
                ),
              },
              {
                key: 'status',
                title: t('fields.status'),
                render: (_, h) => <HandoffTags h={h} />,
              },
              { key: 'deadline', title: t('handoffs.deadline'), render: (_, h) => <HandoffDeadline h={h} /> },
              {
                key: 'progress',
                title: t('handoffs.checklist'),
                render: (_, h) => <ChecklistProgress h={h} />,
              },
              {
                key: 'sales',
                title: t('fields.salesOwnerId'),
                render: (_, h) => (h.salesOwnerId ? (userName[h.salesOwnerId] ?? '…') : '—'),
              },
              {
                key: 'csm',
                title: t('fields.csmId'),
                render: (_, h) => (h.csmId ? (userName[h.csmId] ?? '…') : '—'),
              },
            ]}
          />
        )}
      </Card>
      {settings && <HandoffSettingsDrawer open onClose={() => setSettings(false)} />}
    </div>
  )
}
