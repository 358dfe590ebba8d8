import { Select } from 'antd'
import type { ReportFieldInfo } from './report-builder.queries'

/**
 * A searchable field picker: the object's own fields, then each relation's record fields under the
 * relation's name (one hop, e.g. Account → Tier).
 */
export function FieldSelect({
  fields,
  value,
  onChange,
  accept = () => true,
  ariaLabel,
  placeholder,
  allowClear,
}: {
  fields: ReportFieldInfo[]
  value: string | undefined
  onChange: (path: string | undefined) => void
  accept?: (f: ReportFieldInfo) => boolean
  ariaLabel: string
  placeholder?: string
  allowClear?: boolean
}) {
  const own = fields.filter((f) => !f.path.includes('.') || f.path.startsWith('custom.'))
  const hops = new Map<string, ReportFieldInfo[]>()
  for (const f of fields) {
    if (own.includes(f)) continue
    const via = f.path.split('.')[0]!
    hops.set(via, [...(hops.get(via) ?? []), f])
  }
  const toOption = (f: ReportFieldInfo) => ({ value: f.path, label: f.label })
  const options = [
    ...own.filter(accept).map(toOption),
    ...[...hops.entries()]
      .map(([via, list]) => ({
        label: fields.find((f) => f.path === via)?.label ?? via,
        title: via,
        options: list.filter(accept).map(toOption),
      }))
      .filter((g) => g.options.length > 0),
  ]
  return (
    <Select
      showSearch={{ optionFilterProp: 'label' }}
      aria-label={ariaLabel}
      placeholder={placeholder}
      value={value}
      onChange={(v) => onChange(v ?? undefined)}
      options={options}
      allowClear={allowClear}
      style={{ width: '100%' }}
      popupMatchSelectWidth={false}
    />
  )
}
