import type { QueryClient } from '@tanstack/react-query'
import { account360Query } from '../features/accounts/account360.query'
import { withTexts } from '../shared/i18n/i18n'

const ACCOUNT = /^\/accounts\/([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})\/?$/i

/**
 * For a browser that was signed in when last used: starts the landing page's chunk — and, for an account's
 * 360° page, its request — at once, beside the session check and the shell's chunk, instead of after them.
 * A session that has ended meanwhile costs one refused request; the page asks again once signed in.
 */
export function prefetchLanding(qc: QueryClient, path: string) {
  const account = ACCOUNT.exec(path)?.[1]
  if (account) {
    void withTexts(() => import('../features/accounts/Account360Page'))()
    void qc.prefetchQuery(account360Query(account))
  } else if (path === '/') void import('../features/home/HomePage')
}
