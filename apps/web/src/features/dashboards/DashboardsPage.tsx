import { useState } from 'react'
import { App, Button, Form, Input, Modal, Popconfirm, Table, Tag, Typography } from 'antd'
import { DeleteOutlined, PlusOutlined } from '@ant-design/icons'
import dayjs from 'dayjs'
import { Link, useNavigate } from 'react-router'
import { useTranslation } from 'react-i18next'
import { can, useAuth } from '../../app/auth'
import { ErrorState, LoadingState, EmptyState } from '../../shared/ui/states'
import { scopeOf } from '../settings/common'
import { useCreateDashboard, useDashboards, useDeleteDashboard, type Dashboard } from './dashboards.queries'
import { NorthStarStrip } from './NorthStarStrip'
import './dashboards.css'

type Kind = 'builtin' | 'mine' | 'shared'

/** The dashboards the person may see (own, shared with them, built-in), and a new one. */
export default function DashboardsPage() {
  const { t } = useTranslation()
  const { me } = useAuth()
  const { message } = App.useApp()
  const navigate = useNavigate()
  const list = useDashboards()
  const create = useCreateDashboard()
  const remove = useDeleteDashboard()
  const [creating, setCreating] = useState(false)
  const [form] = Form.useForm<{ name: string; description?: string }>()
  const kindOf = (d: Dashboard): Kind =>
    d.template && !d.ownerId ? 'builtin' : d.ownerId === me?.id ? 'mine' : 'shared'
  const mayDelete = (d: Dashboard) => d.ownerId === me?.id || scopeOf(me, 'dashboards', 'delete') === 'all'
  const order: Record<Kind, number> = { mine: 0, shared: 1, builtin: 2 }
  const rows = [...(list.data ?? [])].sort(
    (a, b) => order[kindOf(a)] - order[kindOf(b)] || a.name.localeCompare(b.name),
  )

  const submit = async (v: { name: string; description?: string }) => {
    try {
      const d = await create.mutateAsync({ name: v.name.trim(), description: v.description?.trim() || null })
      void message.success(t('dashboards.created', { name: d.name }))
      setCreating(false)
      navigate(`/dashboards/${d.id}?edit=1`)
    } catch (e) {
      void message.error(e instanceof Error ? e.message : String(e))
    }
  }

  return (
    <div>
      <div className="page-header">
        <div>
          <h1>{t('dashboards.title')}</h1>
          <Typography.Text type="secondary">{t('dashboards.help')}</Typography.Text>
        </div>
        {can(me, 'dashboards', 'create') && (
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)}>
            {t('dashboards.create')}
          </Button>
        )}
      </div>
      <NorthStarStrip />
      {list.isLoading ? (
        <LoadingState />
      ) : list.isError ? (
        <ErrorState error={list.error} onRetry={() => void list.refetch()} />
      ) : !rows.length ? (
        <EmptyState description={t('dashboards.empty')} />
      ) : (
        <Table<Dashboard>
          rowKey="id"
          dataSource={rows}
          pagination={false}
          scroll={{ x: 'max-content' }}
          columns={[
            {
              key: 'name',
              title: t('dashboards.columns.name'),
              render: (_, d) => (
                <div>
                  <Link to={`/dashboards/${d.id}`}>{d.name}</Link>
                  {d.description && (
                    <div>
                      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                        {d.description}
                      </Typography.Text>
                    </div>
                  )}
                </div>
              ),
            },
            {
              key: 'kind',
              title: t('dashboards.columns.kind'),
              render: (_, d) => {
                const k = kindOf(d)
                return (
                  <Tag color={k === 'mine' ? 'blue' : k === 'shared' ? 'cyan' : 'default'}>
                    {t(`dashboards.kind.${k}`)}
                  </Tag>
                )
              },
            },
            {
              key: 'widgets',
              title: t('dashboards.columns.widgets'),
              align: 'right',
              className: 'num',
              render: (_, d) => t('dashboards.widgetCount', { count: d.widgets.length }),
            },
            {
              key: 'updated',
              title: t('dashboards.columns.updated'),
              className: 'num',
              responsive: ['md'],
              render: (_, d) => dayjs(d.updatedAt).format('YYYY-MM-DD HH:mm'),
            },
            {
              key: 'actions',
              title: t('dashboards.columns.actions'),
              render: (_, d) =>
                mayDelete(d) ? (
                  <Popconfirm
                    title={t('dashboards.deleteConfirm', { name: d.name })}
                    description={t('dashboards.deleteHelp')}
                    okText={t('dashboards.delete')}
                    okButtonProps={{ danger: true }}
                    cancelText={t('common.cancel')}
                    onConfirm={() =>
                      remove.mutateAsync(d).then(
                        () => void message.success(t('dashboards.deleted', { name: d.name })),
                        (e) => void message.error(e instanceof Error ? e.message : String(e)),
                      )
                    }
                  >
                    <Button
                      size="small"
                      type="text"
                      danger
                      icon={<DeleteOutlined />}
                      aria-label={t('dashboards.deleteNamed', { name: d.name })}
                    />
                  </Popconfirm>
                ) : null,
            },
          ]}
        />
      )}
      <Modal
        open={creating}
        title={t('dashboards.createTitle')}
        okText={t('common.create')}
        cancelText={t('common.cancel')}
        confirmLoading={create.isPending}
        onOk={() => form.submit()}
        onCancel={() => setCreating(false)}
        afterClose={() => form.resetFields()}
        forceRender
      >
        <Form form={form} layout="vertical" onFinish={(v) => void submit(v)}>
          <Form.Item
            name="name"
            label={t('dashboards.name')}
            rules={[{ required: true, whitespace: true, message: t('dashboards.nameRequired') }]}
          >
            <Input maxLength={200} autoFocus />
          </Form.Item>
          <Form.Item name="description" label={t('dashboards.description')}>
            <Input.TextArea maxLength={2000} autoSize={{ minRows: 2, maxRows: 5 }} />
          </Form.Item>
        </Form>
      </Modal>
    </div>
  )
}
