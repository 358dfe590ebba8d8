import { useMemo, useState } from 'react'
import { App, Button, Input, Popconfirm, Select, Space, Switch, Table, Tag, Typography } from 'antd'
import { DeleteOutlined, PlusOutlined } from '@ant-design/icons'
import { useQueryClient } from '@tanstack/react-query'
import dayjs from 'dayjs'
import { Link, useNavigate, useSearchParams } from 'react-router'
import { useTranslation } from 'react-i18next'
import { customObjectKeyOf } from '@openkam/contract'
import { can, useAuth } from '../../app/auth'
import { ApiError, del, patch, post } from '../../shared/api/client'
import { ErrorState } from '../../shared/ui/states'
import { automationKeys, useRules, type Rule } from './automation.queries'
import type { TriggerDraft } from './rule-draft'
import { triggerSummary } from './rule-summary'
import { isDeletedObject, useRuleEntities } from './rule-entities'
import { showUndo } from '../../shared/ui/undo'

/** Settings › Automation: the workspace's rules, searchable, switched on and off in place. */
const ruleEntity = (r: Rule) => ('entity' in r.trigger ? r.trigger.entity : undefined)

export function RulesTab() {
  const { t } = useTranslation()
  // Custom objects' names for the trigger column, and which rules watch a deleted one.
  const objects = useRuleEntities()
  const { me } = useAuth()
  const { message } = App.useApp()
  const qc = useQueryClient()
  const navigate = useNavigate()
  const [params, setParams] = useSearchParams()
  const q = params.get('q') ?? ''
  const enabled = params.get('enabled') ?? ''
  const rules = useRules({ q, enabled })
  const rows = useMemo(() => rules.data?.pages.flatMap((p) => p.data) ?? [], [rules.data])
  const [toggling, setToggling] = useState<string | null>(null)
  const canCreate = can(me, 'rules', 'create')
  const canUpdate = can(me, 'rules', 'update')
  const canDelete = can(me, 'rules', 'delete')
  const setParam = (k: string, v: string) => {
    const next = new URLSearchParams(params)
    if (v) next.set(k, v)
    else next.delete(k)
    setParams(next, { replace: true })
  }
  const refresh = () => qc.invalidateQueries({ queryKey: automationKeys.rules })

  const toggle = async (r: Rule, on: boolean) => {
    setToggling(r.id)
    try {
      await patch<Rule>(`/rules/${r.id}`, { version: r.version, enabled: on })
      void message.success(t(on ? 'automation.switchedOn' : 'automation.switchedOff', { name: r.name }))
    } catch (e) {
      if (e instanceof ApiError && e.status === 409) void message.warning(t('automation.toggleConflict'))
      else void message.error(e instanceof Error ? e.message : String(e))
    } finally {
      await refresh()
      setToggling(null)
    }
  }
  const remove = async (r: Rule) => {
    try {
      await del(`/rules/${r.id}`)
    } catch (e) {
      void message.error(e instanceof Error ? e.message : String(e))
      return
    }
    await refresh()
    showUndo(message, t('automation.ruleDeleted', { name: r.name }), t('common.undo'), async () => {
      await post(`/rules/${r.id}/restore`)
      await refresh()
    })
  }

  if (rules.isError && !rows.length)
    return <ErrorState error={rules.error} onRetry={() => void rules.refetch()} />
  return (
    <>
      <div className="toolbar">
        <Input.Search
          key={q}
          allowClear
          defaultValue={q}
          placeholder={t('automation.searchRules')}
          aria-label={t('automation.searchRules')}
          onSearch={(v) => setParam('q', v.trim())}
          style={{ width: 260 }}
        />
        <Select
          aria-label={t('automation.enabled')}
          value={enabled}
          onChange={(v: string) => setParam('enabled', v)}
          style={{ width: 160 }}
          options={[
            { value: '', label: t('automation.allRules') },
            { value: 'true', label: t('automation.onlyEnabled') },
            { value: 'false', label: t('automation.onlyDisabled') },
          ]}
        />
        <span style={{ flex: 1 }} />
        {canCreate && (
          <Button type="primary" icon={<PlusOutlined />} onClick={() => navigate('/settings/automation/new')}>
            {t('automation.newRule')}
          </Button>
        )}
      </div>
      <Table<Rule>
        rowKey="id"
        size="middle"
        loading={rules.isLoading}
        dataSource={rows}
        pagination={false}
        scroll={{ x: 960 }}
        locale={{ emptyText: q || enabled ? t('common.noResults') : t('automation.noRules') }}
        columns={[
          {
            title: t('fields.name'),
            dataIndex: 'name',
            render: (_, r) => (
              <div>
                <Space size={4} wrap>
                  <Link to={`/settings/automation/${r.id}`}>
                    <Typography.Text strong>{r.name}</Typography.Text>
                  </Link>
                  {r.template && <Tag color="geekblue">{t('automation.template')}</Tag>}
                  {objects.loaded && isDeletedObject(ruleEntity(r)) && (
                    <Tag
                      color="red"
                      title={t('ruleObjects.deleted', { key: customObjectKeyOf(ruleEntity(r)) })}
                    >
                      {t('ruleObjects.deletedTag')}
                    </Tag>
                  )}
                </Space>
                {r.description && (
                  <div>
                    <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                      {r.description}
                    </Typography.Text>
                  </div>
                )}
              </div>
            ),
          },
          {
            title: t('automation.trigger'),
            key: 'trigger',
            render: (_, r) => triggerSummary(r.trigger as TriggerDraft, t),
          },
          {
            title: t('automation.enabled'),
            dataIndex: 'enabled',
            width: 100,
            render: (_, r) => (
              <Switch
                checked={r.enabled}
                disabled={!canUpdate}
                loading={toggling === r.id}
                aria-label={t('automation.toggleRule', { name: r.name })}
                onChange={(on) => void toggle(r, on)}
              />
            ),
          },
          {
            title: t('automation.runsColumn'),
            key: 'runs',
            width: 130,
            render: (_, r) => (
              <Space size={6}>
                <span className="num">{r.runCount}</span>
                {r.failedCount > 0 && (
                  <Tag color="red">{t('automation.failedCount', { count: r.failedCount })}</Tag>
                )}
              </Space>
            ),
          },
          {
            title: t('automation.lastRun'),
            dataIndex: 'lastRunAt',
            width: 140,
            render: (v: string | null) =>
              v ? (
                <span title={dayjs(v).format('YYYY-MM-DD HH:mm:ss')}>{dayjs(v).fromNow()}</span>
              ) : (
                <Typography.Text type="secondary">{t('automation.neverRan')}</Typography.Text>
              ),
          },
          ...(canDelete
            ? [
                {
                  title: t('common.actions'),
                  key: 'actions',
                  width: 100,
                  render: (_: unknown, r: Rule) => (
                    <Popconfirm
                      title={t('automation.deleteConfirm', { name: r.name })}
                      description={t('automation.deleteHelp')}
                      okText={t('common.delete')}
                      cancelText={t('common.cancel')}
                      okButtonProps={{ danger: true }}
                      onConfirm={() => remove(r)}
                    >
                      <Button
                        size="small"
                        icon={<DeleteOutlined />}
                        aria-label={`${t('common.delete')} ${r.name}`}
                      >
                        {t('common.delete')}
                      </Button>
                    </Popconfirm>
                  ),
                },
              ]
            : []),
        ]}
      />
      {rules.hasNextPage && (
        <div style={{ textAlign: 'center', marginTop: 12 }}>
          <Button onClick={() => void rules.fetchNextPage()} loading={rules.isFetchingNextPage}>
            {t('common.loadMore')}
          </Button>
        </div>
      )}
    </>
  )
}
