import { z } from 'zod'
import { CustomValues, Id, RecordBase, Version } from './common'
import type { FieldAnnotation } from './object-model/field-annotations'

type Shape = Record<string, z.ZodType>
type Nullish<T extends z.ZodType> = z.ZodOptional<z.ZodNullable<T>>
type CreateShape<F extends Shape, Req> = { [K in keyof F]: K extends Req ? F[K] : Nullish<F[K]> }
type UpdateShape<F extends Shape, Req> = {
  [K in keyof F]: K extends Req ? z.ZodOptional<F[K]> : Nullish<F[K]>
}
type RecordShape<F extends Shape, O> = {
  [K in keyof F]: z.ZodNullable<K extends keyof O ? (O[K] extends z.ZodType ? O[K] : F[K]) : F[K]>
}
const ownerShape = { ownerId: Id.nullable().optional(), custom: CustomValues.optional() }
type OwnerShape = typeof ownerShape

/** Fields every record has (its owner and stamps); the object model describes those a resource lists in `base`. */
export type BaseFieldKey = 'ownerId' | 'createdAt' | 'updatedAt'

/**
 * What the object model derives a built-in object's fields from (object-model/derive-fields.ts): the
 * fields as given (with their annotations), the record-only ones, which are required, and the base fields
 * it describes.
 */
export type ResourceSource<F extends Shape = Shape, R extends Shape = Shape> = {
  fields: F
  readOnly: R
  required: readonly string[]
  base: Partial<Record<BaseFieldKey, FieldAnnotation>>
}

/**
 * The three wire schemas of a collection from one field list: `Create` (required fields required,
 * the rest optional and nullable), `Update` (all optional, plus the `version` read) and the record.
 * `out` replaces a field's schema in the record (e.g. a decimal input that is a string on output);
 * `readOnly` fields appear only in the record. `base` lists the base fields (owner, stamps) the object
 * model describes, with their list flags; `source` is what it derives the object's fields from.
 * @example const { Record, Create, Update } = resource('Contact', { accountId: Id, name: z.string() }, { required: ['accountId', 'name'] })
 */
export function resource<
  F extends Shape,
  Req extends keyof F & string = never,
  O extends Partial<Record<keyof F, z.ZodType>> = Record<never, never>,
  R extends Shape = Record<never, never>,
>(
  name: string,
  fields: F,
  opts: {
    required?: Req[]
    out?: O
    readOnly?: R
    base?: ResourceSource['base']
  } = {},
) {
  const required = new Set<string>(opts.required ?? [])
  const create: Record<string, z.ZodType> = {}
  const update: Record<string, z.ZodType> = {}
  const record: Record<string, z.ZodType> = {}
  for (const [k, schema] of Object.entries(fields)) {
    create[k] = required.has(k) ? schema : (schema as z.ZodType).nullable().optional()
    update[k] = required.has(k) ? schema.optional() : schema.nullable().optional()
    record[k] = ((opts.out as Record<string, z.ZodType> | undefined)?.[k] ?? schema).nullable()
  }
  Object.assign(record, opts.readOnly ?? {})
  const source: ResourceSource<F, R> = {
    fields,
    readOnly: opts.readOnly ?? ({} as R),
    required: opts.required ?? [],
    base: opts.base ?? {},
  }
  return {
    source,
    Record: RecordBase.extend(record).meta({ id: name }) as unknown as z.ZodObject<
      typeof RecordBase.shape & RecordShape<F, O> & R
    >,
    Create: z
      .object({ ...create, ...ownerShape })
      .strict()
      .meta({ id: `${name}Create` }) as unknown as z.ZodObject<CreateShape<F, Req> & OwnerShape>,
    Update: z
      .object({ version: Version, ...update, ...ownerShape })
      .strict()
      .meta({ id: `${name}Update` }) as unknown as z.ZodObject<
      UpdateShape<F, Req> & OwnerShape & { version: typeof Version }
    >,
  }
}
