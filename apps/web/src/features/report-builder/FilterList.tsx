import { Button, Select, Typography } from 'antd'
import { DeleteOutlined, PlusOutlined } from '@ant-design/icons'
import { useTranslation } from 'react-i18next'
import type { ReportFilter, ReportOp } from '@openkam/contract'
import { FieldSelect } from './FieldSelect'
import { FilterValue } from './FilterValue'
import type { ReportFieldInfo } from './report-builder.queries'
import { defaultValue, operatorsFor, takesValue } from './report-draft'

/** A list of filters: field, operator fitting the field, value fitting both. */
export function FilterList({
  fields,
  value,
  onChange,
  addLabel,
  emptyText,
  max = 30,
}: {
  fields: ReportFieldInfo[]
  value: ReportFilter[]
  onChange: (filters: ReportFilter[]) => void
  addLabel: string
  emptyText?: string
  max?: number
}) {
  const { t } = useTranslation()
  const byPath = new Map(fields.map((f) => [f.path, f]))
  const set = (i: number, f: ReportFilter) => onChange(value.map((x, j) => (j === i ? f : x)))
  const filterable = (f: ReportFieldInfo) => operatorsFor(f).length > 0

  return (
    <div className="rb-list">
      {value.length === 0 && emptyText && <Typography.Text type="secondary">{emptyText}</Typography.Text>}
      {value.map((f, i) => {
        const field = byPath.get(f.field)
        const ops = operatorsFor(field)
        return (
          <div className="rb-row" key={i}>
            <div className="rb-row-main">
              <FieldSelect
                fields={fields}
                value={f.field || undefined}
                accept={filterable}
                ariaLabel={t('reportBuilder.field')}
                placeholder={t('reportBuilder.chooseField')}
                onChange={(path) => {
                  const next = byPath.get(path ?? '')
                  const op: ReportOp = operatorsFor(next)[0] ?? 'eq'
                  set(i, { field: path ?? '', op, value: defaultValue(next, op) })
                }}
              />
              {field && (
                <Select
                  aria-label={t('reportBuilder.operator')}
                  value={f.op}
                  options={ops.map((op) => ({ value: op, label: t(`reportBuilder.ops.${op}`) }))}
                  onChange={(op) => {
                    // Keep a value that still fits; a list for "any of", a pair for "between".
                    const keep =
                      takesValue(op) &&
                      Array.isArray(f.value) === (op === 'in' || op === 'between') &&
                      f.op !== 'between' &&
                      op !== 'between'
                    set(i, { ...f, op, value: keep ? f.value : defaultValue(field, op) })
                  }}
                  style={{ width: '100%' }}
                />
              )}
              {field && takesValue(f.op) && (
                <FilterValue
                  field={field}
                  op={f.op}
                  value={f.value}
                  onChange={(v) => set(i, { ...f, value: v })}
                />
              )}
            </div>
            <Button
              type="text"
              icon={<DeleteOutlined />}
              aria-label={t('reportBuilder.removeFilter')}
              onClick={() => onChange(value.filter((_, j) => j !== i))}
            />
          </div>
        )
      })}
      {value.length < max && (
        <Button
          size="small"
          icon={<PlusOutlined />}
          onClick={() => onChange([...value, { field: '', op: 'eq' }])}
        >
          {addLabel}
        </Button>
      )}
    </div>
  )
}
