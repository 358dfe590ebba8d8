import { useState } from 'react'
import { Button, DatePicker, Input, InputNumber, Select, Space, Typography } from 'antd'
import { CloseOutlined } from '@ant-design/icons'
import dayjs from 'dayjs'
import { useTranslation } from 'react-i18next'
import { useUsers } from '../../shared/api/lookups'
import { FieldInput } from './FieldInput'
import { fieldOf, labelOf, type CollectionMeta, type Field } from './meta'

type Props = {
  meta: CollectionMeta
  q: string
  filters: Record<string, string>
  onChange: (changes: Record<string, string | null>) => void
  /** Show the search box (default); off where only filters apply, e.g. a cohort's definition. */
  search?: boolean
}

/** Search box and one control per filterable field; values go to the URL as API filter parameters. */
export function ListFilters({ meta, q, filters, onChange, search = true }: Props) {
  const { t } = useTranslation()
  const users = useUsers()
  return (
    <div className="toolbar" role="search">
      {search && (
        <Input.Search
          allowClear
          defaultValue={q}
          placeholder={t('common.search')}
          aria-label={t('common.search')}
          data-list-search
          onSearch={(v) => onChange({ q: v })}
          style={{ width: 220 }}
        />
      )}
      {meta.filters.map((key) => {
        const field = fieldOf(meta, key)
        if (!field) return null
        const label = labelOf(field, t)
        switch (field.type) {
          case 'multi_select':
          case 'enum':
            return (
              <Select
                key={key}
                mode="multiple"
                allowClear
                maxTagCount={1}
                placeholder={label}
                aria-label={label}
                style={{ minWidth: 150 }}
                value={filters[key]?.split(',') ?? []}
                onChange={(v: string[]) => onChange({ [key]: v.join(',') })}
                options={
                  field.options
                    ? field.options.map((o) => ({ value: o.value, label: o.label }))
                    : field.type === 'enum'
                      ? field.values.map((v) => ({ value: v, label: t(`enums.${field.enum}.${v}`) }))
                      : []
                }
              />
            )
          case 'user':
            return (
              <Select
                key={key}
                allowClear
                showSearch={{ optionFilterProp: 'label' }}
                placeholder={label}
                aria-label={label}
                style={{ minWidth: 150 }}
                value={filters[key] ?? undefined}
                onChange={(v) => onChange({ [key]: v ?? null })}
                // A person's name, never their id, even before the people have loaded.
                labelRender={(o) => (o.label === undefined || o.label === o.value ? '…' : o.label)}
                options={[
                  ...(field.custom ? [] : [{ value: 'me', label: t('common.me') }]),
                  ...(users.data?.data ?? []).map((u) => ({ value: u.id, label: u.name })),
                ]}
              />
            )
          case 'date':
          case 'datetime': {
            const from = filters[`${key}[gte]`]
            const to = filters[`${key}[lte]`]
            return (
              <DatePicker.RangePicker
                key={key}
                aria-label={label}
                placeholder={[`${label} ${t('common.from')}`, t('common.to')]}
                value={[from ? dayjs(from) : null, to ? dayjs(to) : null]}
                onChange={(r) =>
                  onChange({
                    [`${key}[gte]`]: r?.[0]
                      ? field.type === 'date'
                        ? r[0].format('YYYY-MM-DD')
                        : r[0].startOf('day').toISOString()
                      : null,
                    [`${key}[lte]`]: r?.[1]
                      ? field.type === 'date'
                        ? r[1].format('YYYY-MM-DD')
                        : r[1].endOf('day').toISOString()
                      : null,
                  })
                }
              />
            )
          }
          case 'number':
          case 'money':
          case 'decimal':
          case 'percent':
            return (
              <NumberRangeFilter
                key={key}
                field={field}
                label={label}
                from={filters[`${key}[gte]`]}
                to={filters[`${key}[lte]`]}
                onChange={(from, to) => onChange({ [`${key}[gte]`]: from, [`${key}[lte]`]: to })}
              />
            )
          case 'bool':
            return (
              <Select
                key={key}
                allowClear
                placeholder={label}
                aria-label={label}
                style={{ minWidth: 110 }}
                value={filters[key] ?? undefined}
                onChange={(v) => onChange({ [key]: v ?? null })}
                options={[
                  { value: 'true', label: t('common.yes') },
                  { value: 'false', label: t('common.no') },
                ]}
              />
            )
          case 'relation':
          case 'account':
            if (field.type === 'relation' && field.relation.many) return null
            return (
              <Space key={key} size={4}>
                {/* The picker has no placeholder of its own: its name stands beside it, as its label. */}
                <label htmlFor={`filter-${key}`} className="ant-typography ant-typography-secondary">
                  {label}
                </label>
                <div style={{ width: 200 }} aria-label={label}>
                  <FieldInput
                    id={`filter-${key}`}
                    field={field}
                    value={filters[key]}
                    onChange={(v) => onChange({ [key]: v ?? null })}
                  />
                </div>
              </Space>
            )
          case 'text':
          case 'email':
          case 'phone':
          case 'url':
            // Custom text fields filter on the exact value; built-in text is found by the search box.
            if (!field.custom) return null
            return (
              <Input.Search
                key={`${key}:${filters[key] ?? ''}`}
                allowClear
                defaultValue={filters[key]}
                placeholder={label}
                aria-label={label}
                onSearch={(v) => onChange({ [key]: v.trim() || null })}
                style={{ width: 180 }}
              />
            )
          default:
            return null
        }
      })}
      {(q || Object.keys(filters).length > 0) && (
        <Button
          onClick={() =>
            onChange({ q: null, ...Object.fromEntries(Object.keys(filters).map((k) => [k, null])) })
          }
        >
          {t('common.clearFilters')}
        </Button>
      )}
    </div>
  )
}

