import { useState } from 'react'
import { Alert, App, Button, Card, Empty, Form, Input, List, Select, Space } from 'antd'
import { PlusOutlined } from '@ant-design/icons'
import dayjs from 'dayjs'
import { useTranslation } from 'react-i18next'
import { EnumTag } from '../records/display'
import { ApiError } from '../../shared/api/client'
import { LoadingState } from '../../shared/ui/states'
import { PortalAttach, stillUploading, uploadedIds, type Attached } from './PortalAttachments'
import { portalApi, usePortalRefresh, usePortalTickets, type PortalMe } from './portal.queries'

type Nav = { slug: string; go: (to: string) => void; root: string }

/** The account's tickets, newest first, each opening its page; a button to submit a new one. */
export function PortalTicketList({ slug, me, go, root }: Nav & { me: PortalMe }) {
  const { t } = useTranslation()
  const q = usePortalTickets(slug)
  return (
    <Card
      className="portal-card"
      title={t('portal.ticketsOf', { account: me.account.name })}
      extra={
        <Button type="primary" icon={<PlusOutlined />} onClick={() => go(`${root}/new`)}>
          {t('portal.newTicket')}
        </Button>
      }
    >
      {q.isLoading ? (
        <LoadingState rows={4} />
      ) : q.error ? (
        <Alert type="error" showIcon message={t('portal.error', { message: (q.error as Error).message })} />
      ) : !q.data?.data.length ? (
        <Empty description={t('portal.empty')} />
      ) : (
        <List
          dataSource={q.data.data}
          renderItem={(x) => (
            <List.Item
              className="portal-ticket-row"
              data-testid="portal-ticket"
              onClick={() => go(`${root}/tickets/${x.id}`)}
              actions={[<EnumTag key="s" group="ticketStatus" value={x.status} />]}
            >
              <List.Item.Meta
                title={
                  <a
                    href={`${root}/tickets/${x.id}`}
                    onClick={(e) => {
                      e.preventDefault()
                      go(`${root}/tickets/${x.id}`)
                    }}
                  >
                    <span className="num">{x.number}</span> {x.subject}
                  </a>
                }
                description={
                  <Space size={6} wrap>
                    <EnumTag group="priority" value={x.priority} />
                    <span>
                      {t('portal.openedBy', {
                        name: x.contactName ?? '—',
                        date: dayjs(x.createdAt).format('YYYY-MM-DD HH:mm'),
                      })}
                    </span>
                  </Space>
                }
              />
            </List.Item>
          )}
        />
      )}
    </Card>
  )
}

const TYPES = ['question', 'incident', 'problem', 'feature_request', 'complaint'] as const
const PRIORITIES = ['low', 'normal', 'high', 'urgent'] as const

/** A new ticket: subject, description, type and urgency; errors from the server shown on their fields. */
export function PortalNewTicket({ slug, go, root }: Nav) {
  const { t } = useTranslation()
  const { message } = App.useApp()
  const [form] = Form.useForm()
  const [busy, setBusy] = useState(false)
  const [error, setError] = useState<string | null>(null)
  const [files, setFiles] = useState<Attached[]>([])
  const uploading = stillUploading(files)
  const refresh = usePortalRefresh(slug)
  const submit = async (v: { subject: string; body?: string; type: string; priority: string }) => {
    if (uploading) return setError(t('portal.files.uploading'))
    setBusy(true)
    setError(null)
    try {
      const fileIds = uploadedIds(files)
      const made = await portalApi(slug).submit({
        ...v,
        body: v.body?.trim() || undefined,
        ...(fileIds.length ? { fileIds } : {}),
      })
      refresh()
      void message.success(t('portal.submitted', { number: made.number ?? '' }))
      go(`${root}/tickets/${made.id}`)
    } catch (e) {
      if (e instanceof ApiError && e.errors.some((x) => x.path === 'fileIds'))
        setError(t('portal.files.notYours'))
      else if (e instanceof ApiError && e.errors.length)
        form.setFields(e.errors.map((x) => ({ name: x.path, errors: [x.message] })))
      else setError(e instanceof Error ? e.message : String(e))
    } finally {
      setBusy(false)
    }
  }
  return (
    <Card
      className="portal-card"
      title={t('portal.newTicket')}
      extra={<Button onClick={() => go(root)}>{t('portal.back')}</Button>}
    >
      {error && <Alert type="error" showIcon style={{ marginBottom: 16 }} message={error} />}
      <Form
        form={form}
        layout="vertical"
        onFinish={submit}
        initialValues={{ type: 'question', priority: 'normal' }}
      >
        <Form.Item
          name="subject"
          label={t('portal.subject')}
          rules={[{ required: true, whitespace: true, max: 300 }]}
        >
          <Input maxLength={300} autoFocus />
        </Form.Item>
        <Form.Item name="body" label={t('portal.description')} extra={t('portal.descriptionHelp')}>
          <Input.TextArea rows={6} maxLength={50_000} />
        </Form.Item>
        <Space size={16} wrap>
          <Form.Item name="type" label={t('portal.type')}>
            <Select
              style={{ width: 200 }}
              options={TYPES.map((v) => ({ value: v, label: t(`enums.ticketType.${v}`) }))}
            />
          </Form.Item>
          <Form.Item name="priority" label={t('portal.priority')}>
            <Select
              style={{ width: 200 }}
              options={PRIORITIES.map((v) => ({ value: v, label: t(`enums.priority.${v}`) }))}
            />
          </Form.Item>
        </Space>
        <Form.Item label={t('portal.attachments')}>
          <PortalAttach slug={slug} files={files} setFiles={setFiles} disabled={busy} />
        </Form.Item>
        <Button type="primary" htmlType="submit" loading={busy} disabled={uploading}>
          {t('portal.submit')}
        </Button>
      </Form>
    </Card>
  )
}
