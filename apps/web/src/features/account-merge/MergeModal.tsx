import { useEffect, useMemo, useState } from 'react'
import { Alert, App, Modal, Radio, Select, Space, Table, Typography } from 'antd'
import { useQuery, useQueryClient } from '@tanstack/react-query'
import { useTranslation } from 'react-i18next'
import { useNavigate } from 'react-router'
import { ApiError, get, post, type Page } from '../../shared/api/client'
import { useTeams, useUsers } from '../../shared/api/lookups'
import { FieldValue } from '../records/display'
import { labelOf, pathOf, recordFields, valueOf, type Field } from '../records/meta'
import { useCollectionMeta } from '../records/useCollectionMeta'
import './account-merge.messages'

type Account = Record<string, any> & { id: string; name: string; version: number }

/** Fields a merge can take over: what a person edits on an account (not derived scores or stamps). */
const derived = new Set([
  'updatedAt',
  'createdAt',
  'segment',
  'potential',
  'health',
  'icpFit',
  'icpId',
  'tier',
])
const same = (a: unknown, b: unknown) => JSON.stringify(a ?? null) === JSON.stringify(b ?? null)
const isEmpty = (v: unknown) => v === null || v === undefined || v === '' || (Array.isArray(v) && !v.length)

type Props = {
  open: boolean
  onClose: () => void
  /** The account the merge starts from (it stays unless the person picks the other). */
  accountId: string
  /** The other account, when known (from the duplicate warning); otherwise the person searches for it. */
  otherId?: string
  onMerged?: (survivorId: string) => void
}

/**
 * Merge two accounts: pick which one stays and, field by field where they differ, which value to keep
 * (the one that stays by default, or the other's where the one that stays has none). Only people who may
 * change both can merge; the server says so otherwise.
 */
