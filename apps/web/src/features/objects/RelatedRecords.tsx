import { Button, Table } from 'antd'
import { PlusOutlined } from '@ant-design/icons'
import { Link } from 'react-router'
import { useTranslation } from 'react-i18next'
import { useNamesOf } from '../../shared/api/lookups'
import { EmptyState, LoadingState } from '../../shared/ui/states'
import { can, useAuth } from '../../app/auth'
import { FieldValue } from '../records/display'
import { fieldOf, labelOf, valueOf } from '../records/meta'
import { listPathOf, recordPathOf } from '../records/paths'
import { useCollectionMeta } from '../records/useCollectionMeta'

/** One entry of `related` in `GET /accounts/:id/360`: records of a custom object pointing at the account. */
export type RelatedEntry = {
  object: string
  label: string
  pluralLabel: string
  field: string
  records: Record<string, any>[]
}

/**
 * The records of a custom object related to an account, on its 360° page: name (linking to the record)
 * and the object's list columns but the account itself; a button to add one for this account.
 */
export function RelatedRecords({
  accountId,
  entry,
  name,
  names,
  onNew,
}: {
  accountId: string
  entry: RelatedEntry
  /** The object's names in the app's language. */
  name: { one: string; many: string }
  names: Record<string, string>
  onNew: () => void
}) {
  const { t } = useTranslation()
  const { me } = useAuth()
  const meta = useCollectionMeta(entry.object)
  const relationIds: Record<string, string[]> = {}
  for (const f of meta?.fields ?? [])
    if (f.type === 'relation' && f.key !== entry.field)
      (relationIds[f.relation.object] ??= []).push(...entry.records.flatMap((r) => [valueOf(f, r)].flat()))
  const looked = useNamesOf(relationIds)
  if (!meta) return <LoadingState rows={3} />
  const all = { ...names, ...looked }
  const columns = meta.columns.filter((c) => c !== `custom.${entry.field}`)
  return (
    <>
      <div className="toolbar" style={{ justifyContent: 'space-between' }}>
        <Link to={`${listPathOf(entry.object)}?custom.${entry.field}=${accountId}`}>
          {t('objects.related.viewAll')}
        </Link>
        {can(me, entry.object, 'create') && (
          <Button icon={<PlusOutlined />} onClick={onNew}>
            {t('objects.related.newRecord', { name: name.one })}
          </Button>
        )}
      </div>
      {entry.records.length === 0 ? (
        <EmptyState description={t('objects.related.empty', { name: name.many })} />
      ) : (
        <Table
          size="small"
          rowKey="id"
          pagination={entry.records.length > 10 ? { pageSize: 10 } : false}
          dataSource={entry.records}
          scroll={{ x: 'max-content' }}
          columns={columns.map((key) => {
            const f = fieldOf(meta, key)!
            return {
              key,
              title: labelOf(f, t),
              render: (_: unknown, r: Record<string, any>) =>
                f.key === meta.titleField ? (
                  <Link to={recordPathOf(entry.object, r.id)}>{r[f.key]}</Link>
                ) : (
                  <FieldValue field={f} record={r} names={all} />
                ),
            }
          })}
        />
      )}
    </>
  )
}
