import type { CustomObject, CustomObjectCreate } from '@openkam/contract'

/** The drawer's values: both languages' names side by side. */
export type ObjectFormValues = {
  key: string
  icon?: string
  en?: { one?: string; many?: string }
  zh?: { one?: string; many?: string }
}

/** The key suggested for a name: `Site visits` → `site_visits` (empty when nothing usable is left). */
export function suggestObjectKey(name: string): string {
  const key = name
    .normalize('NFKD')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '_')
    .replace(/^[^a-z]+/, '')
    .replace(/_+$/, '')
    .slice(0, 41)
    .replace(/_+$/, '')
  return key.length >= 2 ? key : ''
}

const trimmed = (v?: string) => v?.trim() || undefined

/** The names of one language: the plural defaults to the singular; nothing when both are empty. */
function namesOf(n?: { one?: string; many?: string }) {
  const one = trimmed(n?.one)
  const many = trimmed(n?.many) ?? one
  return one || many ? { ...(one ? { one } : {}), ...(many ? { many } : {}) } : undefined
}

/** The API body of the drawer's values (the default names are the English ones, else the Chinese). */
export function objectBodyOf(v: ObjectFormValues): Omit<CustomObjectCreate, 'fields'> {
  const en = namesOf(v.en)
  const zh = namesOf(v.zh)
  const label = en?.one ?? en?.many ?? zh?.one ?? zh?.many ?? v.key
  const pluralLabel = en?.many ?? zh?.many ?? label
  return {
    key: v.key,
    label,
    pluralLabel,
    labels: { ...(en ? { en } : {}), ...(zh ? { 'zh-CN': zh } : {}) },
    ...(v.icon ? { icon: v.icon } : {}),
  }
}

/** The drawer's values of an existing object. */
export const formValuesOfObject = (o: CustomObject): ObjectFormValues => ({
  key: o.key,
  icon: o.icon ?? undefined,
  en: { one: o.labels.en?.one ?? '', many: o.labels.en?.many ?? '' },
  zh: { one: o.labels['zh-CN']?.one ?? '', many: o.labels['zh-CN']?.many ?? '' },
})

/** The drawer's name of an API error path (`labels.zh-CN.one` → `['zh', 'one']`). */
export function formNameOfObjectPath(path: string): (string | number)[] {
  const parts = path.split('.')
  if (parts[0] === 'labels') return [parts[1] === 'zh-CN' ? 'zh' : 'en', parts[2] ?? 'one']
  if (parts[0] === 'label') return ['en', 'one']
  if (parts[0] === 'pluralLabel') return ['en', 'many']
  return [parts[0] ?? 'key']
}
