import { useState } from 'react'
import { App, Button, Segmented, Select, Space, Table, Tag, Tooltip, Typography } from 'antd'
import { CheckOutlined, PlusOutlined } from '@ant-design/icons'
import dayjs from 'dayjs'
import { useSearchParams } from 'react-router'
import { useTranslation } from 'react-i18next'
import { useAuth } from '../../app/auth'
import { EmptyState, ErrorState } from '../../shared/ui/states'
import { isAdmin } from '../settings/common'
import { optionTagStyle } from '../records/option-colors'
import { useObjectChoices } from '../objects/object-choices'
import { FieldDefinitionDrawer } from './FieldDefinitionDrawer'
import {
  useDeleteFieldDefinition,
  useFieldDefinitions,
  useRestoreFieldDefinition,
  type FieldDefinition,
} from './fields.queries'

/** Preset colours that styles.css darkens to read at 4.5:1. */
const indexColors = { none: 'default', building: 'blue', ready: 'green', failed: 'red' } as const

/** Settings → Custom fields: each object's custom fields, to add, change, delete and restore (administrators). */
export function CustomFieldsTab() {
  const { t, i18n } = useTranslation()
  const { me } = useAuth()
  const { message, modal } = App.useApp()
  const [params, setParams] = useSearchParams()
  const objects = useObjectChoices()
  // A custom object's key is taken as asked while the objects load.
  const asked = params.get('object')
  const object = asked && (objects.keys.includes(asked) || !objects.loaded) ? asked : 'accounts'
  const deleted = params.get('view') === 'deleted'
  const [editing, setEditing] = useState<FieldDefinition | 'new' | null>(null)
  const list = useFieldDefinitions(object, deleted)
  const remove = useDeleteFieldDefinition()
  const restore = useRestoreFieldDefinition()
  const admin = isAdmin(me)
  const labelOf = (d: FieldDefinition) => d.labels[i18n.language.startsWith('zh') ? 'zh-CN' : 'en'] ?? d.label
  const objectLabel = objects.label

  if (!admin) return <EmptyState description={t('customFields.adminOnly')} />

  const confirmDelete = (d: FieldDefinition) =>
    modal.confirm({
      title: t('customFields.deleteTitle', { label: labelOf(d) }),
      content: t('customFields.deleteBody'),
      okText: t('common.delete'),
      okButtonProps: { danger: true },
      onOk: async () => {
        await remove.mutateAsync(d.id)
        message.success(t('customFields.deletedMsg', { label: labelOf(d) }))
      },
    })
  const doRestore = async (d: FieldDefinition) => {
    try {
      await restore.mutateAsync(d.id)
      message.success(t('customFields.restored', { label: labelOf(d) }))
    } catch (e) {
      message.error(e instanceof Error ? e.message : String(e))
    }
  }

  return (
    <>
      <div className="toolbar" style={{ justifyContent: 'space-between' }}>
        <Space wrap>
          <Select
            aria-label={t('customFields.object')}
            value={object}
            style={{ width: 200 }}
            onChange={(o) => setParams({ object: o, ...(deleted ? { view: 'deleted' } : {}) })}
            options={objects.options}
          />
          <Segmented
            value={deleted ? 'deleted' : 'active'}
            onChange={(v) => setParams({ object, ...(v === 'deleted' ? { view: 'deleted' } : {}) })}
            options={[
              { value: 'active', label: t('customFields.active') },
              { value: 'deleted', label: t('customFields.deleted') },
            ]}
          />
        </Space>
        {!deleted && (
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setEditing('new')}>
            {t('customFields.newField')}
          </Button>
        )}
      </div>
      {list.isError ? (
        <ErrorState error={list.error} onRetry={() => void list.refetch()} />
      ) : (
        <Table<FieldDefinition>
          rowKey="id"
          size="middle"
          loading={list.isLoading}
          dataSource={list.data?.data ?? []}
          pagination={false}
          scroll={{ x: 'max-content' }}
          locale={{
            emptyText: list.isLoading ? (
              ' '
            ) : deleted ? (
              <EmptyState description={t('customFields.emptyDeleted')} />
            ) : (
              <EmptyState
                description={t('customFields.empty', { object: objectLabel(object) })}
                action={{ label: t('customFields.newField'), onClick: () => setEditing('new') }}
              />
            ),
          }}
          columns={[
            {
              title: t('customFields.columns.label'),
              key: 'label',
              render: (_, d) => (
                <div>
                  <Typography.Text strong>{labelOf(d)}</Typography.Text>
                  {d.helpText && (
                    <div>
                      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                        {d.helpText}
                      </Typography.Text>
                    </div>
                  )}
                </div>
              ),
            },
            {
              title: t('customFields.columns.key'),
              dataIndex: 'key',
              render: (k: string) => <Typography.Text code>{k}</Typography.Text>,
            },
            {
              title: t('customFields.columns.type'),
              dataIndex: 'type',
              render: (x: string, d) => (
                <Tooltip title={d.formula ?? undefined}>{t(`customFields.types.${x}`)}</Tooltip>
              ),
            },
            {
              title: t('customFields.columns.required'),
              dataIndex: 'required',
              render: (v: boolean) => (v ? <CheckOutlined aria-label={t('common.yes')} /> : null),
            },
            {
              title: t('customFields.columns.filterable'),
              key: 'filterable',
              render: (_, d) =>
                d.filterable ? (
                  <Tag color={indexColors[d.indexStatus]}>{t(`customFields.index.${d.indexStatus}`)}</Tag>
                ) : null,
            },
            {
              title: t('customFields.columns.options'),
              key: 'options',
              render: (_, d) => (
                <Space size={[0, 4]} wrap style={{ maxWidth: 360 }}>
                  {d.options.map((o) => (
                    <Tag
                      key={o.value}
                      style={{
                        ...optionTagStyle(o.color),
                        ...(o.retired ? { textDecoration: 'line-through' } : {}),
                      }}
                      title={o.retired ? t('customFields.form.retired') : undefined}
                    >
                      {o.labels?.[i18n.language.startsWith('zh') ? 'zh-CN' : 'en'] ?? o.label}
                    </Tag>
                  ))}
                </Space>
              ),
            },
            ...(deleted
              ? [
                  {
                    title: t('customFields.columns.deletedAt'),
                    key: 'deletedAt',
                    render: (_: unknown, d: FieldDefinition) =>
                      d.deletedAt ? dayjs(d.deletedAt).format('YYYY-MM-DD HH:mm') : '—',
                  },
                ]
              : []),
            {
              title: t('common.actions'),
              key: 'actions',
              fixed: 'right' as const,
              render: (_, d) =>
                deleted ? (
                  <Button size="small" loading={restore.isPending} onClick={() => void doRestore(d)}>
                    {t('common.restore')}
                  </Button>
                ) : (
                  <Space>
                    <Button
                      size="small"
                      aria-label={`${t('common.edit')} ${labelOf(d)}`}
                      onClick={() => setEditing(d)}
                    >
                      {t('common.edit')}
                    </Button>
                    <Button
                      size="small"
                      aria-label={`${t('common.delete')} ${labelOf(d)}`}
                      onClick={() => confirmDelete(d)}
                    >
                      {t('common.delete')}
                    </Button>
                  </Space>
                ),
            },
          ]}
        />
      )}
      <FieldDefinitionDrawer
        object={object}
        definition={editing === 'new' ? null : editing}
        open={!!editing}
        onClose={() => setEditing(null)}
      />
    </>
  )
}
