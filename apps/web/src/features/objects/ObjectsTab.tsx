import { useState } from 'react'
import { App, Button, Space, Table, Typography } from 'antd'
import dayjs from 'dayjs'
import { PlusOutlined } from '@ant-design/icons'
import { Link, useNavigate } from 'react-router'
import { useTranslation } from 'react-i18next'
import { useAuth } from '../../app/auth'
import { EmptyState, ErrorState } from '../../shared/ui/states'
import { showUndo } from '../../shared/ui/undo'
import { isAdmin } from '../settings/common'
import { ObjectDrawer } from './ObjectDrawer'
import { ObjectIcon } from './object-icons'
import {
  objectName,
  useCustomObjects,
  useDeletedObjects,
  useDeleteObject,
  useRestoreObject,
  type CustomObject,
} from './objects.queries'

/** Settings → Objects: the workspace's own objects, to create, rename, delete and restore (administrators). */
export function ObjectsTab() {
  const { t, i18n } = useTranslation()
  const { me } = useAuth()
  const { message, modal } = App.useApp()
  const navigate = useNavigate()
  const admin = isAdmin(me)
  const list = useCustomObjects(admin)
  const remove = useDeleteObject()
  const restore = useRestoreObject()
  const [editing, setEditing] = useState<CustomObject | 'new' | null>(null)
  const deleted = useDeletedObjects(admin)

  if (!admin) return <EmptyState description={t('objects.adminOnly')} />

  const doRestore = async (key: string, label = key) => {
    try {
      await restore.mutateAsync(key)
      message.success(t('objects.restored', { label }))
    } catch (e) {
      message.error(
        e instanceof Error && 'status' in e && e.status === 404
          ? t('objects.notDeleted', { key })
          : e instanceof Error
            ? e.message
            : String(e),
      )
    }
  }
  const confirmDelete = (o: CustomObject) => {
    const label = objectName(o, i18n.language)
    modal.confirm({
      title: t('objects.deleteTitle', { label }),
      content: t('objects.deleteBody'),
      okText: t('common.delete'),
      okButtonProps: { danger: true },
      onOk: async () => {
        await remove.mutateAsync(o.key)
        showUndo(message, t('objects.deletedMsg', { label }), t('common.undo'), () => doRestore(o.key, label))
      },
    })
  }

  return (
    <>
      <div className="toolbar" style={{ justifyContent: 'space-between' }}>
        <Typography.Text type="secondary">{t('objects.intro')}</Typography.Text>
        <Button type="primary" icon={<PlusOutlined />} onClick={() => setEditing('new')}>
          {t('objects.newObject')}
        </Button>
      </div>
      {list.isError ? (
        <ErrorState error={list.error} onRetry={() => void list.refetch()} />
      ) : (
        <Table<CustomObject>
          rowKey="id"
          size="middle"
          loading={list.isLoading}
          dataSource={list.data?.data ?? []}
          pagination={false}
          scroll={{ x: 'max-content' }}
          locale={{
            emptyText: list.isLoading ? (
              ' '
            ) : (
              <EmptyState
                description={t('objects.empty')}
                action={{ label: t('objects.newObject'), onClick: () => setEditing('new') }}
              />
            ),
          }}
          columns={[
            {
              title: t('objects.columns.name'),
              key: 'name',
              render: (_, o) => (
                <Space>
                  <ObjectIcon name={o.icon} />
                  <Link to={`/objects/${o.key}`}>
                    <Typography.Text strong>{objectName(o, i18n.language)}</Typography.Text>
                  </Link>
                </Space>
              ),
            },
            {
              title: t('objects.columns.key'),
              dataIndex: 'key',
              render: (k: string) => <Typography.Text code>{k}</Typography.Text>,
            },
            {
              title: t('objects.columns.otherNames'),
              key: 'names',
              // The names in each language, side by side on purpose (the page walk leaves them be).
              render: (_, o) => (
                <Typography.Text type="secondary" data-walk-exempt>
                  {[o.labels.en, o.labels['zh-CN']]
                    .filter((n) => !!n)
                    .map((n) => [n!.one, n!.many].filter(Boolean).join(' / '))
                    .join(' · ')}
                </Typography.Text>
              ),
            },
            {
              title: t('common.actions'),
              key: 'actions',
              fixed: 'right',
              render: (_, o) => (
                <Space size={0} wrap>
                  <Button type="link" size="small" onClick={() => navigate(`/objects/${o.key}`)}>
                    {t('objects.records')}
                  </Button>
                  <Button
                    type="link"
                    size="small"
                    onClick={() => navigate(`/settings/custom-fields?object=${o.key}`)}
                  >
                    {t('objects.fields')}
                  </Button>
                  <Button type="link" size="small" onClick={() => setEditing(o)}>
                    {t('common.edit')}
                  </Button>
                  <Button type="link" size="small" danger onClick={() => confirmDelete(o)}>
                    {t('common.delete')}
                  </Button>
                </Space>
              ),
            },
          ]}
        />
      )}
      <div style={{ marginTop: 24 }}>
        <Typography.Title level={5}>{t('objects.deletedSection')}</Typography.Title>
        {deleted.isError ? (
          <ErrorState error={deleted.error} onRetry={() => void deleted.refetch()} />
        ) : (
          <>
            <Typography.Paragraph type="secondary">{t('objects.deletedHint')}</Typography.Paragraph>
            <Table<CustomObject>
              rowKey="id"
              size="small"
              pagination={false}
              loading={deleted.isLoading}
              dataSource={deleted.data?.data ?? []}
              locale={{ emptyText: deleted.isLoading ? ' ' : t('objects.noneDeleted') }}
              columns={[
                {
                  title: t('objects.columns.name'),
                  key: 'name',
                  render: (_, o) => objectName(o, i18n.language),
                },
                {
                  title: t('objects.columns.key'),
                  dataIndex: 'key',
                  render: (k: string) => <Typography.Text code>{k}</Typography.Text>,
                },
                {
                  title: t('objects.columns.deletedAt'),
                  dataIndex: 'deletedAt',
                  render: (d: string | null) => (d ? dayjs(d).format('YYYY-MM-DD HH:mm') : '—'),
                },
                {
                  title: t('common.actions'),
                  key: 'restore',
                  render: (_, o) => (
                    <Button
                      size="small"
                      loading={restore.isPending && restore.variables === o.key}
                      onClick={() => void doRestore(o.key, objectName(o, i18n.language))}
                    >
                      {t('objects.restore')}
                    </Button>
                  ),
                },
              ]}
            />
          </>
        )}
      </div>
      <ObjectDrawer
        open={!!editing}
        object={editing === 'new' ? null : editing}
        onClose={() => setEditing(null)}
      />
    </>
  )
}
