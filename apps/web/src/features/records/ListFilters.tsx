import { Button, DatePicker, Input, Select } from 'antd'
import dayjs from 'dayjs'
import { useTranslation } from 'react-i18next'
import { useUsers } from '../../shared/api/lookups'
import { FieldInput } from './FieldInput'
import { fieldOf, type CollectionMeta } from './meta'

type Props = {
  meta: CollectionMeta
  q: string
  filters: Record<string, string>
  onChange: (changes: Record<string, string | null>) => void
}

/** Search box and one control per filterable field; values go to the URL as API filter parameters. */
export function ListFilters({ meta, q, filters, onChange }: Props) {
  const { t } = useTranslation()
  const users = useUsers()
  return (
    <div className="toolbar" role="search">
      <Input.Search
        allowClear
        defaultValue={q}
        placeholder={t('common.search')}
        aria-label={t('common.search')}
        onSearch={(v) => onChange({ q: v })}
        style={{ width: 220 }}
      />
      {meta.filters.map((key) => {
        const field = fieldOf(meta, key)
        if (!field) return null
        const label = t(`fields.${key}`)
        switch (field.type) {
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
                options={field.values.map((v) => ({ value: v, label: t(`enums.${field.enum}.${v}`) }))}
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
                options={[
                  { value: 'me', label: t('common.me') },
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
          case 'account':
            return (
              <div key={key} style={{ minWidth: 200 }} aria-label={label}>
                <FieldInput
                  field={field}
                  value={filters[key]}
                  onChange={(v) => onChange({ [key]: v ?? null })}
                />
              </div>
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
