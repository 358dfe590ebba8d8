import type { Collection, ListQuery } from '../../core/crud/collection'
import { scopeFor } from '../../core/access/permissions'
import type { Ctx } from '../../core/context'
import type { Executor } from '../../core/db/types'
import { loadCustomObjects, loadDefinitions } from './field-cache'
import { recordCollectionFor } from './custom-record.collection'

export type RelatedSection = {
  object: string
  label: string
  pluralLabel: string
  /** The custom object's field pointing at the record. */
  field: string
  collection: Collection<any, any, any>
  query: ListQuery
}

/**
 * The custom objects whose records point at a record of `object` through a filterable relation field
 * (e.g. site visits of an account), each as a list section the person may read, newest first. Loading the
 * definitions first prepares the lists' custom filters (see Collection.listAsJson).
 */
export async function relatedCustomSections(
  tx: Executor,
  ctx: Ctx,
  object: string,
  id: string,
  lang: 'en' | 'zh-CN' = 'en',
): Promise<RelatedSection[]> {
  const objects = await loadCustomObjects(tx, ctx.ws)
  const defs = await loadDefinitions(tx, ctx.ws)
  const out: RelatedSection[] = []
  for (const o of objects.values()) {
    if (scopeFor(ctx.principal, o.key, 'read') === 'none') continue
    for (const d of defs.get(o.key) ?? []) {
      if (d.type !== 'relation' || d.relation?.object !== object || d.relation.many || !d.filterable) continue
      if (ctx.principal.fieldAccess?.[o.key]?.[`custom.${d.key}`] === 'hidden') continue
      out.push({
        object: o.key,
        label: o.labels[lang]?.one ?? o.label,
        pluralLabel: o.labels[lang]?.many ?? o.pluralLabel,
        field: d.key,
        collection: recordCollectionFor(o.key),
        query: { limit: 100, sort: '-updatedAt', [`custom.${d.key}`]: id },
      })
    }
  }
  return out
}
