import { DatePicker, Input, InputNumber, Select, Space, Switch } from 'antd'
import dayjs from 'dayjs'
import { useQuery } from '@tanstack/react-query'
import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import { get, type Page } from '../../shared/api/client'
import { useTeams, useUsers } from '../../shared/api/lookups'
import type { Field, FieldOptionView } from './meta'
import { apiPathOf } from './paths'

type Props = {
  field: Field
  value?: any
  onChange?: (v: any) => void
  id?: string
  accountId?: string
  /** The record edited, left out of its own contact pickers. */
  recordId?: string
}

type Named = { id: string; name?: string; title?: string; subject?: string; number?: string }
/** What names a record of any collection: its name, title, subject or number. */
const nameOf = (r: Named) => r.name ?? r.title ?? r.subject ?? r.number ?? '…'

/** A select that searches a collection by name as you type. */
function RemoteSelect({
  collection,
  value,
  onChange,
  id,
  filter,
  multiple,
  recordId,
}: Props & { collection: string; filter?: Record<string, string>; multiple?: boolean }) {
  const [q, setQ] = useState('')
  const res = useQuery({
    queryKey: [collection, 'pick', q, filter],
    queryFn: () =>
      get<Page<Named>>(apiPathOf(collection), {
        q,
        limit: 20,
        ...filter,
      }),
  })
  const chosen: string[] = multiple ? (value ?? []) : value ? [value] : []
  const missing = chosen.filter((v) => !res.data?.data.some((r) => r.id === v))
  const current = useQuery({
    queryKey: [collection, 'pick-current', missing],
    enabled: missing.length > 0,
    queryFn: async () =>
      multiple
        ? (
            await get<Page<Named>>(apiPathOf(collection), {
              id: missing.join(','),
              limit: 100,
            })
          ).data
        : [await get<Named>(`${apiPathOf(collection)}/${missing[0]}`)],
  })
  const options = [...(res.data?.data ?? []), ...(current.data ?? [])]
    .filter((r) => r.id !== recordId)
    .map((r) => ({ value: r.id, label: nameOf(r) }))
  return (
    <Select
      id={id}
      mode={multiple ? 'multiple' : undefined}
      showSearch={{ filterOption: false, onSearch: setQ }}
      allowClear
      value={multiple ? chosen : (value ?? undefined)}
      onChange={(v) => onChange?.(multiple ? (v ?? []) : (v ?? null))}
      options={options}
      // Until its name has loaded, a chosen record shows "…", never its id.
      labelRender={(o) => (o.label === undefined || o.label === o.value ? '…' : o.label)}
      loading={res.isFetching}
      style={{ width: '100%' }}
    />
  )
}

/** The options a select offers: the live ones, and a retired one only where the record has it already. */
const offered = (options: FieldOptionView[], current: unknown[]) =>
  options
    .filter((o) => !o.retired || current.includes(o.value))
    .map((o) => ({ value: o.value, label: o.label }))

