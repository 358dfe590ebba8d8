import { Button, Input, Select, Space, Typography } from 'antd'
import { DeleteOutlined, PlusOutlined } from '@ant-design/icons'
import { useTranslation } from 'react-i18next'
import type { MeasureFn, ReportMeasure, SimpleMeasure } from '@openkam/contract'
import { FieldSelect } from './FieldSelect'
import { FilterList } from './FilterList'
import type { ReportFieldInfo } from './report-builder.queries'
import { fnsFor, measurable } from './report-draft'

const fnOptions: MeasureFn[] = ['count', 'sum', 'avg', 'min', 'max', 'count_distinct']

/** One simple measure: a function, the field it reads (all but count) and its own "only where" filters. */
function SimpleMeasureEditor({
  fields,
  value,
  onChange,
}: {
  fields: ReportFieldInfo[]
  value: SimpleMeasure
  onChange: (m: SimpleMeasure) => void
}) {
  const { t } = useTranslation()
  const byPath = new Map(fields.map((f) => [f.path, f]))
  const field = value.field ? byPath.get(value.field) : undefined
  const accept = (f: ReportFieldInfo) =>
    measurable(f) && (value.fn === 'count' || fnsFor(f).includes(value.fn))
  return (
    <div className="rb-measure">
      <Space.Compact style={{ width: '100%' }}>
        <Select
          aria-label={t('reportBuilder.fn')}
          value={value.fn}
          options={fnOptions.map((fn) => ({ value: fn, label: t(`reportBuilder.fns.${fn}`) }))}
          onChange={(fn) => {
            const keep = fn !== 'count' && field && fnsFor(field).includes(fn)
            onChange({ ...value, fn, field: keep ? value.field : undefined })
          }}
          style={{ width: 140 }}
        />
        {value.fn !== 'count' && (
          <FieldSelect
            fields={fields}
            value={value.field}
            accept={accept}
            ariaLabel={t('reportBuilder.field')}
            placeholder={t('reportBuilder.chooseField')}
            onChange={(path) => onChange({ ...value, field: path })}
          />
        )}
      </Space.Compact>
      <Typography.Text type="secondary" className="rb-small">
        {t('reportBuilder.onlyWhere')}
      </Typography.Text>
      <FilterList
        fields={fields}
        value={value.filters ?? []}
        onChange={(filters) => onChange({ ...value, filters })}
        addLabel={t('reportBuilder.addCondition')}
        max={10}
      />
    </div>
  )
}

/** The report's measures: simple ones, and ratios of two measures each with its own filters (won ÷ closed). */
export function MeasureEditor({
  fields,
  value,
  onChange,
}: {
  fields: ReportFieldInfo[]
  value: ReportMeasure[]
  onChange: (m: ReportMeasure[]) => void
}) {
  const { t } = useTranslation()
  const set = (i: number, m: ReportMeasure) => onChange(value.map((x, j) => (j === i ? m : x)))
  return (
    <div className="rb-list">
      {value.map((m, i) => (
        <div className="rb-row rb-measure-row" key={i}>
          <div className="rb-row-main">
            {m.fn === 'ratio' ? (
              <>
                <Typography.Text strong>{t('reportBuilder.fns.ratio')}</Typography.Text>
                <Typography.Text type="secondary">{t('reportBuilder.numerator')}</Typography.Text>
                <SimpleMeasureEditor
                  fields={fields}
                  value={m.numerator}
                  onChange={(numerator) => set(i, { ...m, numerator })}
                />
                <Typography.Text type="secondary">{t('reportBuilder.denominator')}</Typography.Text>
                <SimpleMeasureEditor
                  fields={fields}
                  value={m.denominator}
                  onChange={(denominator) => set(i, { ...m, denominator })}
                />
              </>
            ) : (
              <SimpleMeasureEditor fields={fields} value={m} onChange={(s) => set(i, s)} />
            )}
            <Input
              aria-label={t('reportBuilder.measureLabel')}
              placeholder={t('reportBuilder.measureLabel')}
              value={m.label ?? ''}
              maxLength={100}
              onChange={(e) => set(i, { ...m, label: e.target.value || undefined })}
            />
          </div>
          {value.length > 1 && (
            <Button
              type="text"
              icon={<DeleteOutlined />}
              aria-label={t('reportBuilder.removeMeasure')}
              onClick={() => onChange(value.filter((_, j) => j !== i))}
            />
          )}
        </div>
      ))}
      {value.length < 8 && (
        <Space wrap>
          <Button size="small" icon={<PlusOutlined />} onClick={() => onChange([...value, { fn: 'count' }])}>
            {t('reportBuilder.addMeasure')}
          </Button>
          <Button
            size="small"
            icon={<PlusOutlined />}
            onClick={() =>
              onChange([...value, { fn: 'ratio', numerator: { fn: 'count' }, denominator: { fn: 'count' } }])
            }
          >
            {t('reportBuilder.addRatio')}
          </Button>
        </Space>
      )}
    </div>
  )
}
