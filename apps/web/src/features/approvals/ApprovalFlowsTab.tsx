import { useState } from 'react'
import { App, Button, Popconfirm, Space, Switch, Table, Tag, Typography } from 'antd'
import { DeleteOutlined, PlusOutlined } from '@ant-design/icons'
import { useTranslation } from 'react-i18next'
import type { ApprovalFlow } from '@openkam/contract'
import { useAuth } from '../../app/auth'
import { EmptyState, ErrorState, LoadingState } from '../../shared/ui/states'
import { showUndo } from '../../shared/ui/undo'
import { isAdmin } from '../settings/common'
import { FlowDesigner } from './FlowDesigner'
import {
  useDeleteFlow,
  useFlows,
  useObjectsWithFields,
  useRestoreFlow,
  useSaveFlow,
} from './approvals.queries'

/** Settings → Approvals: the workspace's flows, switched on and off in place, designed in a drawer. */
export function ApprovalFlowsTab() {
  const { t, i18n } = useTranslation()
  const { me } = useAuth()
  const { message } = App.useApp()
  const flows = useFlows()
  const objects = useObjectsWithFields(i18n.language)
  const save = useSaveFlow()
  const remove = useDeleteFlow()
  const restore = useRestoreFlow()
  const [editing, setEditing] = useState<ApprovalFlow | 'new' | null>(null)
  const [toggling, setToggling] = useState<string | null>(null)
  if (!isAdmin(me)) return <Typography.Paragraph>{t('approvals.flows.adminOnly')}</Typography.Paragraph>
  if (flows.isLoading) return <LoadingState />
  if (flows.isError) return <ErrorState error={flows.error} onRetry={() => void flows.refetch()} />
  const objectName = (key: string) => objects.data?.data.find((o) => o.key === key)?.pluralLabel ?? key
  const rows = flows.data?.data ?? []

  const toggle = async (f: ApprovalFlow, enabled: boolean) => {
    setToggling(f.id)
    try {
      await save.mutateAsync({ id: f.id, version: f.version, body: { enabled } })
    } catch (e) {
      void message.error(t('approvals.failed', { reason: (e as Error).message }))
    } finally {
      setToggling(null)
    }
  }
  const drop = async (f: ApprovalFlow) => {
    try {
      await remove.mutateAsync(f.id)
      showUndo(message, t('approvals.flows.deleted', { name: f.name }), t('common.undo'), () =>
        restore.mutateAsync(f.id),
      )
    } catch (e) {
      void message.error(t('approvals.failed', { reason: (e as Error).message }))
    }
  }

  return (
    <div>
      <Space style={{ marginBottom: 12, justifyContent: 'space-between', width: '100%' }} wrap>
        <Typography.Text type="secondary">{t('approvals.flows.help')}</Typography.Text>
        <Button type="primary" icon={<PlusOutlined />} onClick={() => setEditing('new')}>
          {t('approvals.flows.new')}
        </Button>
      </Space>
      {rows.length === 0 ? (
        <EmptyState
          description={t('approvals.flows.empty')}
          action={{ label: t('approvals.flows.new'), onClick: () => setEditing('new') }}
        />
      ) : (
        <Table<ApprovalFlow>
          rowKey="id"
          dataSource={rows}
          pagination={false}
          columns={[
            {
              title: t('approvals.designer.name'),
              dataIndex: 'name',
              render: (_: string, f) => (
                <Space orientation="vertical" size={0}>
                  <Button type="link" style={{ padding: 0 }} onClick={() => setEditing(f)}>
                    {f.name}
                  </Button>
                  {f.description && (
                    <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                      {f.description}
                    </Typography.Text>
                  )}
                </Space>
              ),
            },
            {
              title: t('approvals.designer.object'),
              dataIndex: 'object',
              render: (o: string) => objectName(o),
            },
            {
              title: t('approvals.designer.steps'),
              key: 'steps',
              render: (_: unknown, f) => (
                <Space size={4} wrap>
                  {(f.steps ?? []).map((s, i) => (
                    <Tag key={i}>
                      {i + 1}. {s.name}
                    </Tag>
                  ))}
                </Space>
              ),
            },
            { title: t('approvals.designer.priority'), dataIndex: 'priority', width: 90 },
            {
              title: t('approvals.designer.enabled'),
              dataIndex: 'enabled',
              width: 100,
              render: (_: unknown, f) => (
                <Switch
                  checked={!!f.enabled}
                  loading={toggling === f.id}
                  aria-label={t('approvals.flows.toggle', { name: f.name })}
                  onChange={(on) => void toggle(f, on)}
                />
              ),
            },
            {
              title: t('common.actions'),
              key: 'actions',
              width: 120,
              render: (_: unknown, f) => (
                <Popconfirm
                  title={t('approvals.flows.deleteConfirm', { name: f.name })}
                  description={t('approvals.flows.deleteHelp')}
                  okText={t('common.delete')}
                  cancelText={t('common.cancel')}
                  okButtonProps={{ danger: true }}
                  onConfirm={() => drop(f)}
                >
                  <Button
                    size="small"
                    icon={<DeleteOutlined />}
                    aria-label={`${t('common.delete')} ${f.name}`}
                  >
                    {t('common.delete')}
                  </Button>
                </Popconfirm>
              ),
            },
          ]}
        />
      )}
      {editing && (
        <FlowDesigner
          key={editing === 'new' ? 'new' : editing.id}
          flow={editing === 'new' ? null : editing}
          open
          onClose={() => setEditing(null)}
        />
      )}
    </div>
  )
}
