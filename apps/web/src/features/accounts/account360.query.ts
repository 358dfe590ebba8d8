import { get } from '../../shared/api/client'

/** The 360° page's own request: the account with everything around it (one related record per list). */
export const account360Query = (id: string) => ({
  queryKey: ['360', id],
  queryFn: () => get<Record<string, any>>(`/accounts/${id}/360`, { limit: 1 }),
})
