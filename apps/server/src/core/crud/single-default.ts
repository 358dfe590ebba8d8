import { and, eq, isNull, ne } from 'drizzle-orm'
import type { PgColumn } from 'drizzle-orm/pg-core'
import type { Executor } from '../db/types'

type DefaultTable = {
  id: PgColumn
  name: PgColumn
  workspaceId: PgColumn
  isDefault: PgColumn
  deletedAt: PgColumn
}

/**
 * For configuration collections with one default per workspace (health models, scoring models): the
 * field error when another live record is the default already, else null. `exceptId` is the record being
 * saved.
 */
export async function otherDefaultError(
  tx: Executor,
  table: DefaultTable,
  ws: string,
  exceptId: string | undefined,
): Promise<{ path: string; message: string } | null> {
  const [other] = (await tx
    .select({ name: table.name })
    .from(table as never)
    .where(
      and(
        eq(table.workspaceId, ws),
        eq(table.isDefault, true),
        isNull(table.deletedAt),
        exceptId ? ne(table.id, exceptId) : undefined,
      ),
    )
    .limit(1)) as { name: string }[]
  return other
    ? { path: 'isDefault', message: `"${other.name}" is the default model already; unset it there first` }
    : null
}
