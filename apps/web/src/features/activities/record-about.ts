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
 * one (a converted lead's is the account it became). Custom objects' records are named by their key; the
 * server finds the account of their relation field. Null for a page that has no such card.
 */
export function activityAbout(
  collection: string,
  builtIn: boolean,
  record: { id: string; accountId?: string | null; convertedAccountId?: string | null },
): { related: { type: string; id: string }; accountId: string | null } | null {
  const type = builtIn ? aboutEntities[collection] : collection
  if (!type) return null
  return {
    related: { type, id: record.id },
    accountId: record.accountId ?? record.convertedAccountId ?? null,
  }
}
