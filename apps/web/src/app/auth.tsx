import { createContext, useContext, useEffect, type ReactNode } from 'react'
import { useQuery, useQueryClient } from '@tanstack/react-query'
import { get, post, setUnauthorizedHandler } from '../shared/api/client'

export type Me = {
  id: string
  name: string
  email: string
  roles: string[]
  workspace: { id: string; name: string; slug: string; locale: string; currency: string }
  permissions: Record<string, { read?: string; create?: string; update?: string; delete?: string }>
  /** An instance operator: sees Settings → Workspaces. */
  operator?: boolean
}

type Auth = {
  me: Me | null
  loading: boolean
  expired: boolean
  signOut: () => Promise<void>
  refresh: () => void
}
const AuthContext = createContext<Auth>({
  me: null,
  loading: true,
  expired: false,
  signOut: async () => {},
  refresh: () => {},
})

export function AuthProvider({ children }: { children: ReactNode }) {
  const qc = useQueryClient()
  const me = useQuery({
    queryKey: ['me'],
    // /auth/session answers 200 with null when nobody is signed in, so a first visit logs no error.
    queryFn: async () => (await get<{ user: Me | null }>('/auth/session')).user,
    staleTime: Infinity,
    retry: false,
  })
  useEffect(() => {
    setUnauthorizedHandler(() => {
      if (qc.getQueryData(['me'])) {
        qc.setQueryData(['me'], null)
        sessionStorage.setItem('openkam.expired', '1')
      }
    })
  }, [qc])
  const value: Auth = {
    me: me.data ?? null,
    loading: me.isLoading,
    expired: sessionStorage.getItem('openkam.expired') === '1',
    refresh: () => void qc.invalidateQueries({ queryKey: ['me'] }),
    signOut: async () => {
      await post('/auth/logout').catch(() => undefined)
      qc.clear()
      qc.setQueryData(['me'], null)
    },
  }
  return <AuthContext.Provider value={value}>{children}</AuthContext.Provider>
}

export const useAuth = () => useContext(AuthContext)

/** Whether the signed-in person may do `action` on `collection` at all. */
export function can(me: Me | null, collection: string, action: 'read' | 'create' | 'update' | 'delete') {
  if (!me) return false
  const scope = me.permissions[collection]?.[action] ?? me.permissions['*']?.[action] ?? 'none'
  return scope !== 'none'
}
