import { useState } from 'react'
import { App, Button, Input, Space, Table, Typography } from 'antd'
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
  useDeleteObject,
  useRestoreObject,
  type CustomObject,
} from './objects.queries'

type Deleted = { key: string; label: string }

/**
 * The objects deleted from this browser, to restore them (the API does not list deleted objects);
 * any other can be restored by its key.
 */
function deletedObjects(workspace: string) {
  const storeKey = `openkam.deletedObjects.${workspace}`
  const read = (): Deleted[] => {
    try {
      return JSON.parse(localStorage.getItem(storeKey) ?? '[]')
    } catch {
      return []
    }
  }
  const write = (list: Deleted[]) => localStorage.setItem(storeKey, JSON.stringify(list))
  return {
    list: read,
    add: (d: Deleted) => write([d, ...read().filter((x) => x.key !== d.key)].slice(0, 20)),
    remove: (key: string) => write(read().filter((x) => x.key !== key)),
  }
}

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
  const [restoreKey, setRestoreKey] = useState('')
  const deleted = deletedObjects(me?.workspace.id ?? 'ws')
  const [gone, setGone] = useState<Deleted[]>(deleted.list)

  if (!admin) return <EmptyState description={t('objects.adminOnly')} />

  const doRestore = async (key: string, label = key) => {
    try {
      await restore.mutateAsync(key)
      deleted.remove(key)
      setGone(deleted.list())
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
        deleted.add({ key: o.key, label })
        setGone(deleted.list())
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
              render: (_, o) => (
                <Typography.Text type="secondary">
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
        {gone.length > 0 && (
          <>
            <Typography.Paragraph type="secondary">{t('objects.deletedHint')}</Typography.Paragraph>
            <Table<Deleted>
              rowKey="key"
              size="small"
              pagination={false}
              dataSource={gone}
              style={{ marginBottom: 12 }}
              columns={[
                { title: t('objects.columns.name'), dataIndex: 'label' },
                {
                  title: t('objects.columns.key'),
                  dataIndex: 'key',
                  render: (k: string) => <Typography.Text code>{k}</Typography.Text>,
                },
                {
                  title: t('common.actions'),
                  key: 'restore',
                  render: (_, d) => (
                    <Button size="small" onClick={() => void doRestore(d.key, d.label)}>
                      {t('objects.restore')}
                    </Button>
                  ),
                },
              ]}
            />
          </>
        )}
        <Space.Compact>
          <Input
            aria-label={t('objects.restoreByKey')}
            placeholder={t('objects.restoreKeyPlaceholder')}
            value={restoreKey}
            onChange={(e) => setRestoreKey(e.target.value.trim())}
            style={{ width: 220 }}
          />
          <Button
            disabled={!restoreKey}
            loading={restore.isPending}
            onClick={() => void doRestore(restoreKey).then(() => setRestoreKey(''))}
          >
            {t('objects.restore')}
          </Button>
        </Space.Compact>
        <Typography.Text type="secondary" style={{ marginLeft: 12 }}>
          {t('objects.restoreByKey')}
        </Typography.Text>
      </div>
      <ObjectDrawer
        open={!!editing}
        object={editing === 'new' ? null : editing}
        onClose={() => setEditing(null)}
      />
    </>
  )
}
