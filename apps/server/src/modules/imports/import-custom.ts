import type { FieldDefinition } from '@openkam/contract'
import { importFieldsOf } from './builtin-import-fields'
import type { FieldKind, ImportField } from './import-fields'
import { referenceColumns } from './import-synonyms'

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

/** The fields every custom object's records have, as import columns: the name, and the owner (id or e-mail). */
export const recordImportFields: ImportField[] = [
  ...importFieldsOf('records', { key: 'name', type: 'text', required: true }),
  ...importFieldsOf('records', { key: 'ownerId', type: 'user' }),
]
/** A custom object's file must fill the records' name. */
export const recordRequiredFields = [['name']]

/** The headers that name an account (its name, credit code or id), for an object's one relation to accounts. */
const accountHeaders = [
  'Account id',
  '客户ID',
  ...referenceColumns.accountId!.columns.flatMap((c) => c.synonyms.split('|')),
]

const linksAccounts = (d: FieldDefinition) => d.type === 'relation' && d.relation?.object === 'accounts'

/**
 * The custom fields of an object as import columns: `custom.<key>`, recognised by the key and the labels
 * in both languages; options by their value or label. A relation to accounts takes the account's id,
 * credit code or name; on a custom object whose only such relation it is, it also answers to the headers
 * that name an account on contacts (Account name, Credit code, 客户名称 …). Computed fields (formula,
 * roll-up) are not imported.
 */
export function customImportFields(
  defs: FieldDefinition[],
  opts: { customObject?: boolean } = {},
): ImportField[] {
  const soleAccountLink = opts.customObject && defs.filter(linksAccounts).length === 1
  return defs.flatMap((d) => {
    const kind = KIND[d.type]
    if (!kind) return []
    const labels = [d.label, d.labels.en, d.labels['zh-CN'], `custom.${d.key}`].filter(
      (l): l is string => !!l,
    )
    if (linksAccounts(d) && soleAccountLink) labels.push(...accountHeaders)
    const optionLabels: Record<string, string> = {}
    for (const o of d.options) {
      for (const l of [o.label, o.labels?.en, o.labels?.['zh-CN']])
        if (l) optionLabels[l.trim().toLowerCase()] = o.value
    }
    return [
      {
        key: `custom.${d.key}`,
        kind: d.relation?.many ? 'list' : kind,
        labels,
        ...(linksAccounts(d) ? { link: 'accounts' as const } : {}),
        ...(d.options.length ? { values: d.options.map((o) => o.value), optionLabels } : {}),
      },
    ]
  })
}
