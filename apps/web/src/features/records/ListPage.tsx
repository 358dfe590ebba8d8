import { useEffect, useMemo, useState } from 'react'
import { rememberListOrder, useShortcut } from '../../shared/ui/shortcuts'
import { App, Button, Checkbox, Dropdown, Select, Space, Table, Typography } from 'antd'
import { DownOutlined, PlusOutlined, SettingOutlined, UploadOutlined } from '@ant-design/icons'
import { useQuery, useQueryClient } from '@tanstack/react-query'
import { Link, useNavigate } from 'react-router'
import { useTranslation } from 'react-i18next'
import { importObjects, type BulkUpdateResult } from '@openkam/contract'
import { del, get, post, toSearch, type Page } from '../../shared/api/client'
import { useNames, useNamesOf, useTeams, useUsers } from '../../shared/api/lookups'
import { EmptyState, ErrorState } from '../../shared/ui/states'
import { can, useAuth } from '../../app/auth'
import { FieldValue } from './display'
import { ListFilters } from './ListFilters'
import { collections, fieldOf, labelOf, pathOf, valueOf } from './meta'
import { apiPathOf, recordPathOf } from './paths'
import { useCollectionMeta } from './useCollectionMeta'
import { ImportModal } from './ImportModal'
import { RecordForm } from './RecordForm'
import { useListState } from './useListState'
import { ListViews } from './ListViews'
import { BulkEdit } from './BulkEdit'
import { showUndo } from '../../shared/ui/undo'
import { LeadScoreTag } from '../leads'

type Rec = Record<string, any> & { id: string; version: number }

/**
 * The list of any collection (a built-in one or a custom object): server-side filters, sort and cursor
 * pages, columns, views, bulk actions, export.
 */
