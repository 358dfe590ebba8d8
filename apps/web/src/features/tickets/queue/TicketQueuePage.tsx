import { useMemo, useState } from 'react'
import { App, Badge, Button, Input, Segmented, Select, Space, Table, Tag, Tooltip, Typography } from 'antd'
import type { ColumnsType } from 'antd/es/table'
import { AlertOutlined } from '@ant-design/icons'
import { useQueryClient } from '@tanstack/react-query'
import dayjs from 'dayjs'
import { Link, useSearchParams } from 'react-router'
import { useTranslation } from 'react-i18next'
import { ticketPriorities, ticketTypes, type QueueAccount, type Ticket } from '@openkam/contract'
import { useAuth, can } from '../../../app/auth'
import { useUsers } from '../../../shared/api/lookups'
import { ErrorState, LoadingState, EmptyState } from '../../../shared/ui/states'
import { EnumTag } from '../../records/display'
import { TierTag } from '../../tiers/TierTag'
import { BandTag } from '../../health/HealthPanel'
import { SlaCountdown, useNow } from './SlaCountdown'
import { BulkAssign } from './BulkAssign'
import { QUEUE_VIEWS, useQueueTeams, useTicketQueue, type QueueView } from './queue.queries'
import './queue.css'

const ALL = 'all'

/** The customer beside a ticket: name, tier, health and open alerts. */
function AccountCell({ account }: { account: QueueAccount | undefined }) {
  const { t } = useTranslation()
  if (!account) return <>—</>
  return (
    <div className="queue-account">
      <Link to={`/accounts/${account.id}`}>{account.name}</Link>
      <Space size={4} wrap>
        <TierTag tier={account.tier} />
        {account.health ? (
          <Tooltip title={t('ticketQueue.health', { score: Math.round(account.health.score) })}>
            <span>
              <BandTag band={account.health.band} />
            </span>
          </Tooltip>
        ) : (
          <Typography.Text type="secondary" className="queue-small">
            {t('ticketQueue.noHealth')}
          </Typography.Text>
        )}
        {account.alerts.open > 0 && (
          <Link to={`/alerts?accountId=${account.id}`} className="queue-alerts">
            <Tag color={account.alerts.danger ? 'red' : 'orange'} icon={<AlertOutlined />}>
              {t('ticketQueue.alerts', { count: account.alerts.open })}
            </Tag>
          </Link>
        )}
      </Space>
    </div>
  )
}

/**
 * The agents' queue (service desk): a team's open tickets, the most urgent due time first, with SLA
 * countdowns, views (unassigned, mine, at risk, breached) with their counts, filters, bulk assignment,
 * and each customer's tier, health and open alerts beside the ticket. Filters live in the address.
 */
