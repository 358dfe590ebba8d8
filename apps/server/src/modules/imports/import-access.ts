import type { Ctx } from '../../core/context'
import { AppError } from '../../core/errors'
import type { MappedColumn } from './import-mapping'
import { referenceColumns } from './import-synonyms'

/** The record field a reference column fills (owner → ownerId, account → accountId …). */
const filledBy = new Map(
  Object.entries(referenceColumns).flatMap(([field, r]) => r.columns.map((c) => [c.key, field] as const)),
)

/** The record field a column fills, as field-level security names it (`annualSpend`, `custom.<key>`). */
export const fieldOf = (key: string) =>
  filledBy.get(key) ?? (key.startsWith('custom.') ? key : key.split('.')[0]!)

/**
 * Refuses (403 `field_not_writable`, before anything is read or written) a file with columns that fill
 * fields the person's role may not change on the object (read-only or hidden: Settings → Roles), as a
 * create through the API would be refused.
 */
export function checkWritableColumns(ctx: Ctx, object: string, mapped: MappedColumn[]): void {
  const access = ctx.principal.fieldAccess?.[object]
  if (!access) return
  const denied = mapped.filter((m) => access[fieldOf(m.field.key)])
  if (!denied.length) return
  const fields = [...new Set(denied.map((m) => fieldOf(m.field.key)))]
  throw new AppError(
    'forbidden',
    'field_not_writable',
    `Your role may not change ${fields.join(', ')} of ${object}`,
    {
      errors: denied.map((m) => ({
        path: `mapping.${m.column}`,
        message:
          access[fieldOf(m.field.key)] === 'read'
            ? 'is read-only for your role'
            : 'is not visible to your role',
      })),
    },
  )
}