export default function ListPage({ collection }: { collection: string }) {
  const meta = useCollectionMeta(collection)
  const { t, i18n } = useTranslation()
  const { me } = useAuth()
  const { message, modal } = App.useApp()
  const qc = useQueryClient()
  const navigate = useNavigate()
  const state = useListState(meta ?? collections.accounts!)
  const [selected, setSelected] = useState<Rec[]>([])
  const [creating, setCreating] = useState(false)
  const [importing, setImporting] = useState(false)
  // The built-in objects the importer takes, and every custom object (its description came from the server).
  const importable =
    (importObjects as readonly string[]).includes(collection) || (!!meta && !collections[collection])
  const [assignTo, setAssignTo] = useState<string | null>(null)
  const api = apiPathOf(collection)

  const query = {
    ...state.filters,
    q: state.q || undefined,
    sort: state.sort,
    cursor: state.cursor,
    limit: 50,
  }
  const list = useQuery({
    queryKey: [collection, 'list', query],
    queryFn: () => get<Page<Rec>>(api, query),
    enabled: !!meta,
    placeholderData: (prev) => prev,
  })
  const rows = list.data?.data ?? []
  // The order of the records shown, for J / K on a record page; N makes a record, / finds one.
  useEffect(() => {
    if (list.data)
      rememberListOrder(
        collection,
        list.data.data.map((r) => r.id as string),
      )
  }, [collection, list.data])
  useShortcut('n', () => setCreating(true), can(me, collection, 'create'))
  useShortcut('/', () => document.querySelector<HTMLInputElement>('[data-list-search]')?.focus())
  const refIds = (type: string) =>
    meta ? rows.flatMap((r) => meta.fields.filter((f) => f.type === type).map((f) => r[f.key] as string)) : []
  const users = useUsers()
  const teams = useTeams()
  const accountNames = useNames('accounts', refIds('account'))
  const contactNames = useNames('contacts', refIds('contact'))
  // Relation fields (custom): the names of the records they point at, one request per object.
  const relationIds: Record<string, string[]> = {}
  for (const f of meta?.fields ?? [])
    if (f.type === 'relation')
      (relationIds[f.relation.object] ??= []).push(...rows.flatMap((r) => [valueOf(f, r)].flat()))
  const relationNames = useNamesOf(relationIds)
  const names = useMemo(
    () => ({
      ...Object.fromEntries((users.data?.data ?? []).map((u) => [u.id, u.name])),
      ...Object.fromEntries((teams.data?.data ?? []).map((x) => [x.id, x.name])),
      ...accountNames.data,
      ...contactNames.data,
      ...relationNames,
    }),
    [users.data, teams.data, accountNames.data, contactNames.data, relationNames],
  )

  if (!meta) return <ErrorState error={new Error(`Unknown list: ${collection}`)} />
  const title = t(`nav.${meta.title}`)
  const sortKey = state.sort.replace(/^-/, '')
  const sortField = fieldOf(meta, sortKey)
  const columns = state.columns
    .map((key) => fieldOf(meta, key))
    .filter((f) => !!f)
    .map((f) => ({
      key: pathOf(f!),
      dataIndex: f!.key,
      title: labelOf(f!, t),
      sorter: meta.sorts.includes(pathOf(f!)),
      sortOrder:
        sortKey === pathOf(f!)
          ? state.sort.startsWith('-')
            ? ('descend' as const)
            : ('ascend' as const)
          : null,
      render: (_: unknown, r: Rec) =>
        f!.key === meta.titleField ? (
          <Link to={recordPathOf(collection, r.id)}>{r[f!.key]}</Link>
        ) : collection === 'leads' && f!.key === 'score' ? (
          <LeadScoreTag score={r.score} breakdown={r.scoreBreakdown} />
        ) : (
          <FieldValue field={f!} record={r} names={names} />
        ),
    }))

  const runBulk = async (label: string, work: (r: Rec) => Promise<unknown>) => {
    const results = await Promise.allSettled(selected.map(work))
    const failed = results.filter((r) => r.status === 'rejected').length
    if (failed) message.error(`${label}: ${failed}/${results.length} ${t('common.errorTitle')}`)
    await qc.invalidateQueries({ queryKey: [collection] })
    setSelected([])
  }
  /** The owner of every selected record in one change (all or nothing), with Undo. */
  const assignOwner = async () => {
    try {
      const res = await post<BulkUpdateResult>(`${api}/bulk-update`, {
        ids: selected.map((r) => r.id),
        set: { ownerId: assignTo },
      })
      setSelected([])
      await qc.invalidateQueries({ queryKey: [collection] })
      showUndo(
        message,
        t('lists.bulk.done', { count: res.updated, field: t('fields.ownerId') }),
        t('common.undo'),
        async () => {
          await post(`${api}/bulk-update`, res.undo).catch((e: Error) =>
            message.error(t('lists.bulk.failed', { reason: e.message })),
          )
          await qc.invalidateQueries({ queryKey: [collection] })
        },
      )
    } catch (e) {
      message.error(t('lists.bulk.failed', { reason: (e as Error).message }))
    }
  }
  const bulkDelete = () =>
    modal.confirm({
      title: t('common.deleteConfirm', { count: selected.length }),
      okButtonProps: { danger: true },
      okText: t('common.delete'),
      onOk: async () => {
        const gone = [...selected]
        await runBulk(t('common.delete'), (r) => del(`${api}/${r.id}`))
        showUndo(message, t('common.deleted', { count: gone.length }), t('common.undo'), async () => {
          await Promise.allSettled(gone.map((r) => post(`${api}/${r.id}/restore`)))
          await qc.invalidateQueries({ queryKey: [collection] })
        })
      },
    })
  /** The list as shown: its columns in order, its filters, sort and search, in the person's language. */
  const exportUrl = (format: 'csv' | 'xlsx', ids: boolean) =>
    `/api/v1${api}/export${toSearch({
      ...state.filters,
      q: state.q || undefined,
      sort: state.sort,
      format,
      columns: state.columns.filter((c) => fieldOf(meta, c)).join(','),
      lang: i18n.language === 'zh-CN' ? 'zh-CN' : 'en',
      tz: Intl.DateTimeFormat().resolvedOptions().timeZone,
      ...(ids ? { ids: 'true' } : {}),
    })}`
  const download = (format: 'csv' | 'xlsx', ids: boolean) => {
    const a = document.createElement('a')
    a.href = exportUrl(format, ids)
    a.download = ''
    document.body.appendChild(a)
    a.click()
    a.remove()
  }

  return (
    <>
      <div className="page-header">
        <Typography.Title level={1}>{title}</Typography.Title>
        <Space wrap>
          <ListViews collection={collection} state={state} />
          <Dropdown
            trigger={['click']}
            popupRender={() => (
              <div className="ant-dropdown-menu" style={{ padding: 8, maxHeight: 360, overflow: 'auto' }}>
                {meta.fields.map((f) => (
                  <div key={pathOf(f)}>
                    <Checkbox
                      checked={state.columns.includes(pathOf(f))}
                      onChange={(e) =>
                        state.update(
                          {
                            cols: (e.target.checked
                              ? [...state.columns, pathOf(f)]
                              : state.columns.filter((c) => c !== pathOf(f))
                            ).join(','),
                          },
                          false,
                        )
                      }
                    >
                      {labelOf(f, t)}
                    </Checkbox>
                  </div>
                ))}
              </div>
            )}
          >
            <Button icon={<SettingOutlined />}>{t('common.columns')}</Button>
          </Dropdown>
          <Dropdown
            trigger={['click']}
            menu={{
              items: [
                {
                  type: 'group',
                  key: 'shown',
                  label: t('lists.export.asShown'),
                  children: [
                    { key: 'csv', label: t('lists.export.csv') },
                    { key: 'xlsx', label: t('lists.export.xlsx') },
                  ],
                },
                {
                  type: 'group',
                  key: 'ids',
                  label: t('lists.export.withIds'),
                  children: [
                    { key: 'csv:ids', label: t('lists.export.csvIds') },
                    { key: 'xlsx:ids', label: t('lists.export.xlsxIds') },
                  ],
                },
              ],
              onClick: (e) => {
                const [format, ids] = e.key.split(':') as ['csv' | 'xlsx', string | undefined]
                download(format, !!ids)
              },
            }}
          >
            <Button>
              {t('common.export')} <DownOutlined />
            </Button>
          </Dropdown>
          {importable && can(me, collection, 'create') && (
            <Button icon={<UploadOutlined />} onClick={() => setImporting(true)}>
              {t('imports.button')}
            </Button>
          )}
          {can(me, collection, 'create') && (
            <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)}>
              {t('common.new')}
            </Button>
          )}
        </Space>
      </div>
      <ListFilters meta={meta} q={state.q} filters={state.filters} onChange={(c) => state.update(c)} />
      {/* Sorted by a field no column shows (the person hid it): said above the table instead. */}
      {sortField && !state.columns.includes(sortKey) && (
        <Typography.Paragraph type="secondary" style={{ marginBottom: 8 }}>
          {t(state.sort.startsWith('-') ? 'lists.sortedByDesc' : 'lists.sortedByAsc', {
            field: labelOf(sortField, t),
          })}
        </Typography.Paragraph>
      )}
      {selected.length > 0 && (
        <div className="toolbar" role="region" aria-label={t('common.actions')}>
          <Typography.Text strong>{t('common.selected', { count: selected.length })}</Typography.Text>
          {meta.fields.some((f) => f.key === 'ownerId') && can(me, collection, 'update') && (
            <Space.Compact>
              <Select
                placeholder={t('common.assignOwner')}
                aria-label={t('common.assignOwner')}
                style={{ width: 180 }}
                value={assignTo ?? undefined}
                onChange={setAssignTo}
                showSearch={{ optionFilterProp: 'label' }}
                options={(users.data?.data ?? [])
                  .filter((u) => u.active)
                  .map((u) => ({ value: u.id, label: u.name }))}
              />
              <Button disabled={!assignTo} onClick={() => void assignOwner()}>
                {t('common.assignOwner')}
              </Button>
            </Space.Compact>
          )}
          {can(me, collection, 'update') && (
            <BulkEdit
              collection={collection}
              meta={meta}
              api={api}
              ids={selected.map((r) => r.id)}
              onDone={() => setSelected([])}
            />
          )}
          {can(me, collection, 'delete') && (
            <Button danger onClick={bulkDelete}>
              {t('common.delete')}
            </Button>
          )}
        </div>
      )}
      {list.isError ? (
        <ErrorState error={list.error} onRetry={() => void list.refetch()} />
      ) : (
        <Table<Rec>
          rowKey="id"
          size="middle"
          loading={list.isFetching}
          dataSource={rows}
          columns={columns}
          scroll={{ x: 'max-content' }}
          pagination={false}
          rowSelection={{
            selectedRowKeys: selected.map((r) => r.id),
            onChange: (_k, recs) => setSelected(recs),
          }}
          onChange={(_p, _f, sorter) => {
            const s = Array.isArray(sorter) ? sorter[0] : sorter
            if (!s?.order) state.update({ sort: meta.defaultSort })
            else state.update({ sort: `${s.order === 'descend' ? '-' : ''}${String(s.columnKey)}` })
          }}
          locale={{
            emptyText: list.isLoading ? (
              ' '
            ) : (
              <EmptyState
                action={
                  can(me, collection, 'create')
                    ? { label: t('common.emptyAction'), onClick: () => setCreating(true) }
                    : undefined
                }
              />
            ),
          }}
          onRow={(r) => ({ onDoubleClick: () => navigate(recordPathOf(collection, r.id)) })}
        />
      )}
      <Space style={{ marginTop: 12 }}>
        <Button
          disabled={state.after.length === 0}
          onClick={() => state.update({ after: state.after.slice(0, -1).join('.') || null }, false)}
        >
          {t('common.previous')}
        </Button>
        <Button
          disabled={!list.data?.nextCursor}
          onClick={() => state.update({ after: [...state.after, list.data!.nextCursor!].join('.') }, false)}
        >
          {t('common.next')}
        </Button>
      </Space>
      {importable && (
        <ImportModal collection={collection} open={importing} onClose={() => setImporting(false)} />
      )}
      <RecordForm
        collection={collection}
        open={creating}
        onClose={() => setCreating(false)}
        onSaved={(r) => navigate(recordPathOf(collection, r.id))}
      />
    </>
  )
}
