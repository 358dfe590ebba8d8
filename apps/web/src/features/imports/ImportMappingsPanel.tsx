import { useState } from 'react'
import { App, Button, Empty, Input, Modal, Popconfirm, Space, Table, Typography } from 'antd'
import { useQueryClient } from '@tanstack/react-query'
import { useTranslation } from 'react-i18next'
import dayjs from 'dayjs'
import { del, patch } from '../../shared/api/client'
import { errorText, useImportMappings, type ImportMappingSource } from './imports.queries'

/** The saved column mappings of the workspace: listed, renamed and deleted. */
export function ImportMappingsPanel() {
  const { t } = useTranslation()
  const { message } = App.useApp()
  const qc = useQueryClient()
  const list = useImportMappings()
  /** A field's name in the UI language (import-only fields such as the owner's e-mail have their own). */
  const fieldLabel = (key: string) =>
    t(`imports.fields.${key}`, { defaultValue: t(`fields.${key.split('.')[0]}`, { defaultValue: key }) })
  const [renaming, setRenaming] = useState<ImportMappingSource | null>(null)
  const [name, setName] = useState('')
  const [error, setError] = useState<string | null>(null)
  const refresh = () => qc.invalidateQueries({ queryKey: ['import-mappings'] })
  const rename = async () => {
    if (!renaming) return
    try {
      await patch(`/import-mappings/${renaming.id}`, { name, version: renaming.version })
      void message.success(t('importHistory.renamed'))
      setRenaming(null)
      void refresh()
    } catch (e) {
      setError(errorText(e))
    }
  }
  const remove = async (m: ImportMappingSource) => {
    try {
      await del(`/import-mappings/${m.id}`)
      void message.success(t('importHistory.deleted'))
      void refresh()
    } catch (e) {
      void message.error(errorText(e))
    }
  }
  return (
    <div>
      <Typography.Title level={4}>{t('importHistory.mappings')}</Typography.Title>
      <Typography.Paragraph type="secondary">{t('importHistory.mappingsHelp')}</Typography.Paragraph>
      <Table
        size="small"
        rowKey="id"
        data-testid="import-mappings"
        loading={list.isLoading}
        dataSource={list.data?.data ?? []}
        pagination={{ pageSize: 20, hideOnSinglePage: true }}
        scroll={{ x: 640 }}
        locale={{ emptyText: <Empty description={t('importHistory.mappingsEmpty')} /> }}
        columns={[
          { title: t('importHistory.mappingName'), dataIndex: 'name' },
          {
            title: t('importHistory.object'),
            dataIndex: 'object',
            width: 110,
            render: (o: string) => t(`nav.${o}`, { defaultValue: o }),
          },
          {
            title: t('importHistory.mappingColumns'),
            key: 'columns',
            ellipsis: true,
            render: (_, m) => (
              <Typography.Text type="secondary">
                {Object.entries(m.mapping)
                  .map(([h, f]) => `${h} → ${f ? fieldLabel(f) : t('importHistory.ignore')}`)
                  .join(', ')}
              </Typography.Text>
            ),
          },
          {
            title: t('importHistory.updatedAt'),
            dataIndex: 'updatedAt',
            width: 140,
            render: (v: string) => dayjs(v).format('YYYY-MM-DD HH:mm'),
          },
          {
            key: 'actions',
            width: 150,
            render: (_, m) => (
              <Space size={4}>
                <Button
                  size="small"
                  onClick={() => {
                    setRenaming(m)
                    setName(m.name)
                    setError(null)
                  }}
                >
                  {t('importHistory.rename')}
                </Button>
                <Popconfirm
                  title={t('importHistory.deleteConfirm', { name: m.name })}
                  onConfirm={() => remove(m)}
                >
                  <Button size="small" danger>
                    {t('importHistory.delete')}
                  </Button>
                </Popconfirm>
              </Space>
            ),
          },
        ]}
      />
      <Modal
        open={!!renaming}
        title={t('importHistory.rename')}
        okText={t('importHistory.save')}
        onOk={() => void rename()}
        onCancel={() => setRenaming(null)}
      >
        <Input
          aria-label={t('importHistory.mappingName')}
          value={name}
          maxLength={100}
          onChange={(e) => setName(e.target.value)}
          onPressEnter={() => void rename()}
        />
        {error && (
          <Typography.Text type="danger" style={{ display: 'block', marginTop: 8 }}>
            {error}
          </Typography.Text>
        )}
      </Modal>
    </div>
  )
}
