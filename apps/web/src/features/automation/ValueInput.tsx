import { Input, InputNumber, Select, Space } from 'antd'
import { useTranslation } from 'react-i18next'
import { useUsers } from '../../shared/api/lookups'
import { FieldInput } from '../records/FieldInput'
import type { Field } from '../records/meta'

const delegated: Field['type'][] = [
  'number',
  'date',
  'datetime',
  'user',
  'team',
  'account',
  'contact',
  'opportunity',
  'percent',
  'relation',
]

/**
 * Choices of a field: a custom field's options with their served labels (a retired one can still be
 * compared with, but not set), or a built-in enum's translations.
 */
function choicesOf(field: Field | undefined, t: (k: string) => string, forUpdate?: boolean) {
  if (field?.options)
    return field.options
      .filter((o) => !(forUpdate && o.retired))
      .map((o) => ({ value: o.value, label: o.label }))
  if (field?.type === 'enum')
    return field.values.map((v) => ({ value: v, label: t(`enums.${field.enum}.${v}`) }))
  return undefined
}

type Props = {
  /** The field compared or set; unknown fields (payload paths) take text. */
  field?: Field
  /** `list` for in/not_in, `days` for relative-date operators. */
  mode?: 'single' | 'list' | 'days'
  value?: unknown
  onChange: (v: unknown) => void
  id?: string
  'aria-label'?: string
  placeholder?: string
  /** The value is written to the field (update_fields), so money keeps its `{amount, currency}` shape. */
  forUpdate?: boolean
}

/** The input for a value to compare with or to set, suited to the field's type. */
export function ValueInput({
  field,
  mode = 'single',
  value,
  onChange,
  id,
  placeholder,
  forUpdate,
  ...aria
}: Props) {
  const { t } = useTranslation()
  const users = useUsers()
  const label = aria['aria-label']
  if (mode === 'days')
    return (
      <Space.Compact style={{ width: '100%' }}>
        <InputNumber
          id={id}
          aria-label={label}
          min={0}
          max={3650}
          precision={0}
          value={typeof value === 'number' ? value : null}
          onChange={(v) => onChange(v ?? undefined)}
          style={{ width: '100%' }}
        />
        <Space.Addon>{t('automation.days')}</Space.Addon>
      </Space.Compact>
    )
  if (mode === 'list') {
    const options =
      choicesOf(field, t) ??
      (field?.type === 'user'
        ? (users.data?.data ?? []).map((u) => ({ value: u.id, label: u.name }))
        : undefined)
    return (
      <Select
        id={id}
        aria-label={label}
        mode={options ? 'multiple' : 'tags'}
        showSearch={{ optionFilterProp: 'label' }}
        placeholder={placeholder ?? t('automation.valuesPlaceholder')}
        value={Array.isArray(value) ? (value as string[]) : []}
        onChange={(v: string[]) => onChange(v)}
        options={options}
        style={{ width: '100%' }}
      />
    )
  }
  // Typed pickers come from the record forms; comparisons take plain numbers where a record holds a
  // decimal string or money object, but a money or tags field being set keeps the API's shape.
  if (
    field &&
    (delegated.includes(field.type) ||
      (forUpdate && (field.type === 'money' || field.type === 'tags' || field.type === 'multi_select')))
  )
    return (
      <div role="group" aria-label={label}>
        <FieldInput
          field={{ ...field, required: false }}
          id={id}
          value={value}
          onChange={(v) => onChange(v === null ? undefined : v)}
        />
      </div>
    )
  switch (field?.type) {
    case 'money':
    case 'decimal':
      return (
        <InputNumber
          id={id}
          aria-label={label}
          value={typeof value === 'number' ? value : value === undefined ? null : Number(value)}
          onChange={(v) => onChange(v ?? undefined)}
          style={{ width: '100%' }}
        />
      )
    case 'bool':
      return (
        <Select
          id={id}
          aria-label={label}
          allowClear
          placeholder={placeholder}
          value={typeof value === 'boolean' ? String(value) : undefined}
          onChange={(v?: string) => onChange(v === undefined ? undefined : v === 'true')}
          options={[
            { value: 'true', label: t('common.yes') },
            { value: 'false', label: t('common.no') },
          ]}
        />
      )
    case 'enum':
    case 'multi_select':
      // One option to compare with (a multi-select "contains" it); the options of a custom field as served.
      return (
        <Select
          id={id}
          aria-label={label}
          allowClear
          showSearch={{ optionFilterProp: 'label' }}
          placeholder={placeholder}
          value={(value as string | undefined) ?? undefined}
          onChange={(v?: string) => onChange(v ?? undefined)}
          options={choicesOf(field, t, forUpdate)}
        />
      )
    default:
      return (
        <Input
          id={id}
          aria-label={label}
          placeholder={placeholder}
          value={
            typeof value === 'string' ? value : value === undefined || value === null ? '' : String(value)
          }
          onChange={(e) => onChange(e.target.value === '' ? undefined : e.target.value)}
        />
      )
  }
}
