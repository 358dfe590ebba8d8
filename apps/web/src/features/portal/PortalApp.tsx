import { useEffect, useState } from 'react'
import { useQueryClient } from '@tanstack/react-query'
import { Alert, Button, Card, Form, Input, Layout, Result, Space, Typography } from 'antd'
import { useTranslation } from 'react-i18next'
import { LanguageSwitch } from '../../app/LanguageSwitch'
import { ApiError } from '../../shared/api/client'
import { LoadingState } from '../../shared/ui/states'
import { PortalTicketList, PortalNewTicket } from './PortalTickets'
import { PortalTicketPage } from './PortalTicketPage'
import { portalApi, portalKeys, usePortalMe, type PortalMe } from './portal.queries'
import './portal.css'

/** Where the portal is: its workspace slug and the rest of the path. */
export const portalPath = (pathname: string) => {
  const m = /^\/portal\/([^/]+)(\/.*)?$/.exec(pathname)
  return m ? { slug: decodeURIComponent(m[1]!), rest: m[2] ?? '/' } : null
}

/** Moves within the portal without reloading (the browser's back and forward work too). */
function usePortalLocation() {
  const [pathname, setPathname] = useState(window.location.pathname)
  useEffect(() => {
    const on = () => setPathname(window.location.pathname)
    window.addEventListener('popstate', on)
    return () => window.removeEventListener('popstate', on)
  }, [])
  const go = (to: string, replace = false) => {
    if (replace) window.history.replaceState(null, '', to)
    else window.history.pushState(null, '', to)
    setPathname(to)
    window.scrollTo(0, 0)
  }
  return { pathname, go }
}

/** The sign-in form: an e-mail address in, a one-time link out (the same answer for any address). */
function PortalSignIn({ slug, problem }: { slug: string; problem?: string }) {
  const { t, i18n } = useTranslation()
  const [sent, setSent] = useState<string | null>(null)
  const [busy, setBusy] = useState(false)
  const [error, setError] = useState<string | null>(null)
  const submit = async ({ email }: { email: string }) => {
    setBusy(true)
    setError(null)
    try {
      await portalApi(slug).signIn(email.trim(), i18n.language === 'en' ? 'en' : 'zh-CN')
      setSent(email.trim())
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e))
    } finally {
      setBusy(false)
    }
  }
  if (sent)
    return (
      <Result
        status="success"
        title={t('portal.signIn.sent')}
        subTitle={t('portal.signIn.sentHelp', { email: sent })}
        extra={<Button onClick={() => setSent(null)}>{t('portal.signIn.again')}</Button>}
      />
    )
  return (
    <Card className="portal-card" title={t('portal.signIn.title')}>
      {problem && (
        <Alert
          type="warning"
          showIcon
          style={{ marginBottom: 16 }}
          message={t('portal.signIn.badLink')}
          description={t(`portal.signIn.${problem}`, { defaultValue: t('portal.signIn.invalid_link') })}
        />
      )}
      <Typography.Paragraph type="secondary">{t('portal.signIn.help')}</Typography.Paragraph>
      {error && <Alert type="error" showIcon style={{ marginBottom: 16 }} message={error} />}
      <Form layout="vertical" onFinish={submit} requiredMark={false}>
        <Form.Item
          name="email"
          label={t('portal.signIn.email')}
          rules={[{ required: true, type: 'email', message: t('portal.signIn.emailInvalid') }]}
        >
          <Input type="email" autoComplete="email" autoFocus inputMode="email" />
        </Form.Item>
        <Button type="primary" htmlType="submit" loading={busy} block>
          {t('portal.signIn.send')}
        </Button>
      </Form>
    </Card>
  )
}

/** The e-mailed link's landing: spends the token for a session, then shows the tickets. */
function PortalLinkLanding({
  slug,
  token,
  onDone,
}: {
  slug: string
  token: string
  onDone: (me: PortalMe) => void
}) {
  const [problem, setProblem] = useState<string | null>(null)
  useEffect(() => {
    let live = true
    portalApi(slug)
      .start(token)
      .then((me) => live && onDone(me))
      .catch((e: unknown) => live && setProblem(e instanceof ApiError ? e.code : 'invalid_link'))
    return () => {
      live = false
    }
    // The token is spent once per visit of the link.
  }, [slug, token])
  if (problem) return <PortalSignIn slug={slug} problem={problem} />
  return <LoadingState rows={3} />
}

/**
 * The customer portal at /portal/<workspace>: a contact signs in with an e-mailed one-time link, sees
 * and submits their account's tickets, follows the conversation, confirms or reopens a resolution and
 * rates it. Outside the staff app (its own cookie and API), in Chinese and English, made for a phone too.
 */
export default function PortalApp({ slug }: { slug: string }) {
  const { t } = useTranslation()
  const { pathname, go } = usePortalLocation()
  const rest = portalPath(pathname)?.rest ?? '/'
  const root = `/portal/${encodeURIComponent(slug)}`
  const link = /^\/link\/([^/]+)\/?$/.exec(rest)?.[1]
  const qc = useQueryClient()
  // Not asked while the link is being spent: an answer sent before the session cookie would say "nobody".
  const me = usePortalMe(slug, !link)
  const ticketId = /^\/tickets\/([^/]+)\/?$/.exec(rest)?.[1]

  let body
  if (link)
    body = (
      <PortalLinkLanding
        slug={slug}
        token={decodeURIComponent(link)}
        onDone={(who) => {
          qc.setQueryData(portalKeys.me(slug), who)
          go(root, true)
        }}
      />
    )
  else if (me.isLoading) body = <LoadingState rows={4} />
  else if (me.error instanceof ApiError && me.error.status === 404)
    body = <Result status="404" title={me.error.message} />
  else if (!me.data) body = <PortalSignIn slug={slug} />
  else if (rest === '/new') body = <PortalNewTicket slug={slug} go={go} root={root} />
  else if (ticketId) body = <PortalTicketPage slug={slug} id={ticketId} go={go} root={root} />
  else body = <PortalTicketList slug={slug} me={me.data} go={go} root={root} />

  const signOut = async () => {
    await portalApi(slug).signOut()
    qc.removeQueries({ queryKey: ['portal', slug] })
    go(root, true)
    void me.refetch()
  }
  return (
    <Layout className="portal">
      <Layout.Header className="portal-header">
        <Space direction="vertical" size={0} className="portal-brand">
          <Typography.Text strong>{me.data?.workspace.name ?? t('portal.title')}</Typography.Text>
          {me.data && (
            <Typography.Text type="secondary" className="portal-who">
              {t('portal.signedInAs', { contact: me.data.contact.name, account: me.data.account.name })}
            </Typography.Text>
          )}
        </Space>
        <Space size={8}>
          <LanguageSwitch />
          {me.data && <Button onClick={() => void signOut()}>{t('portal.signOut')}</Button>}
        </Space>
      </Layout.Header>
      <Layout.Content className="portal-content">{body}</Layout.Content>
    </Layout>
  )
}
