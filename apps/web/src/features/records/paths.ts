/** The page of a record (the account page for accounts, the generic record page otherwise). */
export const recordPathOf = (collection: string, id: string) =>
  collection === 'accounts' ? `/accounts/${id}` : `/${collection}/${id}`
