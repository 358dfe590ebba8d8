import { useRef, useState } from 'react'
import { Alert, App, Button, Card, Input, Segmented, Space, Tag, Typography, Upload } from 'antd'
import { LockOutlined, MailOutlined, PaperClipOutlined, SendOutlined, UserOutlined } from '@ant-design/icons'
import { useQuery } from '@tanstack/react-query'
import dayjs from 'dayjs'
import { useTranslation } from 'react-i18next'
import type { StoredFile, TicketMessage } from '@openkam/contract'
import { can, useAuth } from '../../../app/auth'
import { ApiError, get } from '../../../shared/api/client'
import { EmptyState, ErrorState, LoadingState } from '../../../shared/ui/states'
import { uploadFile } from '../../pipeline/pipeline.queries'
import { useAddMessage, useTicketMessages } from './conversation.queries'
import './conversation.css'

type Ticket = { id: string; contactId: string | null; status: string }

const kb = (n: number) =>
  n < 1024 * 1024 ? `${Math.max(1, Math.round(n / 1024))} KB` : `${(n / 1024 / 1024).toFixed(1)} MB`

/** One message: who, when, public or internal (internal notes shaded and labelled), files, e-mail status. */
function Message({ m }: { m: TicketMessage }) {
  const { t } = useTranslation()
  const internal = m.visibility === 'internal'
  const fromCustomer = !!m.authorContactId
  return (
    <li
      className={`ticket-msg ${internal ? 'is-internal' : fromCustomer ? 'is-customer' : 'is-public'}`}
      aria-label={internal ? t('ticketConversation.internalLabel') : undefined}
    >
      <div className="ticket-msg-head">
        <Typography.Text strong>{m.authorName ?? '—'}</Typography.Text>
        {internal ? (
          <Tag icon={<LockOutlined />} color="gold">
            {t('ticketConversation.internalLabel')}
          </Tag>
        ) : fromCustomer ? (
          <Tag icon={<UserOutlined />} color="purple">
            {t('ticketConversation.fromCustomer')}
          </Tag>
        ) : (
          <Tag icon={<MailOutlined />} color="blue">
            {t('ticketConversation.publicLabel')}
          </Tag>
        )}
        <Typography.Text type="secondary" className="ticket-msg-time">
          <time dateTime={m.createdAt}>{dayjs(m.createdAt).format('YYYY-MM-DD HH:mm')}</time>
        </Typography.Text>
      </div>
      {m.body && <div className="ticket-msg-body">{m.body}</div>}
      {m.files.length > 0 && (
        <ul className="ticket-msg-files">
          {m.files.map((f) => (
            <li key={f.id}>
              <a href={`/api/v1/files/${f.id}`}>
                <PaperClipOutlined /> {f.name}
              </a>{' '}
              <Typography.Text type="secondary">({kb(f.size)})</Typography.Text>
            </li>
          ))}
        </ul>
      )}
      {m.visibility === 'public' && m.authorUserId && (
        <Typography.Text type="secondary" className="ticket-msg-mail">
          {t(`ticketConversation.email.${m.emailStatus ?? 'pending'}`, { to: m.emailedTo ?? '' })}
        </Typography.Text>
      )}
    </li>
  )
}

