import { useState } from 'react'
import { App, Button, Popconfirm, Space, Table, Tag, Typography } from 'antd'
import { DeleteOutlined, PlusOutlined } from '@ant-design/icons'
import { useQueryClient } from '@tanstack/react-query'
import dayjs from 'dayjs'
import { useTranslation } from 'react-i18next'
import { can, useAuth } from '../../app/auth'
import { del, post } from '../../shared/api/client'
import { ErrorState } from '../../shared/ui/states'
import { automationKeys, usePlaybooks, type Playbook } from './automation.queries'
import { PlaybookDrawer } from './PlaybookDrawer'
import { showUndo } from '../../shared/ui/undo'

/** Settings › Playbooks: named lists of task templates that rules or people start on a record. */
export function PlaybooksTab() {
  const { t } = useTranslation()
  const { me } = useAuth()
  const { message } = App.useApp()
  const qc = useQueryClient()
  const playbooks = usePlaybooks()
  const [editing, setEditing] = useState<Playbook | 'new' | null>(null)
  const canCreate = can(me, 'playbooks', 'create')
  const canUpdate = can(me, 'playbooks', 'update')
  const canDelete = can(me, 'playbooks', 'delete')
  const refresh = () => qc.invalidateQueries({ queryKey: automationKeys.playbooks })

  const remove = async (p: Playbook) => {
    try {
      await del(`/playbooks/${p.id}`)
    } catch (e) {
      void message.error(e instanceof Error ? e.message : String(e))
      return
    }
    await refresh()
    showUndo(message, t('playbooks.deleted', { name: p.name }), t('common.undo'), async () => {
      await post(`/playbooks/${p.id}/restore`)
      await refresh()
    })
  }

  if (playbooks.isError)
    return <ErrorState error={playbooks.error} onRetry={() => void playbooks.refetch()} />
  return (
    <>
      <div className="toolbar">
        <Typography.Text type="secondary" style={{ flex: 1, minWidth: 240 }}>
          {t('playbooks.help')}
        </Typography.Text>
        {canCreate && (
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setEditing('new')}>
            {t('playbooks.new')}
          </Button>
        )}
      </div>
      <Table<Playbook>
        rowKey="id"
        size="middle"
        loading={playbooks.isLoading}
        dataSource={playbooks.data?.data ?? []}
        pagination={{ pageSize: 50, hideOnSinglePage: true }}
        scroll={{ x: 720 }}
        locale={{ emptyText: t('playbooks.empty') }}
        columns={[
          {
            title: t('fields.name'),
            dataIndex: 'name',
            render: (_, p) => (
              <div>
                <Space size={4} wrap>
                  <Typography.Text strong>{p.name}</Typography.Text>
                  {p.template && <Tag color="geekblue">{t('automation.template')}</Tag>}
                </Space>
                {p.description && (
                  <div>
                    <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                      {p.description}
                    </Typography.Text>
                  </div>
                )}
              </div>
            ),
          },
          {
            title: t('playbooks.steps'),
            key: 'steps',
            render: (_, p) => (
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                {p.steps.map((s) => s.title).join(' → ')}
              </Typography.Text>
            ),
          },
          {
            title: t('fields.updatedAt'),
            dataIndex: 'updatedAt',
            width: 150,
            render: (v: string) => <span className="num">{dayjs(v).format('YYYY-MM-DD HH:mm')}</span>,
          },
          ...(canUpdate || canDelete
            ? [
                {
                  title: t('common.actions'),
                  key: 'actions',
                  width: 170,
                  render: (_: unknown, p: Playbook) => (
                    <Space>
                      {canUpdate && (
                        <Button
                          size="small"
                          onClick={() => setEditing(p)}
                          aria-label={`${t('common.edit')} ${p.name}`}
                        >
                          {t('common.edit')}
                        </Button>
                      )}
                      {canDelete && (
                        <Popconfirm
                          title={t('playbooks.deleteConfirm', { name: p.name })}
                          description={t('playbooks.deleteHelp')}
                          okText={t('common.delete')}
                          cancelText={t('common.cancel')}
                          okButtonProps={{ danger: true }}
                          onConfirm={() => remove(p)}
                        >
                          <Button
                            size="small"
                            icon={<DeleteOutlined />}
                            aria-label={`${t('common.delete')} ${p.name}`}
                          >
                            {t('common.delete')}
                          </Button>
                        </Popconfirm>
                      )}
                    </Space>
                  ),
                },
              ]
            : []),
        ]}
      />
      {editing && (
        <PlaybookDrawer playbook={editing === 'new' ? null : editing} onClose={() => setEditing(null)} />
      )}
    </>
  )
}
