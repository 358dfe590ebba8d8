import type { ObjectSchema } from '@openkam/contract'
import { i18n } from '../../shared/i18n/i18n'
import { customFieldOf, type CollectionMeta, type Field } from '../records/meta'

/** How many custom fields a custom object's list shows by default (the others are in Columns). */
const DEFAULT_CUSTOM_COLUMNS = 4

/**
 * The translation key (under `nav.`) of a custom object's plural name. The generic pages title a
 * collection with `t('nav.<title>')`; a custom object's name is registered there in the language it
 * was described in, so they need no special case.
 */
export const titleKeyOf = (key: string) => `customObject.${key}`

function registerTitle(schema: ObjectSchema, lang: string) {
  i18n.addResource(lang, 'translation', `nav.${titleKeyOf(schema.key)}`, schema.pluralLabel, {
    silent: true,
  })
}

/** A field of a custom object as the generic lists, forms and pages use it. */
function fieldOf(o: ObjectSchema['fields'][number]): Field {
  const f = customFieldOf(o)
  // name, owner and the timestamps are the record's own properties, not values under `custom`.
  return o.custom ? f : { ...f, custom: false, path: undefined }
}

/**
 * The description of a custom object (`GET /objects/:key`) as the generic list, record page and form
 * take it: name first, a few of its fields, the owner; filters and sorts as the API offers them.
 */
export function metaOfObject(schema: ObjectSchema, lang: string): CollectionMeta {
  registerTitle(schema, lang)
  const fields = schema.fields.map(fieldOf)
  const path = (f: Field) => f.path ?? f.key
  const shown = fields
    .filter((f) => f.custom && !['textarea', 'file'].includes(f.type))
    .slice(0, DEFAULT_CUSTOM_COLUMNS)
  const byKey = new Map(schema.fields.map((f) => [f.key, f]))
  const described = (f: Field) => byKey.get(f.key)!
  return {
    name: schema.key,
    title: titleKeyOf(schema.key),
    titleField: schema.titleField,
    fields,
    // Last updated is the default sort, so it is shown (issue 18: no list sorted by a hidden field).
    columns: [schema.titleField, ...shown.map(path), 'ownerId', 'updatedAt'].filter((k) =>
      fields.some((f) => path(f) === k),
    ),
    filters: fields
      .filter((f) => described(f).filterable && !['name', 'updatedAt'].includes(f.key))
      .map(path),
    sorts: fields.filter((f) => described(f).sortable).map(path),
    defaultSort: '-updatedAt',
  }
}
