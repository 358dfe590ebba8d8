import type { Ctx } from '../../core/context'
import type { Executor } from '../../core/db/types'

/** A record an activity may be about, as its writer can read it: its account, if it has one. */
export type RelatedRecord = { accountId: string | null }

/**
 * Finds a record of any object by entity (`lead`, `contract`, a custom object's key) and id, within what
 * the person may read; null when there is none. The object model implements it (modules/fields knows every
 * object) and the runtime registers it at start, so this module depends on no object but the ones it names.
 */
export type RecordLocator = (
  tx: Executor,
  ctx: Ctx,
  entity: string,
  id: string,
) => Promise<RelatedRecord | null>

let locate: RecordLocator | null = null

/** Registers the object model's record locator (the runtime does it once at start). */
export const setRecordLocator = (fn: RecordLocator | null) => {
  locate = fn
}

type Row = Record<string, any>

/**
 * The related record of a candidate activity, checked: it must exist and be readable, and an activity
 * naming an account too must name the record's own. Returns the field errors and the account to fill in.
 */
export async function checkRelated(
  tx: Executor,
  ctx: Ctx,
  candidate: Row,
): Promise<{ errors: { path: string; message: string }[]; accountId?: string | null }> {
  const type = candidate.relatedType as string | null | undefined
  const id = candidate.relatedId as string | null | undefined
  if (!type && !id)
    return candidate.accountId
      ? { errors: [] }
      : {
          errors: [
            {
              path: 'accountId',
              message: 'give the account, or the record the activity is about (relatedType and relatedId)',
            },
          ],
        }
  if (!type || !id)
    return {
      errors: [
        { path: type ? 'relatedId' : 'relatedType', message: 'relatedType and relatedId go together' },
      ],
    }
  if (type === 'activity')
    return { errors: [{ path: 'relatedType', message: 'an activity cannot be about another activity' }] }
  if (!locate) throw new Error('no record locator registered (setRecordLocator)')
  const found = await locate(tx, ctx, type, id)
  if (!found)
    return {
      errors: [{ path: 'relatedId', message: `no ${type} ${id} that you can read in this workspace` }],
    }
  if (candidate.accountId && found.accountId && candidate.accountId !== found.accountId)
    return { errors: [{ path: 'accountId', message: `the ${type} belongs to another account` }] }
  if (candidate.accountId && !found.accountId && type === 'lead')
    return {
      errors: [
        {
          path: 'accountId',
          message: 'the lead has no account yet; its activities move to the account it converts into',
        },
      ],
    }
  return { errors: [], accountId: candidate.accountId ?? found.accountId }
}

/** The account of the record a new or moved activity is about (null for a lead not converted yet). */
export async function locateAccount(tx: Executor, ctx: Ctx, row: Row): Promise<string | null> {
  if (!row.relatedType || !row.relatedId || !locate) return null
  return (await locate(tx, ctx, row.relatedType, row.relatedId))?.accountId ?? null
}
