import { Button, Select, Typography } from 'antd'
import { DeleteOutlined, PlusOutlined } from '@ant-design/icons'
import { useTranslation } from 'react-i18next'
import { reportBuckets, type ReportGroupBy } from '@openkam/contract'
import { FieldSelect } from './FieldSelect'
import type { ReportFieldInfo } from './report-builder.queries'
import { groupable } from './report-draft'

const isDate = (f: ReportFieldInfo | undefined) => f?.kind === 'date' || f?.kind === 'datetime'

/** Up to two groupings; a date groups by a bucket (day to year). */
export function GroupByEditor({
  fields,
  value,
  onChange,
}: {
  fields: ReportFieldInfo[]
  value: ReportGroupBy[]
  onChange: (g: ReportGroupBy[]) => void
}) {
  const { t } = useTranslation()
  const byPath = new Map(fields.map((f) => [f.path, f]))
  const set = (i: number, g: ReportGroupBy) => onChange(value.map((x, j) => (j === i ? g : x)))
  return (
    <div className="rb-list">
      {value.map((g, i) => {
        const field = byPath.get(g.field)
        return (
          <div className="rb-row" key={i}>
            <div className="rb-row-main">
              <FieldSelect
                fields={fields}
                value={g.field || undefined}
                accept={groupable}
                ariaLabel={t('reportBuilder.field')}
                placeholder={t('reportBuilder.chooseField')}
                onChange={(path) => {
                  const f = byPath.get(path ?? '')
                  set(i, isDate(f) ? { field: path ?? '', bucket: 'month' } : { field: path ?? '' })
                }}
              />
              {isDate(field) && (
                <Select
                  aria-label={t('reportBuilder.bucket')}
                  value={g.bucket ?? 'month'}
                  options={reportBuckets.map((b) => ({ value: b, label: t(`reportBuilder.buckets.${b}`) }))}
                  onChange={(bucket) => set(i, { ...g, bucket })}
                  style={{ width: '100%' }}
                />
              )}
            </div>
            <Button
              type="text"
              icon={<DeleteOutlined />}
              aria-label={t('reportBuilder.removeGroup')}
              onClick={() => onChange(value.filter((_, j) => j !== i))}
            />
          </div>
        )
      })}
      {value.length < 2 ? (
        <Button size="small" icon={<PlusOutlined />} onClick={() => onChange([...value, { field: '' }])}>
          {t('reportBuilder.addGroup')}
        </Button>
      ) : (
        <Typography.Text type="secondary">{t('reportBuilder.maxGroups')}</Typography.Text>
      )}
    </div>
  )
}