/** The composer: reply to the customer or add an internal note, with attachments; Ctrl+Enter sends. */
function Composer({ ticket }: { ticket: Ticket }) {
  const { t } = useTranslation()
  const { message } = App.useApp()
  const add = useAddMessage(ticket.id)
  const [mode, setMode] = useState<'public' | 'internal'>('public')
  const [body, setBody] = useState('')
  const [files, setFiles] = useState<StoredFile[]>([])
  const [uploading, setUploading] = useState(0)
  const [error, setError] = useState<string | null>(null)
  const busy = useRef(false)
  const contact = useQuery({
    queryKey: ['contacts', 'one', ticket.contactId],
    queryFn: () => get<{ name: string; email: string | null }>(`/contacts/${ticket.contactId}`),
    enabled: !!ticket.contactId,
  })
  const email = contact.data?.email ?? null

  const send = async () => {
    if (busy.current || uploading) return
    if (!body.trim()) return setError(t('ticketConversation.empty_body'))
    busy.current = true
    setError(null)
    try {
      await add.mutateAsync({ visibility: mode, body: body.trim(), fileIds: files.map((f) => f.id) })
      setBody('')
      setFiles([])
      void message.success(t(mode === 'public' ? 'ticketConversation.sent' : 'ticketConversation.noted'))
    } catch (e) {
      setError(
        e instanceof ApiError && e.status === 403
          ? t('ticketConversation.mayNotReply')
          : e instanceof ApiError && e.errors.length
            ? e.errors.map((x) => `${x.path}: ${x.message}`).join('; ')
            : e instanceof Error
              ? e.message
              : String(e),
      )
    } finally {
      busy.current = false
    }
  }
  const attach = async (file: File) => {
    setUploading((n) => n + 1)
    setError(null)
    try {
      const stored = await uploadFile(file)
      setFiles((fs) => [...fs, stored])
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e))
    } finally {
      setUploading((n) => n - 1)
    }
  }
  const internal = mode === 'internal'
  return (
    <div className={`ticket-composer ${internal ? 'is-internal' : ''}`}>
      <Segmented
        value={mode}
        onChange={(v) => setMode(v as 'public' | 'internal')}
        options={[
          { value: 'public', label: t('ticketConversation.public'), icon: <MailOutlined /> },
          { value: 'internal', label: t('ticketConversation.internal'), icon: <LockOutlined /> },
        ]}
      />
      <Typography.Paragraph type="secondary" className="ticket-composer-note">
        {internal
          ? t('ticketConversation.internalLabel')
          : email
            ? t('ticketConversation.publicWarning', { email })
            : t('ticketConversation.publicNoEmail')}
      </Typography.Paragraph>
      <Input.TextArea
        aria-label={internal ? t('ticketConversation.internal') : t('ticketConversation.public')}
        value={body}
        onChange={(e) => setBody(e.target.value)}
        onKeyDown={(e) => {
          if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) {
            e.preventDefault()
            void send()
          }
        }}
        placeholder={
          internal
            ? t('ticketConversation.placeholderInternal')
            : t('ticketConversation.placeholderPublic', {
                contact: contact.data?.name ?? t('ticketConversation.theCustomer'),
              })
        }
        autoSize={{ minRows: 3, maxRows: 12 }}
        maxLength={20000}
      />
      {files.length > 0 && (
        <div className="ticket-composer-files">
          {files.map((f) => (
            <Tag
              key={f.id}
              icon={<PaperClipOutlined />}
              closable
              closeIcon={<span aria-label={t('ticketConversation.removeFile', { name: f.name })}>×</span>}
              onClose={() => setFiles((fs) => fs.filter((x) => x.id !== f.id))}
            >
              {f.name}
            </Tag>
          ))}
        </div>
      )}
      {error && <Alert type="error" showIcon role="alert" title={error} style={{ marginTop: 8 }} />}
      <div className="ticket-composer-actions">
        <Upload
          showUploadList={false}
          multiple
          beforeUpload={(file) => {
            void attach(file)
            return false
          }}
        >
          <Button icon={<PaperClipOutlined />} loading={uploading > 0}>
            {uploading > 0 ? t('ticketConversation.uploading') : t('ticketConversation.attach')}
          </Button>
        </Upload>
        <Space wrap>
          <Typography.Text type="secondary" className="ticket-composer-hint">
            {t('ticketConversation.sendHint')}
          </Typography.Text>
          <Button
            type="primary"
            icon={internal ? <LockOutlined /> : <SendOutlined />}
            loading={add.isPending}
            disabled={uploading > 0}
            onClick={() => void send()}
          >
            {internal ? t('ticketConversation.addNote') : t('ticketConversation.send')}
          </Button>
        </Space>
      </div>
    </div>
  )
}

/** A ticket's conversation on its record page: the thread, oldest first, and the composer under it. */
export function TicketConversation({ ticket }: { ticket: Ticket }) {
  const { t } = useTranslation()
  const { me } = useAuth()
  const q = useTicketMessages(ticket.id)
  const list = q.data?.pages.flatMap((p) => p.data) ?? []
  return (
    <Card title={t('ticketConversation.title')} size="small" className="ticket-conversation">
      {q.isLoading ? (
        <LoadingState rows={3} />
      ) : q.isError ? (
        <ErrorState error={q.error} onRetry={() => void q.refetch()} />
      ) : list.length === 0 ? (
        <EmptyState description={t('ticketConversation.empty')} />
      ) : (
        <ol className="ticket-thread" aria-label={t('ticketConversation.title')}>
          {list.map((m) => (
            <Message key={m.id} m={m} />
          ))}
        </ol>
      )}
      {q.hasNextPage && (
        <Button onClick={() => void q.fetchNextPage()} loading={q.isFetchingNextPage}>
          {t('ticketConversation.loadMore')}
        </Button>
      )}
      {can(me, 'tickets', 'update') && <Composer ticket={ticket} />}
    </Card>
  )
}
