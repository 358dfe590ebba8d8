import { useState } from 'react'
import { App, Button, Card, Popconfirm, Space, Switch, Tag, Typography } from 'antd'
import { ArrowDownOutlined, ArrowUpOutlined, DeleteOutlined, PlusOutlined } from '@ant-design/icons'
import { useTranslation } from 'react-i18next'
import type { TicketRoutingRule } from '@openkam/contract'
import { can, useAuth } from '../../../app/auth'
import { useTeams, useUsers } from '../../../shared/api/lookups'
import { EmptyState, ErrorState, LoadingState } from '../../../shared/ui/states'
import { conditionSummary, moved } from './routing-draft'
import { RoutingRuleDrawer } from './RoutingRuleDrawer'
import {
  useDeleteRoutingRule,
  useReorderRoutingRules,
  useRoutingRules,
  useSaveRoutingRule,
} from './routing.queries'

/** Settings → Ticket routing: the ordered rules, moved up and down, switched on and off, edited in a drawer. */
export function RoutingRulesTab() {
  const { t } = useTranslation()
  const { me } = useAuth()
  const { message } = App.useApp()
  const rules = useRoutingRules()
  const users = useUsers()
  const teams = useTeams()
  const save = useSaveRoutingRule()
  const reorder = useReorderRoutingRules()
  const remove = useDeleteRoutingRule()
  const [editing, setEditing] = useState<TicketRoutingRule | 'new' | null>(null)
  const [busy, setBusy] = useState<string | null>(null)
  const editable = can(me, 'ticket-routing-rules', 'update')
  if (rules.isLoading) return <LoadingState />
  if (rules.isError) return <ErrorState error={rules.error} onRetry={() => void rules.refetch()} />
  const rows = rules.data?.data ?? []
  const names: Record<string, string> = {
    ...Object.fromEntries((users.data?.data ?? []).map((u) => [u.id, u.name])),
    ...Object.fromEntries((teams.data?.data ?? []).map((x) => [x.id, x.name])),
  }
  const name = (id?: string | null) => (id && names[id]) || t('ticketRouting.target.unknown')
  const target = (r: TicketRoutingRule) =>
    r.assign.kind === 'team'
      ? t('ticketRouting.target.team', {
          team: name(r.assign.teamId),
          strategy: t(`ticketRouting.strategies.${r.assign.strategy ?? 'round_robin'}`),
        })
      : r.assign.teamId
        ? t('ticketRouting.target.userInTeam', { user: name(r.assign.userId), team: name(r.assign.teamId) })
        : t('ticketRouting.target.user', { user: name(r.assign.userId) })
  const failed = (e: unknown) =>
    void message.error(t('ticketRouting.failed', { reason: (e as Error).message }))

  const move = async (i: number, by: -1 | 1) => {
    setBusy(rows[i]!.id)
    try {
      await reorder.mutateAsync(
        moved(
          rows.map((r) => r.id),
          i,
          by,
        ),
      )
    } catch (e) {
      failed(e)
    } finally {
      setBusy(null)
    }
  }
  const toggle = async (r: TicketRoutingRule, enabled: boolean) => {
    setBusy(r.id)
    try {
      await save.mutateAsync({ id: r.id, version: r.version, body: { enabled } })
    } catch (e) {
      failed(e)
    } finally {
      setBusy(null)
    }
  }
  const drop = async (r: TicketRoutingRule) => {
    try {
      await remove.mutateAsync(r.id)
      void message.success(t('ticketRouting.deleted', { name: r.name }))
    } catch (e) {
      failed(e)
    }
  }

  return (
    <div data-testid="ticket-routing">
      <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
        <Typography.Paragraph type="secondary" style={{ margin: 0 }}>
          {t('ticketRouting.help')}
        </Typography.Paragraph>
        {editable ? (
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setEditing('new')}>
            {t('ticketRouting.new')}
          </Button>
        ) : (
          <Typography.Text type="secondary">{t('ticketRouting.readOnly')}</Typography.Text>
        )}
        {rows.length === 0 ? (
          <EmptyState
            description={t('ticketRouting.empty')}
            action={
              editable ? { label: t('ticketRouting.new'), onClick: () => setEditing('new') } : undefined
            }
          />
        ) : (
          <ol aria-label={t('ticketRouting.tab')} style={{ listStyle: 'none', margin: 0, padding: 0 }}>
            {rows.map((r, i) => (
              <li key={r.id} style={{ marginBottom: 8 }}>
                <Card size="small" styles={{ body: { padding: 12 } }}>
                  <div style={{ display: 'flex', gap: 12, alignItems: 'flex-start', flexWrap: 'wrap' }}>
                    <Tag style={{ marginTop: 2 }}>{i + 1}</Tag>
                    <div style={{ flex: '1 1 220px', minWidth: 0 }}>
                      {editable ? (
                        <Button
                          type="link"
                          style={{ padding: 0, height: 'auto', whiteSpace: 'normal', textAlign: 'left' }}
                          onClick={() => setEditing(r)}
                          aria-label={t('ticketRouting.edit', { name: r.name })}
                        >
                          <strong>{r.name}</strong>
                        </Button>
                      ) : (
                        <strong>{r.name}</strong>
                      )}
                      <div>
                        <Typography.Text type="secondary">
                          {t('ticketRouting.columns.when')}:{' '}
                        </Typography.Text>
                        {conditionSummary(r.condition, t, names)}
                      </div>
                      <div>
                        <Typography.Text type="secondary">
                          {t('ticketRouting.columns.target')}:{' '}
                        </Typography.Text>
                        {target(r)}
                      </div>
                    </div>
                    <Space wrap size={4}>
                      <Switch
                        checked={r.enabled}
                        disabled={!editable}
                        loading={busy === r.id && save.isPending}
                        aria-label={t('ticketRouting.toggle', { name: r.name })}
                        onChange={(on) => void toggle(r, on)}
                      />
                      {editable && (
                        <>
                          <Button
                            size="small"
                            icon={<ArrowUpOutlined />}
                            disabled={i === 0 || reorder.isPending}
                            aria-label={t('ticketRouting.moveUp', { name: r.name })}
                            title={t('ticketRouting.moveUp', { name: r.name })}
                            onClick={() => void move(i, -1)}
                          />
                          <Button
                            size="small"
                            icon={<ArrowDownOutlined />}
                            disabled={i === rows.length - 1 || reorder.isPending}
                            aria-label={t('ticketRouting.moveDown', { name: r.name })}
                            title={t('ticketRouting.moveDown', { name: r.name })}
                            onClick={() => void move(i, 1)}
                          />
                          <Popconfirm
                            title={t('ticketRouting.deleteConfirm', { name: r.name })}
                            description={t('ticketRouting.deleteHelp')}
                            okText={t('common.delete')}
                            cancelText={t('common.cancel')}
                            okButtonProps={{ danger: true }}
                            onConfirm={() => drop(r)}
                          >
                            <Button
                              size="small"
                              danger
                              icon={<DeleteOutlined />}
                              aria-label={`${t('common.delete')} ${r.name}`}
                              title={`${t('common.delete')} ${r.name}`}
                            />
                          </Popconfirm>
                        </>
                      )}
                    </Space>
                  </div>
                </Card>
              </li>
            ))}
          </ol>
        )}
      </Space>
      {editing && (
        <RoutingRuleDrawer
          key={editing === 'new' ? 'new' : editing.id}
          rule={editing === 'new' ? null : editing}
          onClose={() => setEditing(null)}
        />
      )}
    </div>
  )
}
