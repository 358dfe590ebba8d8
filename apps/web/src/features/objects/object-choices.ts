import { useTranslation } from 'react-i18next'
import { customizableObjects } from '../fields/field-form'
import { collections } from '../records/meta'
import { objectName, useCustomObjects } from './objects.queries'

// Apart from objects.queries.ts, which the app's shell loads: these choices need every built-in object's
// description (records/meta.ts), which Home does not.

/**
 * The objects that take custom fields — the built-in ones, then the custom objects — with their names
 * in the app's language.
 */
export function useObjectChoices() {
  const { t, i18n } = useTranslation()
  const query = useCustomObjects()
  const custom = query.data?.data ?? []
  const label = (o: string) => {
    const c = custom.find((x) => x.key === o)
    return c ? objectName(c, i18n.language) : t(`nav.${collections[o]?.title ?? o}`)
  }
  const keys: string[] = [...customizableObjects, ...custom.map((c) => c.key)]
  return {
    keys,
    label,
    options: keys.map((o) => ({ value: o, label: label(o) })),
    /** The custom objects are known (or could not be read). */
    loaded: !query.isLoading,
  }
}
