import { builtinObjects, type BuiltinField, type ObjectDescription } from '@openkam/contract'

export type { FieldType } from '@openkam/contract'
export type Field = BuiltinField
export type CollectionMeta = ObjectDescription

/** The built-in objects as the object model describes them (packages/contract/src/object-model). */
export const collections: Record<string, CollectionMeta> = builtinObjects

export const fieldOf = (meta: CollectionMeta, key: string) => meta.fields.find((x) => x.key === key)
