import type { FieldDefinition } from '@openkam/contract'
import type { FieldKind, ImportField } from './import-fields'

const KIND: Partial<Record<FieldDefinition['type'], FieldKind>> = {
  text: 'text',
  long_text: 'text',
  url: 'text',
  email: 'text',
  phone: 'text',
  file: 'text',
  user: 'text',
  relation: 'text',
  date: 'text',
  number: 'decimal',
  percent: 'decimal',
  money: 'decimal',
  datetime: 'datetime',
  boolean: 'bool',
  select: 'enum',
  multi_select: 'list',
}

/**
 * The custom fields of an object as import columns: `custom.<key>`, recognised by the key and the labels
 * in both languages; options by their value or label. Computed fields (formula, roll-up) are not imported.
 */
export function customImportFields(defs: FieldDefinition[]): ImportField[] {
  return defs.flatMap((d) => {
    const kind = KIND[d.type]
    if (!kind) return []
    const labels = [d.label, d.labels.en, d.labels['zh-CN'], `custom.${d.key}`].filter(
      (l): l is string => !!l,
    )
    const optionLabels: Record<string, string> = {}
    for (const o of d.options) {
      for (const l of [o.label, o.labels?.en, o.labels?.['zh-CN']])
        if (l) optionLabels[l.trim().toLowerCase()] = o.value
    }
    return [
      {
        key: `custom.${d.key}`,
        kind,
        labels,
        ...(d.options.length ? { values: d.options.map((o) => o.value), optionLabels } : {}),
      },
    ]
  })
}