const toNumber = (s: string | undefined) => {
  const n = s === undefined || s.trim() === '' ? null : Number(s)
  return n === null || Number.isFinite(n) ? n : null
}

/**
 * A min–max filter of a number or money field, kept in the URL as `key[gte]` and `key[lte]` (both ends
 * included). Applied on Enter or when the box is left; a minimum above the maximum is shown as an
 * error and not applied.
 */
function NumberRangeFilter({
  field,
  label,
  from,
  to,
  onChange,
}: {
  field: Field
  label: string
  from?: string
  to?: string
  onChange: (from: string | null, to: string | null) => void
}) {
  const { t } = useTranslation()
  const bounds = field.type === 'number' ? { min: field.min, max: field.max } : {}
  const inUrl = `${from ?? ''}|${to ?? ''}`
  const [seen, setSeen] = useState(inUrl)
  const [draft, setDraft] = useState<[number | null, number | null]>([toNumber(from), toNumber(to)])
  // The URL changed from elsewhere (clear filters, a saved view, back): show what it says.
  if (seen !== inUrl) {
    setSeen(inUrl)
    setDraft([toNumber(from), toNumber(to)])
  }
  const invalid = (d: [number | null, number | null]) => d[0] !== null && d[1] !== null && d[0] > d[1]
  /** Reads the box being left from its text: the state may not have caught up with the last keystroke. */
  const apply = (i: 0 | 1, text: string) => {
    let v = toNumber(text)
    if (v !== null && bounds.min !== undefined) v = Math.max(bounds.min, v)
    if (v !== null && bounds.max !== undefined) v = Math.min(bounds.max, v)
    const next: [number | null, number | null] = i === 0 ? [v, draft[1]] : [draft[0], v]
    setDraft(next)
    if (invalid(next)) return
    const lo = next[0] === null ? null : String(next[0])
    const hi = next[1] === null ? null : String(next[1])
    if (lo !== (from ?? null) || hi !== (to ?? null)) onChange(lo, hi)
  }
  const input = (i: 0 | 1) => (
    <InputNumber
      aria-label={`${label} ${t(i === 0 ? 'common.min' : 'common.max')}`}
      placeholder={i === 0 ? `${label} ${t('common.min')}` : t('common.max')}
      {...bounds}
      status={invalid(draft) ? 'error' : undefined}
      value={draft[i]}
      onChange={(v) => setDraft((d) => (i === 0 ? [v, d[1]] : [d[0], v]))}
      onBlur={(e) => apply(i, e.target.value)}
      onPressEnter={(e) => apply(i, (e.target as HTMLInputElement).value)}
      style={{ width: i === 0 ? 150 : 100 }}
    />
  )
  const set = from !== undefined || to !== undefined || draft[0] !== null || draft[1] !== null
  return (
    <span style={{ display: 'inline-flex', alignItems: 'center', gap: 8 }}>
      <Space.Compact role="group" aria-label={label}>
        {/* Once a value is typed the placeholders are gone: the field's name stays in front. */}
        {set && <Space.Addon>{label}</Space.Addon>}
        {input(0)}
        {input(1)}
        {set && (
          <Button
            aria-label={t('common.clearRange', { field: label })}
            title={t('common.clearRange', { field: label })}
            icon={<CloseOutlined />}
            onClick={() => {
              setDraft([null, null])
              if (from !== undefined || to !== undefined) onChange(null, null)
            }}
          />
        )}
      </Space.Compact>
      {invalid(draft) && (
        <Typography.Text type="danger" role="alert">
          {t('common.minAboveMax')}
        </Typography.Text>
      )}
    </span>
  )
}
