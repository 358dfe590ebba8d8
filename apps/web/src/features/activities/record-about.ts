/**
 * The built-in objects whose pages carry an activity feed about the record itself, by collection, with
 * the entity the API names them by (`relatedType`). Accounts, contacts and deals have their own feeds
 * (activities naming them); tickets their conversation; activities and tasks none.
 */
const aboutEntities: Record<string, string> = {
  leads: 'lead',
  contracts: 'contract',
  quotes: 'quote',
  orders: 'order',
  invoices: 'invoice',
  payments: 'payment',
  handoffs: 'handoff',
}

/**
 * What a record page's activity card is about: the record (by entity and id) and its account, if it has
 * one (a converted lead's is the account it became; a custom record's, its first relation field to
 * accounts, as the server reads it). Custom objects' records are named by their key. Null for a page that
 * has no such card.
 */
export function activityAbout(
  collection: string,
  builtIn: boolean,
  record: {
    id: string
    accountId?: string | null
    convertedAccountId?: string | null
    custom?: Record<string, unknown> | null
  },
  fields: readonly { key: string; custom?: boolean; relation?: { object: string } }[] = [],
): { related: { type: string; id: string }; accountId: string | null } | null {
  const type = builtIn ? aboutEntities[collection] : collection
  if (!type) return null
  const rel = builtIn ? undefined : fields.find((f) => f.custom && f.relation?.object === 'accounts')
  const related = rel ? record.custom?.[rel.key] : undefined
  return {
    related: { type, id: record.id },
    accountId:
      record.accountId ?? record.convertedAccountId ?? (typeof related === 'string' ? related : null),
  }
}
