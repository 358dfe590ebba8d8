import type { ImportObject } from '@openkam/contract'
import { scopeFor } from '../../core/access/permissions'
import { isUuid } from '../../core/ids'
import type { Ctx } from '../../core/context'
import type { Executor } from '../../core/db/types'
import { accountCollection } from '../accounts'
import { entry, columnFor, type Prepared } from './import-rows'
import { resolveAccountLinks } from './import-links'
import type { MappedColumn } from './import-mapping'
import { findAccountRefs, findContactsOf, findUsers, type AccountRef } from './import.repository'

const lower = (s: string) => s.trim().toLowerCase()
const uniq = (xs: (string | undefined | null)[]) => [...new Set(xs.filter((x): x is string => !!x))]

/**
 * Resolves the references of every row in a few bulk queries: owner and CSM e-mails (or ids) to users,
 * account ids, names or credit codes to accounts the importer can see, and contact e-mails to contacts of
 * that account, and custom relations to accounts by id, credit code or name. Unresolved references become
 * errors on their column. Returns the accounts found by id.
 */
export async function resolveRefs(
  tx: Executor,
  ctx: Ctx,
  object: ImportObject,
  mapped: MappedColumn[],
  rows: Prepared[],
): Promise<Map<string, AccountRef>> {
  await resolveUsers(tx, ctx, mapped, rows)
  await resolveAccountLinks(tx, ctx, mapped, rows)
  if (object !== 'contacts' && object !== 'activities') return new Map()
  const accounts = await resolveAccounts(tx, ctx, mapped, rows)
  if (object === 'activities') await resolveContacts(tx, ctx, mapped, rows)
  return accounts
}

async function resolveUsers(tx: Executor, ctx: Ctx, mapped: MappedColumn[], rows: Prepared[]) {
  const emails = uniq(
    rows.flatMap((p) => [p.refs.owner, p.refs.csm].map((e) => (e ? lower(e as string) : null))),
  )
  const ids = uniq(rows.flatMap((p) => [p.input.ownerId, p.input.csmId])).filter(isUuid)
  if (emails.length === 0 && ids.length === 0) return
  const found = await findUsers(tx, ctx.ws, emails, ids)
  const byEmail = new Map(found.map((u) => [lower(u.email), u.id]))
  const known = new Set(found.map((u) => u.id))
  for (const p of rows) {
    for (const [ref, field] of [
      ['owner', 'ownerId'],
      ['csm', 'csmId'],
    ] as const) {
      const id = p.input[field]
      if (typeof id === 'string' && isUuid(id) && !known.has(id))
        p.errors.push(entry(p.row, columnFor(mapped, field), 'no such user in this workspace'))
      const email = p.refs[ref] as string | undefined
      if (!email || id !== undefined) continue
      const userId = byEmail.get(lower(email))
      if (userId) p.input[field] = userId
      else
        p.errors.push(
          entry(p.row, columnFor(mapped, ref), `no active user with the e-mail "${email}" in this workspace`),
        )
    }
  }
}

async function resolveAccounts(tx: Executor, ctx: Ctx, mapped: MappedColumn[], rows: Prepared[]) {
  const scope = scopeFor(ctx.principal, 'accounts', 'read')
  const ids = uniq(rows.map((p) => p.input.accountId)).filter(isUuid)
  const codes = uniq(
    rows.map((p) => (p.input.accountId ? null : (p.refs.accountCreditCode as string)?.trim())),
  )
  const names = uniq(
    rows.map((p) =>
      p.input.accountId || p.refs.accountCreditCode ? null : lower((p.refs.account as string) ?? ''),
    ),
  )
  const found =
    scope === 'none'
      ? []
      : await findAccountRefs(tx, ctx.ws, { ids, names, codes }, accountCollection.visibility(ctx, scope))
  const byId = new Map(found.map((a) => [a.id, a]))
  const byCode = new Map(found.filter((a) => a.creditCode).map((a) => [a.creditCode!, a]))
  const byName = new Map<string, AccountRef[]>()
  for (const a of byId.values()) byName.set(lower(a.name), [...(byName.get(lower(a.name)) ?? []), a])
  for (const p of rows) {
    const id = p.input.accountId
    if (typeof id === 'string') {
      if (isUuid(id) && !byId.has(id))
        p.errors.push(entry(p.row, columnFor(mapped, 'accountId'), 'no such account in this workspace'))
      continue
    }
    const code = (p.refs.accountCreditCode as string | undefined)?.trim()
    if (code) {
      const a = byCode.get(code)
      if (a) p.input.accountId = a.id
      else
        p.errors.push(
          entry(p.row, columnFor(mapped, 'accountCreditCode'), `no account with the credit code "${code}"`),
        )
      continue
    }
    const name = p.refs.account as string | undefined
    if (!name) continue
    const matches = byName.get(lower(name)) ?? []
    if (matches.length === 1) p.input.accountId = matches[0]!.id
    else
      p.errors.push(
        entry(
          p.row,
          columnFor(mapped, 'account'),
          matches.length === 0
            ? `no account named "${name}" in this workspace`
            : `${matches.length} accounts are named "${name}"; add a column with the account id or credit code`,
        ),
      )
  }
  return byId
}

async function resolveContacts(tx: Executor, ctx: Ctx, mapped: MappedColumn[], rows: Prepared[]) {
  const wanted = rows.filter((p) => Array.isArray(p.refs.contactEmails) && p.input.accountId)
  if (wanted.length === 0) return
  const list = await findContactsOf(tx, ctx.ws, uniq(wanted.map((p) => p.input.accountId)))
  const byEmail = new Map(list.filter((c) => c.email).map((c) => [`${c.accountId}|${lower(c.email!)}`, c.id]))
  const col = columnFor(mapped, 'contactEmails')
  for (const p of wanted) {
    const ids: string[] = []
    for (const email of p.refs.contactEmails as string[]) {
      const id = byEmail.get(`${p.input.accountId}|${lower(email)}`)
      if (id) ids.push(id)
      else p.errors.push(entry(p.row, col, `no contact with the e-mail "${email}" at this account`))
    }
    p.input.contactIds = [...new Set(ids)]
  }
}
