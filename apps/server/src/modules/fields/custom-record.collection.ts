import type { CustomRecord } from '@openkam/contract'
import { Collection } from '../../core/crud/collection'
import { rowMapper } from '../../core/crud/mapping'
import { customRecords } from './custom-object.table'

const mapper = rowMapper(customRecords)
const byKey = new Map<string, Collection<CustomRecord, any, any>>()

/**
 * The collection of one custom object's records: the shared machinery (visibility own/team/all by role,
 * versions, soft delete, audit, events `<key>.created`…, custom fields) over the shared table, kept to
 * the object's rows. One instance per object key, made on first use.
 */
export function recordCollectionFor(key: string): Collection<CustomRecord, any, any> {
  let c = byKey.get(key)
  if (!c) {
    c = new Collection<CustomRecord, any, any>({
      name: key,
      entity: key,
      label: 'Record',
      table: customRecords,
      partition: { column: customRecords.object, field: 'object', value: key },
      toRecord: (r) => mapper.toRecord(r) as unknown as CustomRecord,
      toColumns: (input) => ('name' in input ? { name: (input as { name: string }).name } : {}),
      sortable: {
        name: { column: customRecords.name, kind: 'string' },
        createdAt: { column: customRecords.createdAt, kind: 'date' },
        updatedAt: { column: customRecords.updatedAt, kind: 'date' },
      },
      filterable: {
        name: { column: customRecords.name, kind: 'string' },
        ownerId: { column: customRecords.ownerId, kind: 'uuid' },
        createdAt: { column: customRecords.createdAt, kind: 'date' },
        updatedAt: { column: customRecords.updatedAt, kind: 'date' },
      },
      search: [customRecords.name],
      defaultSort: '-updatedAt',
    })
    byKey.set(key, c)
  }
  return c
}

/** A collection standing for every custom object where only its shape matters (route schemas). */
export const anyRecordCollection = () => recordCollectionFor('custom_object')
