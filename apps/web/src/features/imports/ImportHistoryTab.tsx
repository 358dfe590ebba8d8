import { useState } from 'react'
import { Button, Empty, Select, Space, Table, Tag, Typography } from 'antd'
import { useSearchParams } from 'react-router'
import { useTranslation } from 'react-i18next'
import dayjs from 'dayjs'
import { useAuth } from '../../app/auth'
import { isAdmin } from '../settings/common'
import { ImportMappingsPanel } from './ImportMappingsPanel'
import { UndoImportModal } from './UndoImportModal'
import { useImports, type Import } from './imports.queries'

const objects = ['accounts', 'contacts', 'activities', 'leads']

/**
 * Settings → Import history: every import (web, API, command line), newest first, with its counts and
 * an Undo for the person who ran it and administrators; below, the saved column mappings.
 * `?object=accounts` (the import dialog's link) shows one object's imports.
 */
export function ImportHistoryTab() {
  const { t } = useTranslation()
  const { me } = useAuth()
  const [params, setParams] = useSearchParams()
  const object = params.get('object') ?? ''
  const list = useImports(object)
  const [undoing, setUndoing] = useState<Import | null>(null)
  const rows = list.data?.pages.flatMap((p) => p.data) ?? []
  const mayUndo = (r: Import) =>
    !r.dryRun && ['done', 'failed'].includes(r.status) && (isAdmin(me) || r.createdBy === me?.id)
  const state = (r: Import) => {
    if (r.undoState)
      return (
        <Tag color={r.undoState === 'undone' ? 'default' : 'processing'}>
          {t(`importHistory.states.${r.undoState}`)}
        </Tag>
      )
    if (r.dryRun && r.status === 'done') return <Tag>{t('importHistory.states.dryRun')}</Tag>
    const color = r.status === 'done' ? 'success' : r.status === 'failed' ? 'error' : 'processing'
    return <Tag color={color}>{t(`importHistory.states.${r.status}`)}</Tag>
  }
  const what = (o: string) => t(`nav.${o}`, { defaultValue: o })
  return (
    <Space direction="vertical" size="large" style={{ width: '100%' }}>
      <div>
        <Typography.Title level={4}>{t('importHistory.title')}</Typography.Title>
        <Typography.Paragraph type="secondary">{t('importHistory.help')}</Typography.Paragraph>
        <Select
          aria-label={t('importHistory.object')}
          value={object}
          style={{ minWidth: 180, marginBottom: 12 }}
          onChange={(v: string) => setParams(v ? { object: v } : {}, { replace: true })}
          options={[
            { value: '', label: t('importHistory.allObjects') },
            ...objects.map((o) => ({ value: o, label: what(o) })),
          ]}
        />
        <Table
          size="small"
          rowKey="id"
          data-testid="import-history"
          loading={list.isLoading}
          dataSource={rows}
          pagination={false}
          scroll={{ x: 900 }}
          locale={{ emptyText: <Empty description={t('importHistory.empty')} /> }}
          columns={[
            {
              title: t('importHistory.when'),
              dataIndex: 'createdAt',
              width: 140,
              render: (v: string) => dayjs(v).format('YYYY-MM-DD HH:mm'),
            },
            {
              title: t('importHistory.who'),
              dataIndex: 'createdByName',
              width: 110,
              render: (v) => v ?? '—',
            },
            { title: t('importHistory.object'), dataIndex: 'object', width: 100, render: what },
            {
              title: t('importHistory.file'),
              dataIndex: 'fileName',
              ellipsis: true,
              render: (v: string, r) => (
                <Space size={4} wrap>
                  <Typography.Text>{v}</Typography.Text>
                  <Tag bordered={false}>{t(`importHistory.channels.${r.channel}`)}</Tag>
                </Space>
              ),
            },
            {
              title: t('importHistory.source'),
              dataIndex: 'sourceName',
              width: 150,
              render: (v) => v ?? '—',
            },
            {
              title: t('importHistory.counts'),
              key: 'counts',
              width: 190,
              render: (_, r) => (
                <Typography.Text>
                  {r.created} / {r.updated} / {r.skippedDuplicates} / {r.failed}
                </Typography.Text>
              ),
            },
            { title: t('importHistory.state'), key: 'state', width: 100, render: (_, r) => state(r) },
            {
              key: 'undo',
              width: 90,
              render: (_, r) =>
                r.undoState ? (
                  <Button size="small" type="link" onClick={() => setUndoing(r)}>
                    {t('importHistory.details')}
                  </Button>
                ) : mayUndo(r) && r.created + r.updated > 0 ? (
                  <Button size="small" danger onClick={() => setUndoing(r)}>
                    {t('importHistory.undo')}
                  </Button>
                ) : null,
            },
          ]}
        />
        {list.hasNextPage && (
          <Button
            style={{ marginTop: 8 }}
            loading={list.isFetchingNextPage}
            onClick={() => void list.fetchNextPage()}
          >
            {t('importHistory.loadMore')}
          </Button>
        )}
      </div>
      <ImportMappingsPanel />
      {undoing && <UndoImportModal rec={undoing} onClose={() => setUndoing(null)} />}
    </Space>
  )
}