export function MergeModal({ open, onClose, accountId, otherId, onMerged }: Props) {
  const { t } = useTranslation()
  const { message } = App.useApp()
  const qc = useQueryClient()
  const navigate = useNavigate()
  const meta = useCollectionMeta('accounts')
  const users = useUsers()
  const teams = useTeams()
  const names = useMemo(
    () =>
      Object.fromEntries(
        [...(users.data?.data ?? []), ...(teams.data?.data ?? [])].map((x) => [x.id, x.name]),
      ),
    [users.data, teams.data],
  )
  const [other, setOther] = useState<string | undefined>(otherId)
  const [search, setSearch] = useState('')
  const [survivorId, setSurvivorId] = useState(accountId)
  const [choice, setChoice] = useState<Record<string, string>>({})
  const [busy, setBusy] = useState(false)
  const [error, setError] = useState<string | null>(null)
  useEffect(() => {
    if (!open) return
    setOther(otherId)
    setSurvivorId(accountId)
    setChoice({})
    setError(null)
  }, [open, accountId, otherId])

  const ids = [accountId, other].filter(Boolean) as string[]
  const records = useQuery({
    queryKey: ['accounts', 'merge', ...ids],
    enabled: open && ids.length === 2,
    queryFn: () => Promise.all(ids.map((id) => get<Account>(`/accounts/${id}`))),
  })
  const options = useQuery({
    queryKey: ['accounts', 'merge-search', search],
    enabled: open && !otherId,
    queryFn: () => get<Page<Account>>('/accounts', { q: search || undefined, limit: 20, sort: 'name' }),
  })
  const [a, b] = records.data ?? []
  const survivor = a && b ? (survivorId === a.id ? a : b) : undefined
  const merged = a && b ? (survivorId === a.id ? b : a) : undefined

  const rows = useMemo(() => {
    if (!meta || !survivor || !merged) return []
    return recordFields(meta)
      .filter((f: Field) => !f.readOnly && !derived.has(f.key) && !f.computed)
      .filter((f) => !same(valueOf(f, survivor), valueOf(f, merged)))
      .map((f) => ({ key: pathOf(f), field: f }))
  }, [meta, survivor, merged])
  /** Which account's value a field keeps: the person's pick, else the survivor's unless it is empty. */
  const keeps = (key: string, f: Field) =>
    choice[key] ??
    (isEmpty(valueOf(f, survivor!)) && !isEmpty(valueOf(f, merged!)) ? merged!.id : survivor!.id)

  const submit = async () => {
    if (!survivor || !merged) return
    setBusy(true)
    setError(null)
    try {
      await post(`/accounts/${survivor.id}/merge`, {
        mergedId: merged.id,
        version: survivor.version,
        mergedVersion: merged.version,
        fields: rows.filter((r) => keeps(r.key, r.field) === merged.id).map((r) => r.key),
      })
      message.success(t('accountMerge.merged', { merged: merged.name, survivor: survivor.name }))
      onClose()
      onMerged?.(survivor.id)
      await navigate(`/accounts/${survivor.id}`)
      // Refresh what shows accounts, except the merged account's own queries: it is in the trash now and
      // asking for it again would only meet 404s.
      void qc.invalidateQueries({
        predicate: (q) =>
          ['accounts', '360'].includes(String(q.queryKey[0])) &&
          !JSON.stringify(q.queryKey).includes(merged.id),
      })
    } catch (e) {
      setError(e instanceof ApiError ? e.message : String(e))
      if (e instanceof ApiError && e.status === 409) void records.refetch()
    } finally {
      setBusy(false)
    }
  }

  return (
    <Modal
      open={open}
      onCancel={onClose}
      title={t('accountMerge.mergeTitle')}
      okText={t('accountMerge.confirm')}
      okButtonProps={{ danger: true, disabled: !survivor || !merged, loading: busy }}
      onOk={() => void submit()}
      width={760}
      destroyOnHidden
    >
      <Typography.Paragraph type="secondary">{t('accountMerge.mergeIntro')}</Typography.Paragraph>
      {error && <Alert type="error" showIcon role="alert" title={error} style={{ marginBottom: 12 }} />}
      {!otherId && (
        <Space direction="vertical" style={{ width: '100%', marginBottom: 12 }}>
          <Typography.Text strong>{t('accountMerge.mergeWith')}</Typography.Text>
          <Select
            showSearch
            style={{ width: '100%' }}
            aria-label={t('accountMerge.mergeWith')}
            placeholder={t('accountMerge.mergeWithPlaceholder')}
            filterOption={false}
            onSearch={setSearch}
            value={other}
            onChange={(v: string) => {
              setOther(v)
              setChoice({})
            }}
            loading={options.isFetching}
            options={(options.data?.data ?? [])
              .filter((x) => x.id !== accountId)
              .map((x) => ({ value: x.id, label: x.name }))}
          />
        </Space>
      )}
      {a && b && (
        <>
          <Typography.Text strong>{t('accountMerge.survivor')}</Typography.Text>
          <Radio.Group
            style={{ display: 'flex', flexWrap: 'wrap', gap: 8, margin: '8px 0 12px' }}
            value={survivorId}
            onChange={(e) => {
              setSurvivorId(e.target.value as string)
              setChoice({})
            }}
            options={[a, b].map((x) => ({ value: x.id, label: x.name }))}
          />
          {rows.length === 0 ? (
            <Typography.Paragraph type="secondary">{t('accountMerge.noDifferences')}</Typography.Paragraph>
          ) : (
            <Table
              size="small"
              rowKey="key"
              pagination={false}
              scroll={{ x: 560, y: 360 }}
              dataSource={rows}
              columns={[
                { title: t('accountMerge.field'), width: 160, render: (_, r) => labelOf(r.field, t) },
                {
                  title: t('accountMerge.keep'),
                  render: (_, r) => (
                    <Radio.Group
                      value={keeps(r.key, r.field)}
                      onChange={(e) => setChoice({ ...choice, [r.key]: e.target.value as string })}
                      aria-label={labelOf(r.field, t)}
                    >
                      <Space direction="vertical" size={2}>
                        {[survivor!, merged!].map((x) => (
                          <Radio key={x.id} value={x.id}>
                            <Typography.Text type="secondary" style={{ marginInlineEnd: 6 }}>
                              {x.name}:
                            </Typography.Text>
                            {isEmpty(valueOf(r.field, x)) ? (
                              <Typography.Text type="secondary">{t('accountMerge.empty')}</Typography.Text>
                            ) : (
                              <FieldValue field={r.field} record={x} names={names} />
                            )}
                          </Radio>
                        ))}
                      </Space>
                    </Radio.Group>
                  ),
                },
              ]}
            />
          )}
        </>
      )}
    </Modal>
  )
}
