import { useState } from 'react'
import { Alert, Button, Card, Descriptions, Empty, Input, Result, Space, Typography } from 'antd'
import dayjs from 'dayjs'
import { useTranslation } from 'react-i18next'
import { ScoreForm } from '../surveys/ScoreForm'
import { fivePointBand, useRatingTexts } from '../tickets/satisfaction/rating-texts'
import { EnumTag } from '../records/display'
import { ApiError } from '../../shared/api/client'
import { LoadingState } from '../../shared/ui/states'
import {
  PortalAttach,
  PortalMessageFiles,
  stillUploading,
  uploadedIds,
  type Attached,
} from './PortalAttachments'
import { portalApi, usePortalMessages, usePortalRefresh, usePortalTicket } from './portal.queries'

type Props = { slug: string; id: string; go: (to: string) => void; root: string }

/** A ticket as its customer sees it: the facts, the public conversation, a reply, and the resolution steps. */
export function PortalTicketPage({ slug, id, go, root }: Props) {
  const { t } = useTranslation()
  const ratingTexts = useRatingTexts()
  const ticket = usePortalTicket(slug, id)
  const messages = usePortalMessages(slug, id)
  const refresh = usePortalRefresh(slug)
  const [reply, setReply] = useState('')
  const [files, setFiles] = useState<Attached[]>([])
  const [busy, setBusy] = useState<string | null>(null)
  const [error, setError] = useState<string | null>(null)
  const api = portalApi(slug)

  const act = async (what: string, fn: () => Promise<unknown>) => {
    setBusy(what)
    setError(null)
    try {
      await fn()
      refresh(id)
      return true
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e))
      return false
    } finally {
      setBusy(null)
    }
  }
  const fileIds = uploadedIds(files)
  const uploading = stillUploading(files)
  const canSend = (!!reply.trim() || fileIds.length > 0) && !uploading
  const send = async () => {
    if (!canSend) return
    if (await act('reply', () => api.reply(id, reply.trim(), fileIds))) {
      setReply('')
      setFiles([])
    }
  }

  if (ticket.isLoading) return <LoadingState rows={5} />
  if (ticket.error)
    return (
      <Result
        status={ticket.error instanceof ApiError && ticket.error.status === 404 ? '404' : 'warning'}
        title={t('portal.notFound')}
        extra={<Button onClick={() => go(root)}>{t('portal.back')}</Button>}
      />
    )
  const x = ticket.data!
  const done = x.status === 'resolved' || x.status === 'closed'
  return (
    <Space direction="vertical" size={16} style={{ width: '100%' }}>
      <Card
        className="portal-card"
        title={
          <span>
            <span className="num">{x.number}</span> {x.subject}
          </span>
        }
        extra={<Button onClick={() => go(root)}>{t('portal.back')}</Button>}
      >
        <Descriptions size="small" column={{ xs: 1, sm: 3 }}>
          <Descriptions.Item label={t('portal.status')}>
            <EnumTag group="ticketStatus" value={x.status} />
          </Descriptions.Item>
          <Descriptions.Item label={t('portal.priority')}>
            <EnumTag group="priority" value={x.priority} />
          </Descriptions.Item>
          <Descriptions.Item label={t('portal.type')}>
            <EnumTag group="ticketType" value={x.type} />
          </Descriptions.Item>
        </Descriptions>
        <Typography.Text type="secondary">
          {t('portal.openedBy', {
            name: x.contactName ?? '—',
            date: dayjs(x.createdAt).format('YYYY-MM-DD HH:mm'),
          })}
        </Typography.Text>
        {x.body && <Typography.Paragraph className="portal-body">{x.body}</Typography.Paragraph>}
      </Card>

      {error && <Alert type="error" showIcon message={t('portal.error', { message: error })} />}

      {x.status === 'resolved' && (
        <Alert
          type="success"
          showIcon
          message={t('portal.resolvedAsk')}
          action={
            <Space wrap>
              <Button
                type="primary"
                loading={busy === 'confirm'}
                onClick={() => void act('confirm', () => api.move(id, 'confirm'))}
              >
                {t('portal.confirm')}
              </Button>
              <Button
                loading={busy === 'reopen'}
                onClick={() => void act('reopen', () => api.move(id, 'reopen'))}
              >
                {t('portal.reopen')}
              </Button>
            </Space>
          }
        />
      )}

      {done && (
        <Card
          className="portal-card"
          title={<span id="portal-rate-question">{t('portal.rateAsk')}</span>}
          data-testid="portal-rating"
        >
          {x.satisfaction ? (
            <Typography.Text>{t('portal.rated', { score: x.satisfaction })}</Typography.Text>
          ) : (
            <ScoreForm
              compact
              scores={[1, 2, 3, 4, 5]}
              band={fivePointBand}
              labelledBy="portal-rate-question"
              texts={{ ...ratingTexts, comment: t('portal.rateComment'), submit: t('portal.rate') }}
              pending={busy === 'rate'}
              onSubmit={(score, comment) => act('rate', () => api.rate(id, score, comment))}
            />
          )}
          {x.status === 'closed' && (
            <div style={{ marginTop: 12 }}>
              <Button
                loading={busy === 'reopen'}
                onClick={() => void act('reopen', () => api.move(id, 'reopen'))}
              >
                {t('portal.reopenClosed')}
              </Button>
            </div>
          )}
        </Card>
      )}

      <Card className="portal-card" title={t('portal.conversation')}>
        {messages.isLoading ? (
          <LoadingState rows={3} />
        ) : !messages.data?.data.length ? (
          <Empty description={t('portal.noMessages')} />
        ) : (
          <div className="portal-thread" data-testid="portal-thread">
            {messages.data.data.map((m) => (
              <div key={m.id} className={m.fromCustomer ? 'portal-msg mine' : 'portal-msg'}>
                <Typography.Text strong>
                  {m.fromCustomer ? t('portal.you') : (m.authorName ?? t('portal.team'))}
                </Typography.Text>{' '}
                <Typography.Text type="secondary">
                  {dayjs(m.createdAt).format('YYYY-MM-DD HH:mm')}
                </Typography.Text>
                {m.body && <div className="portal-msg-body">{m.body}</div>}
                <PortalMessageFiles slug={slug} files={m.files} />
              </div>
            ))}
          </div>
        )}
        <Input.TextArea
          rows={3}
          value={reply}
          maxLength={20_000}
          onChange={(e) => setReply(e.target.value)}
          onKeyDown={(e) => {
            if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) void send()
          }}
          placeholder={t('portal.reply')}
          aria-label={t('portal.reply')}
          style={{ marginTop: 12 }}
        />
        <PortalAttach slug={slug} files={files} setFiles={setFiles} disabled={busy === 'reply'} />
        <Space style={{ marginTop: 8 }} wrap>
          <Button type="primary" disabled={!canSend} loading={busy === 'reply'} onClick={() => void send()}>
            {t('portal.send')}
          </Button>
          <Typography.Text type="secondary">
            {uploading ? t('portal.files.uploading') : t('portal.sendHint')}
          </Typography.Text>
        </Space>
      </Card>
    </Space>
  )
}
