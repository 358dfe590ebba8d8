import { DatePicker, Input, InputNumber, Select, Space } from 'antd'
import dayjs from 'dayjs'
import { useTranslation } from 'react-i18next'
import { relativePeriods, RELATIVE_DATE, type ReportFilter, type ReportOp } from '@openkam/contract'
import { useUsers } from '../../shared/api/lookups'
import type { ReportFieldInfo } from './report-builder.queries'

type Value = ReportFilter['value']
type Scalar = string | number | boolean | null

const DAY = 'YYYY-MM-DD'
const NDAYS = /^(last|next)_(\d+)_days$/

/** A relative period picker: the named periods, or the last / next N days. */
function PeriodInput({
  value,
  onChange,
  label,
}: {
  value: string
  onChange: (v: string) => void
  label: string
}) {
  const { t } = useTranslation()
  const n = NDAYS.exec(value)
  const choice = n ? `${n[1]}_n_days` : value
  const options = [...relativePeriods, 'last_n_days', 'next_n_days'].map((p) => ({
    value: p,
    label: t(`reportBuilder.periods.${p}`),
  }))
  return (
    <Space.Compact style={{ width: '100%' }}>
      <Select
        aria-label={label}
        value={choice}
        options={options}
        onChange={(p) => onChange(p.endsWith('_n_days') ? `${p.slice(0, 4)}_${n?.[2] ?? 30}_days` : p)}
        style={{ minWidth: 130 }}
      />
      {n && (
        <InputNumber
          aria-label={t('reportBuilder.days')}
          min={1}
          max={3650}
          value={Number(n[2])}
          onChange={(d) => d && onChange(`${n[1]}_${Math.round(d)}_days`)}
          style={{ width: 90 }}
        />
      )}
    </Space.Compact>
  )
}

/** A date filter's value: one day, or a relative period (this quarter, last 30 days…). */
function DateValue({
  value,
  onChange,
  op,
  label,
}: {
  value: Value
  onChange: (v: Value) => void
  op: ReportOp
  label: string
}) {
  const { t } = useTranslation()
  const relative = typeof value === 'string' && RELATIVE_DATE.test(value)
  // Periods fit "is", "is not" and "between"; before / after compare with a day.
  const periods = op === 'eq' || op === 'neq' || op === 'between'
  const mode = (
    <Select
      aria-label={t('reportBuilder.value')}
      value={relative ? 'relative' : 'fixed'}
      onChange={(m) => onChange(m === 'relative' ? 'this_month' : op === 'between' ? [] : undefined)}
      options={[
        { value: 'relative', label: t('reportBuilder.dateMode.relative') },
        { value: 'fixed', label: t('reportBuilder.dateMode.fixed') },
      ]}
      style={{ width: 110 }}
    />
  )
  if (periods && relative)
    return (
      <Space wrap size={4}>
        {mode}
        <PeriodInput value={value} onChange={onChange} label={label} />
      </Space>
    )
  if (op === 'between') {
    const [a, b] = Array.isArray(value) ? value : []
    return (
      <Space wrap size={4}>
        {mode}
        <DatePicker.RangePicker
          aria-label={label}
          value={[a ? dayjs(String(a)) : null, b ? dayjs(String(b)) : null]}
          onChange={(r) => onChange([r?.[0]?.format(DAY) ?? null, r?.[1]?.format(DAY) ?? null])}
          allowEmpty={[true, true]}
        />
      </Space>
    )
  }
  return (
    <Space wrap size={4}>
      {periods && mode}
      <DatePicker
        aria-label={label}
        value={typeof value === 'string' && !relative ? dayjs(value) : null}
        onChange={(d) => onChange(d ? d.format(DAY) : undefined)}
      />
    </Space>
  )
}

/** The value input of a filter, fitting the field's type and the operator. */
export function FilterValue({
  field,
  op,
  value,
  onChange,
}: {
  field: ReportFieldInfo
  op: ReportOp
  value: Value
  onChange: (v: Value) => void
}) {
  const { t } = useTranslation()
  const users = useUsers()
  const label = t('reportBuilder.value')
  const many = op === 'in'

  if (field.kind === 'date' || field.kind === 'datetime')
    return <DateValue value={value} onChange={onChange} op={op} label={label} />

  if (field.kind === 'number') {
    if (op === 'between') {
      const [a, b] = Array.isArray(value) ? value : []
      const num = (v: Scalar | undefined) => (typeof v === 'number' ? v : null)
      return (
        <Space.Compact style={{ width: '100%' }}>
          <InputNumber
            aria-label={t('reportBuilder.from')}
            placeholder={t('reportBuilder.from')}
            value={num(a)}
            onChange={(v) => onChange([v ?? null, b ?? null])}
            style={{ width: '50%' }}
          />
          <InputNumber
            aria-label={t('reportBuilder.to')}
            placeholder={t('reportBuilder.to')}
            value={num(b)}
            onChange={(v) => onChange([a ?? null, v ?? null])}
            style={{ width: '50%' }}
          />
        </Space.Compact>
      )
    }
    return (
      <InputNumber
        aria-label={label}
        value={typeof value === 'number' ? value : null}
        onChange={(v) => onChange(v ?? undefined)}
        style={{ width: '100%' }}
      />
    )
  }

  if (field.kind === 'boolean')
    return (
      <Select
        aria-label={label}
        value={value === true ? 'true' : value === false ? 'false' : undefined}
        onChange={(v) => onChange(v === 'true')}
        options={[
          { value: 'true', label: t('reportBuilder.yes') },
          { value: 'false', label: t('reportBuilder.no') },
        ]}
        style={{ width: '100%' }}
      />
    )

  const options =
    field.type === 'user'
      ? [
          { value: 'me', label: t('common.me') },
          ...(users.data?.data ?? []).map((u) => ({ value: u.id, label: u.name })),
        ]
      : field.options
  if (options?.length)
    return (
      <Select
        aria-label={label}
        mode={many ? 'multiple' : undefined}
        showSearch={{ optionFilterProp: 'label' }}
        value={many ? (Array.isArray(value) ? (value as string[]) : []) : (value as string | undefined)}
        onChange={(v) => onChange(v as Value)}
        options={options}
        style={{ width: '100%' }}
        loading={field.type === 'user' && users.isLoading}
      />
    )
  if (many)
    return (
      <Select
        aria-label={label}
        mode="tags"
        value={Array.isArray(value) ? (value as string[]) : []}
        onChange={(v) => onChange(v as Value)}
        style={{ width: '100%' }}
        open={false}
      />
    )
  return (
    <Input
      aria-label={label}
      value={typeof value === 'string' ? value : ''}
      onChange={(e) => onChange(e.target.value)}
      maxLength={500}
    />
  )
}
