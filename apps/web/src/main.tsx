import { StrictMode, Suspense, lazy, useEffect } from 'react'
import { createRoot } from 'react-dom/client'
import { App as AntApp, ConfigProvider } from 'antd'
import { QueryClient, QueryClientProvider } from '@tanstack/react-query'
import { useTranslation } from 'react-i18next'
import { antdLocaleOf, i18n, i18nReady, withTexts } from './shared/i18n/i18n'
import './styles.css'
import { AuthProvider, useAuth } from './app/auth'
import { LoadingState } from './shared/ui/loading'
import { reducedMotion } from './shared/ui/motion'
import { prefetchLanding } from './app/landing-prefetch'

const SignInPage = lazy(() => import('./app/SignInPage'))
// The signed-in app (its shell, router and pages) loads only once someone is signed in — or, for a browser
// that was signed in when last used (a hint, not a credential), alongside the session check.
const SIGNED_IN_HINT = 'openkam.signedIn'
const loadSignedInApp = () => import('./app/router')
const SignedInApp = lazy(loadSignedInApp)
const ConfirmMilestonePage = lazy(withTexts(() => import('./features/lifecycle/ConfirmMilestonePage')))
const SurveyAnswerPage = lazy(withTexts(() => import('./features/surveys/SurveyAnswerPage')))
const ApproveByLinkPage = lazy(withTexts(() => import('./features/approval-link/ApproveByLinkPage')))
const TicketRatingPage = lazy(withTexts(() => import('./features/tickets/satisfaction/TicketRatingPage')))
const PortalApp = lazy(withTexts(() => import('./features/portal/PortalApp')))

/** The customer's milestone confirmation link: a public page, outside sign-in and the app shell. */
const confirmToken = /^\/confirm\/([^/]+)\/?$/.exec(window.location.pathname)?.[1]
/** The contact's survey link (NPS / satisfaction): public too. */
const surveyToken = /^\/survey\/([^/]+)\/?$/.exec(window.location.pathname)?.[1]
/** An approver's e-mailed decision link: public, single-use. */
const approveToken = /^\/approve\/([^/]+)\/?$/.exec(window.location.pathname)?.[1]
/** A contact's link to rate how their resolved ticket was handled: public, single-use. */
const rateToken = /^\/rate\/([^/]+)\/?$/.exec(window.location.pathname)?.[1]
/** The customer portal (/portal/<workspace>/…): its own sign-in and pages, outside the staff app. */
const portalSlug = /^\/portal\/([^/]+)/.exec(window.location.pathname)?.[1]

const queryClient = new QueryClient({
  defaultOptions: { queries: { retry: 1, refetchOnWindowFocus: false, staleTime: 15_000 } },
})
// What the server wrote in the old language (labels, explanations, errors) is fetched again in the new one.
// (Listened to once the first language is in: its own start is no change.)
void i18nReady.then(() => i18n.on('languageChanged', () => void queryClient.invalidateQueries()))
if (localStorage.getItem(SIGNED_IN_HINT)) {
  void loadSignedInApp()
  prefetchLanding(queryClient, window.location.pathname)
}

function Gate() {
  const { me, loading } = useAuth()
  useEffect(() => {
    if (loading) return
    if (me) localStorage.setItem(SIGNED_IN_HINT, '1')
    else localStorage.removeItem(SIGNED_IN_HINT)
  }, [me, loading])
  if (confirmToken)
    return (
      <Suspense fallback={<LoadingState rows={6} />}>
        <ConfirmMilestonePage token={decodeURIComponent(confirmToken)} />
      </Suspense>
    )
  if (surveyToken)
    return (
      <Suspense fallback={<LoadingState rows={6} />}>
        <SurveyAnswerPage token={decodeURIComponent(surveyToken)} />
      </Suspense>
    )
  if (approveToken)
    return (
      <Suspense fallback={<LoadingState rows={6} />}>
        <ApproveByLinkPage token={decodeURIComponent(approveToken)} />
      </Suspense>
    )
  if (portalSlug)
    return (
      <Suspense fallback={<LoadingState rows={6} />}>
        <PortalApp slug={decodeURIComponent(portalSlug)} />
      </Suspense>
    )
  if (rateToken)
    return (
      <Suspense fallback={<LoadingState rows={6} />}>
        <TicketRatingPage token={decodeURIComponent(rateToken)} />
      </Suspense>
    )
  if (loading) return <LoadingState rows={10} />
  return <Suspense fallback={<LoadingState rows={10} />}>{me ? <SignedInApp /> : <SignInPage />}</Suspense>
}

function Root() {
  const { i18n } = useTranslation()
  return (
    <ConfigProvider
      // (English is antd's own default.)
      locale={antdLocaleOf(i18n.language)}
      theme={{
        token: {
          colorPrimary: '#1f56d6',
          colorLink: '#1f56d6',
          // Darker, not lighter, under the pointer: white text keeps a 4.5:1 contrast on a hovered button.
          colorPrimaryHover: '#1a49b8',
          colorPrimaryActive: '#153d9c',
          colorLinkHover: '#1a49b8',
          borderRadius: 6,
          colorTextSecondary: '#545a63',
          colorTextDescription: '#545a63',
          // Labels (descriptions, table captions) stay readable: 4.5:1 on white, not antd's #8c8c8c.
          colorTextTertiary: '#646a73',
          colorTextPlaceholder: '#6b717a',
          // Respect the system's "reduce motion": no antd transitions or animations then.
          motion: !reducedMotion(),
        },
      }}
    >
      <AntApp>
        <QueryClientProvider client={queryClient}>
          <AuthProvider>
            <Gate />
          </AuthProvider>
        </QueryClientProvider>
      </AntApp>
    </ConfigProvider>
  )
}

// The first language's texts arrive first (one small request), so no screen shows before its words.
void i18nReady.then(() =>
  createRoot(document.getElementById('root')!).render(
    <StrictMode>
      <Root />
    </StrictMode>,
  ),
)