/** The input for one field of the metadata, producing the value the API expects. */
export function FieldInput(props: Props) {
  const { field, value, onChange, id } = props
  const { t } = useTranslation()
  const users = useUsers()
  const teams = useTeams()
  switch (field.type) {
    case 'textarea':
      return (
        <Input.TextArea id={id} rows={4} value={value ?? ''} onChange={(e) => onChange?.(e.target.value)} />
      )
    case 'number':
      return (
        <InputNumber
          id={id}
          min={field.min}
          max={field.max}
          value={value}
          onChange={(v) => onChange?.(v ?? null)}
          style={{ width: '100%' }}
        />
      )
    case 'decimal':
      return (
        <InputNumber
          id={id}
          stringMode
          min="0"
          value={value}
          onChange={(v) => onChange?.(v === null || v === undefined ? null : String(v))}
          style={{ width: '100%' }}
        />
      )
    case 'money':
      return (
        <Space.Compact style={{ width: '100%' }}>
          <InputNumber
            id={id}
            stringMode
            // Never negative unless the field says otherwise (its min, from GET /objects).
            min={String(field.min ?? 0)}
            max={field.max === undefined ? undefined : String(field.max)}
            value={value?.amount}
            onChange={(v) =>
              onChange?.(
                v === null || v === undefined || v === ''
                  ? null
                  : { amount: String(v), currency: value?.currency ?? 'CNY' },
              )
            }
            style={{ width: '100%' }}
          />
          <Space.Addon>{value?.currency ?? 'CNY'}</Space.Addon>
        </Space.Compact>
      )
    case 'date':
      return (
        <DatePicker
          id={id}
          value={value ? dayjs(value) : null}
          onChange={(d) => onChange?.(d ? d.format('YYYY-MM-DD') : null)}
          style={{ width: '100%' }}
        />
      )
    case 'datetime':
      return (
        <DatePicker
          id={id}
          showTime
          value={value ? dayjs(value) : null}
          onChange={(d) => onChange?.(d ? d.toISOString() : null)}
          style={{ width: '100%' }}
        />
      )
    case 'bool':
      return <Switch id={id} checked={!!value} onChange={(v) => onChange?.(v)} />
    case 'enum':
      if (field.options)
        return (
          <Select
            id={id}
            allowClear={!field.required}
            value={value ?? undefined}
            onChange={(v) => onChange?.(v ?? null)}
            options={offered(field.options, [value])}
          />
        )
      return (
        <Select
          id={id}
          allowClear={!field.required}
          value={value ?? undefined}
          onChange={(v) => onChange?.(v ?? null)}
          options={field.values.map((v) => ({ value: v, label: t(`enums.${field.enum}.${v}`) }))}
        />
      )
    case 'multi_select':
      return (
        <Select
          id={id}
          mode="multiple"
          allowClear
          value={value ?? []}
          onChange={(v) => onChange?.(v ?? [])}
          options={offered(field.options ?? [], value ?? [])}
        />
      )
    case 'percent':
      return (
        <InputNumber
          id={id}
          min={field.min ?? 0}
          max={field.max ?? 100}
          value={value}
          onChange={(v) => onChange?.(v ?? null)}
          suffix="%"
          style={{ width: '100%' }}
        />
      )
    case 'relation':
      return <RemoteSelect {...props} collection={field.relation.object} multiple={!!field.relation.many} />
    case 'tags':
      return <Select id={id} mode="tags" value={value ?? []} onChange={(v) => onChange?.(v)} />
    case 'user':
      return (
        <Select
          id={id}
          allowClear
          showSearch={{ optionFilterProp: 'label' }}
          value={value ?? undefined}
          onChange={(v) => onChange?.(v ?? null)}
          loading={users.isLoading}
          options={(users.data?.data ?? [])
            .filter((u) => u.active)
            .map((u) => ({ value: u.id, label: u.name }))}
        />
      )
    case 'team':
      return (
        <Select
          id={id}
          allowClear
          value={value ?? undefined}
          onChange={(v) => onChange?.(v ?? null)}
          options={(teams.data?.data ?? []).map((x) => ({ value: x.id, label: x.name }))}
        />
      )
    case 'account':
      return <RemoteSelect {...props} collection="accounts" />
    case 'contact':
      return (
        <RemoteSelect
          {...props}
          collection="contacts"
          filter={props.accountId ? { accountId: props.accountId } : undefined}
        />
      )
    case 'contacts':
      return (
        <RemoteSelect
          {...props}
          multiple
          collection="contacts"
          filter={props.accountId ? { accountId: props.accountId } : undefined}
        />
      )
    case 'opportunity':
      return (
        <RemoteSelect
          {...props}
          collection="opportunities"
          filter={props.accountId ? { accountId: props.accountId } : undefined}
        />
      )
    default:
      return (
        <Input
          id={id}
          type={field.type === 'email' ? 'email' : field.type === 'url' ? 'url' : 'text'}
          value={value ?? ''}
          onChange={(e) => onChange?.(e.target.value)}
        />
      )
  }
}
