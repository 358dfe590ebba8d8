import { Input, Select, Space, Switch, Typography } from 'antd'
import type { LayoutCondition } from '@openkam/contract'
import { useTranslation } from 'react-i18next'
import { FieldInput } from '../records/FieldInput'
import { fieldOf, labelOf, pathOf, type CollectionMeta, type Field } from '../records/meta'

const ops = ['eq', 'neq', 'in', 'empty', 'not_empty'] as const

/** Fields a condition may test: one value each (not money, long text or several contacts). */
export const conditionable = (f: Field) => !['money', 'textarea', 'contacts'].includes(f.type)

/** The choices of a field with options (a built-in enum, a custom select, yes / no). */
function choicesOf(f: Field, t: (k: string) => string) {
  if (f.type === 'bool')
    return [
      { value: 'true', label: t('common.yes') },
      { value: 'false', label: t('common.no') },
    ]
  if (f.options) return f.options.map((o) => ({ value: o.value, label: o.label }))
  if (f.type === 'enum') return f.values.map((v) => ({ value: v, label: t(`enums.${f.enum}.${v}`) }))
  return null
}

type Props = {
  meta: CollectionMeta
  /** Fields of the section itself: a section cannot hide on its own fields. */
  own: string[]
  value: LayoutCondition | undefined
  onChange: (c: LayoutCondition | undefined) => void
  sectionTitle: string
  invalid?: boolean
}

/** "Show this section when <field> <op> <value>", the value entered as that field's type takes it. */
export function ConditionEditor({ meta, own, value, onChange, sectionTitle, invalid }: Props) {
  const { t } = useTranslation()
  const candidates = meta.fields.filter(
    (f) => !('virtual' in f && f.virtual) && conditionable(f) && !own.includes(pathOf(f)),
  )
  const field = value ? fieldOf(meta, value.field) : undefined
  const choices = field ? choicesOf(field, t) : null
  const set = (patch: Partial<LayoutCondition>) => {
    const next = { ...value!, ...patch }
    if (next.op === 'empty' || next.op === 'not_empty') delete next.value
    onChange(next)
  }
  const valueInput = () => {
    if (!field || !value || value.op === 'empty' || value.op === 'not_empty') return null
    const label = t('layouts.condition.value', { section: sectionTitle })
    const status = invalid ? ('error' as const) : undefined
    if (value.op === 'in')
      return (
        <Select
          aria-label={label}
          status={status}
          mode={choices ? 'multiple' : 'tags'}
          style={{ minWidth: 200 }}
          value={[value.value ?? []].flat().map(String)}
          onChange={(v: string[]) => set({ value: v })}
          options={choices ?? []}
          placeholder={t('layouts.condition.valuesPlaceholder')}
        />
      )
    if (choices)
      return (
        <Select
          aria-label={label}
          status={status}
          style={{ minWidth: 160 }}
          value={value.value === undefined ? undefined : String(value.value)}
          onChange={(v: string) => set({ value: field.type === 'bool' ? v === 'true' : v })}
          options={choices}
        />
      )
    if (field.type === 'tags' || field.type === 'multi_select')
      return (
        <Input
          aria-label={label}
          status={status}
          style={{ width: 180 }}
          value={String(value.value ?? '')}
          onChange={(e) => set({ value: e.target.value })}
        />
      )
    return (
      <div style={{ minWidth: 180 }} className={invalid ? 'condition-invalid' : undefined}>
        <FieldInput
          field={{ ...field, readOnly: false, required: true } as Field}
          id={`condition-${sectionTitle}`}
          value={value.value}
          onChange={(v) => set({ value: v === null || v === '' ? undefined : v })}
        />
      </div>
    )
  }
  return (
    <Space wrap align="center" size={[8, 8]}>
      <Switch
        size="small"
        checked={!!value}
        aria-label={t('layouts.condition.toggle', { section: sectionTitle })}
        onChange={(on) =>
          onChange(on && candidates[0] ? { field: pathOf(candidates[0]), op: 'not_empty' } : undefined)
        }
      />
      <Typography.Text>{t('layouts.condition.when')}</Typography.Text>
      {value && (
        <>
          <Select
            aria-label={t('layouts.condition.field', { section: sectionTitle })}
            showSearch={{ optionFilterProp: 'label' }}
            style={{ minWidth: 180 }}
            value={value.field}
            onChange={(f: string) => onChange({ field: f, op: value.op })}
            options={candidates.map((f) => ({ value: pathOf(f), label: labelOf(f, t) }))}
          />
          <Select
            aria-label={t('layouts.condition.op', { section: sectionTitle })}
            style={{ minWidth: 120 }}
            value={value.op}
            onChange={(op: LayoutCondition['op']) =>
              set({
                op,
                value:
                  op === 'in'
                    ? [value.value ?? []].flat().map(String)
                    : Array.isArray(value.value)
                      ? value.value[0]
                      : value.value,
              })
            }
            options={ops.map((o) => ({ value: o, label: t(`layouts.condition.ops.${o}`) }))}
          />
          {valueInput()}
        </>
      )}
    </Space>
  )
}
