import { useQuery } from '@tanstack/react-query'
import { get, post } from '../shared/api/client'

/** One of the signed-in person's workspaces (GET /auth/workspaces). */
export type MyWorkspace = {
  id: string
  name: string
  slug: string
  current: boolean
  lastUsedAt: string | null
}

/** The person's workspaces: their user rows by the same e-mail that this sign-in's password opened. */
export const useMyWorkspaces = (enabled: boolean) =>
  useQuery({
    queryKey: ['my-workspaces'],
    queryFn: async () => (await get<{ data: MyWorkspace[] }>('/auth/workspaces')).data,
    enabled,
    staleTime: 60_000,
  })

/** A session in the other workspace (the cookie is replaced), then the app loads afresh there. */
export async function switchWorkspace(workspaceId: string) {
  await post('/auth/switch', { workspaceId })
  window.location.assign('/')
}