export default function TicketQueuePage() {
  const { t, i18n } = useTranslation()
  const { me } = useAuth()
  const [params, setParams] = useSearchParams()
  const teams = useQueueTeams()
  const users = useUsers()
  const qc = useQueryClient()
  const { message } = App.useApp()
  const now = useNow()
  const [selected, setSelected] = useState<string[]>([])

  // The person's own team is the default: the first they lead, else the first they belong to, else all.
  const ownTeam =
    teams.data?.data.find((x) => x.managerId === me?.id) ??
    teams.data?.data.find((x) => x.memberIds.includes(me?.id ?? ''))
  const teamParam = params.get('team')
  const teamId = teamParam === ALL ? null : (teamParam ?? ownTeam?.id ?? null)
  const view = (QUEUE_VIEWS as readonly string[]).includes(params.get('view') ?? '')
    ? (params.get('view') as QueueView)
    : 'open'
  const priority = params.get('priority')?.split(',').filter(Boolean) ?? []
  const type = params.get('type')?.split(',').filter(Boolean) ?? []
  const q = params.get('q') ?? ''
  const filters = { teamId, view, priority, type, q }
  const queue = useTicketQueue(filters, i18n.language)
  const set = (key: string, value: string | null) => {
    const next = new URLSearchParams(params)
    if (value) next.set(key, value)
    else next.delete(key)
    setSelected([])
    setParams(next, { replace: true })
  }

  const pages = queue.data?.pages ?? []
  const rows = pages.flatMap((p) => p.data) as Ticket[]
  const accounts = Object.assign({}, ...pages.map((p) => p.accounts)) as Record<string, QueueAccount>
  const counts = pages[0]?.counts
  const userName = useMemo(
    () => Object.fromEntries((users.data?.data ?? []).map((u) => [u.id, u.name])),
    [users.data],
  )
  const team = teams.data?.data.find((x) => x.id === teamId)
  const assignees = (users.data?.data ?? []).filter(
    (u) => u.active && (!team || team.memberIds.includes(u.id) || team.managerId === u.id),
  )
  const filtered = priority.length > 0 || type.length > 0 || !!q
  const total = counts ? (view === 'open' ? counts.open : counts[view === 'at_risk' ? 'atRisk' : view]) : 0

  const columns: ColumnsType<Ticket> = [
    {
      key: 'due',
      title: t('ticketQueue.columns.due'),
      width: 170,
      render: (_, r) => <SlaCountdown ticket={r} now={now} />,
    },
    {
      key: 'ticket',
      title: t('ticketQueue.columns.ticket'),
      render: (_, r) => (
        <div className="queue-ticket">
          <Link to={`/tickets/${r.id}`}>
            <span className="num queue-number">{r.number}</span> {r.subject}
          </Link>
          <Space size={4} wrap>
            <EnumTag group="priority" value={r.priority} />
            <EnumTag group="ticketType" value={r.type} />
          </Space>
        </div>
      ),
    },
    {
      key: 'account',
      title: t('ticketQueue.columns.account'),
      width: 260,
      render: (_, r) => <AccountCell account={r.accountId ? accounts[r.accountId] : undefined} />,
    },
    {
      key: 'status',
      title: t('ticketQueue.columns.status'),
      width: 110,
      render: (_, r) => <EnumTag group="ticketStatus" value={r.status} />,
    },
    {
      key: 'assignee',
      title: t('ticketQueue.columns.assignee'),
      width: 130,
      render: (_, r) =>
        r.assigneeId ? (
          (userName[r.assigneeId] ?? '…')
        ) : (
          <Typography.Text type="warning">{t('ticketQueue.unassigned')}</Typography.Text>
        ),
    },
    {
      key: 'created',
      title: t('ticketQueue.columns.created'),
      width: 140,
      render: (_, r) => <span className="num">{dayjs(r.createdAt).format('YYYY-MM-DD HH:mm')}</span>,
    },
  ]

  const emptyText = filtered ? t('ticketQueue.empty.filtered') : t(`ticketQueue.empty.${view}`)
  const canAssign = can(me, 'tickets', 'update')

  return (
    <div className="ticket-queue">
      <div className="page-header">
        <div>
          <h1>{t('ticketQueue.title')}</h1>
          <Typography.Text type="secondary">{t('ticketQueue.subtitle')}</Typography.Text>
        </div>
        <Space wrap>
          <Select
            aria-label={t('ticketQueue.team')}
            className="queue-team"
            loading={teams.isLoading}
            value={teamId ?? ALL}
            onChange={(v) => set('team', v)}
            options={[
              { value: ALL, label: t('ticketQueue.allTeams') },
              ...(teams.data?.data ?? []).map((x) => ({ value: x.id, label: x.name })),
            ]}
          />
          <Link to="/tickets">{t('ticketQueue.allTickets')}</Link>
        </Space>
      </div>
      <Segmented<QueueView>
        className="queue-views"
        value={view}
        onChange={(v) => set('view', v === 'open' ? null : v)}
        options={QUEUE_VIEWS.map((v) => ({
          value: v,
          label: (
            <span>
              {t(`ticketQueue.views.${v}`)}{' '}
              <Badge
                count={counts ? counts[v === 'at_risk' ? 'atRisk' : v] : 0}
                showZero
                overflowCount={999}
                color={v === 'breached' ? '#c4281c' : v === 'at_risk' ? '#ad6800' : '#646a73'}
              />
            </span>
          ),
        }))}
      />
      <div className="queue-filters">
        <Select
          mode="multiple"
          allowClear
          aria-label={t('ticketQueue.priority')}
          placeholder={t('ticketQueue.priority')}
          value={priority}
          onChange={(v) => set('priority', v.join(','))}
          options={ticketPriorities.map((x) => ({
            value: x,
            label: t(`enums.priority.${x}`),
            title: t(`enums.priority.${x}`),
          }))}
        />
        <Select
          mode="multiple"
          allowClear
          aria-label={t('ticketQueue.type')}
          placeholder={t('ticketQueue.type')}
          value={type}
          onChange={(v) => set('type', v.join(','))}
          options={ticketTypes.map((x) => ({
            value: x,
            label: t(`enums.ticketType.${x}`),
            title: t(`enums.ticketType.${x}`),
          }))}
        />
        <Input.Search
          allowClear
          aria-label={t('ticketQueue.search')}
          placeholder={t('ticketQueue.search')}
          defaultValue={q}
          onSearch={(v) => set('q', v.trim() || null)}
        />
      </div>
      {canAssign && selected.length > 0 && (
        <BulkAssign
          ids={selected}
          assignees={assignees}
          onDone={() => setSelected([])}
          onChanged={() => qc.invalidateQueries({ queryKey: ['tickets'] })}
          message={message}
        />
      )}
      {queue.isError ? (
        <ErrorState error={queue.error} onRetry={() => void queue.refetch()} />
      ) : queue.isLoading || teams.isLoading ? (
        <LoadingState rows={8} />
      ) : (
        <>
          <Table<Ticket>
            rowKey="id"
            size="middle"
            columns={columns}
            dataSource={rows}
            pagination={false}
            scroll={{ x: 1000 }}
            rowClassName={(r) => (r.slaStatus === 'breached' ? 'queue-row-breached' : '')}
            rowSelection={
              canAssign
                ? { selectedRowKeys: selected, onChange: (keys) => setSelected(keys as string[]) }
                : undefined
            }
            locale={{ emptyText: <EmptyState description={emptyText} /> }}
          />
          {rows.length > 0 && (
            <div className="queue-more">
              <Typography.Text type="secondary">
                {filtered ? '' : t('ticketQueue.shown', { shown: rows.length, total })}
              </Typography.Text>
              {queue.hasNextPage && (
                <Button loading={queue.isFetchingNextPage} onClick={() => void queue.fetchNextPage()}>
                  {t('ticketQueue.loadMore')}
                </Button>
              )}
            </div>
          )}
        </>
      )}
    </div>
  )
}
