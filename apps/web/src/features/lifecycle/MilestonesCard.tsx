import { useState } from 'react'
import {
  Alert,
  App,
  Button,
  Card,
  DatePicker,
  Form,
  Input,
  List,
  Modal,
  Select,
  Space,
  Tag,
  Typography,
} from 'antd'
import { PlusOutlined, SendOutlined } from '@ant-design/icons'
import dayjs, { type Dayjs } from 'dayjs'
import { useTranslation } from 'react-i18next'
import { can, useAuth } from '../../app/auth'
import { ApiError } from '../../shared/api/client'
import { EmptyState } from '../../shared/ui/states'
import {
  useCreateMilestone,
  useMilestones,
  useRequestConfirmation,
  type ConfirmationLink,
  type Milestone,
} from './lifecycle.queries'

const statusColor: Record<string, string> = {
  pending: 'default',
  awaiting_confirmation: 'gold',
  confirmed: 'green',
}
type Contact = { id: string; name: string; email?: string | null }

/** Where a confirmation link opens: absolute already when the workspace has an app URL. */
const fullUrl = (link: ConfirmationLink) =>
  link.url.startsWith('/') ? `${window.location.origin}${link.url}` : link.url

/** The 360° page's delivery milestones: add one, send it to a customer contact to confirm. */
export function MilestonesCard({ accountId, contacts }: { accountId: string; contacts: Contact[] }) {
  const { t } = useTranslation()
  const { message } = App.useApp()
  const { me } = useAuth()
  const list = useMilestones(accountId)
  const create = useCreateMilestone(accountId)
  const request = useRequestConfirmation(accountId)
  const [adding, setAdding] = useState(false)
  const [asking, setAsking] = useState<Milestone | null>(null)
  const [contactId, setContactId] = useState<string>()
  const [link, setLink] = useState<ConfirmationLink | null>(null)
  const [form] = Form.useForm<{ title: string; dueDate?: Dayjs; description?: string }>()
  const rows = list.data?.data ?? []
  const mayEdit = can(me, 'milestones', 'update')

  const add = async (v: { title: string; dueDate?: Dayjs; description?: string }) => {
    try {
      await create.mutateAsync({
        title: v.title,
        dueDate: v.dueDate ? v.dueDate.format('YYYY-MM-DD') : null,
        description: v.description || null,
      })
      setAdding(false)
      form.resetFields()
    } catch (e) {
      void message.error(e instanceof Error ? e.message : String(e))
    }
  }
  const send = async () => {
    if (!asking || !contactId) return
    try {
      setLink(await request.mutateAsync({ id: asking.id, contactId }))
    } catch (e) {
      void message.error(e instanceof ApiError ? (e.errors[0]?.message ?? e.message) : String(e))
    }
  }
  const closeAsk = () => {
    setAsking(null)
    setLink(null)
    setContactId(undefined)
  }

  return (
    <Card
      size="small"
      title={t('milestones.title')}
      loading={list.isLoading}
      style={{ height: '100%' }}
      extra={
        can(me, 'milestones', 'create') && (
          <Button size="small" icon={<PlusOutlined />} onClick={() => setAdding(true)}>
            {t('milestones.add')}
          </Button>
        )
      }
    >
      {rows.length === 0 ? (
        <EmptyState description={t('milestones.empty')} />
      ) : (
        <List
          size="small"
          dataSource={rows}
          rowKey="id"
          renderItem={(m) => (
            <List.Item
              style={{ paddingInline: 0 }}
              actions={
                mayEdit && m.status !== 'confirmed'
                  ? [
                      <Button
                        key="ask"
                        size="small"
                        type="link"
                        icon={<SendOutlined />}
                        onClick={() => setAsking(m)}
                      >
                        {m.status === 'awaiting_confirmation' ? t('milestones.resend') : t('milestones.ask')}
                      </Button>,
                    ]
                  : undefined
              }
            >
              <div>
                <Space size={6} wrap>
                  <Typography.Text strong>{m.title}</Typography.Text>
                  <Tag color={statusColor[m.status ?? 'pending']}>
                    {t(`milestones.status.${m.status ?? 'pending'}`)}
                  </Tag>
                </Space>
                <div>
                  <Typography.Text type="secondary">
                    {m.status === 'confirmed'
                      ? t('milestones.confirmedBy', {
                          name: m.confirmedByName,
                          date: dayjs(m.confirmedAt).format('YYYY-MM-DD'),
                        })
                      : m.dueDate
                        ? t('milestones.due', { date: m.dueDate })
                        : t('milestones.noDate')}
                  </Typography.Text>
                </div>
              </div>
            </List.Item>
          )}
        />
      )}
      <Modal
        open={adding}
        title={t('milestones.add')}
        okText={t('common.create')}
        confirmLoading={create.isPending}
        onOk={() => form.submit()}
        onCancel={() => setAdding(false)}
        destroyOnHidden
      >
        <Form form={form} layout="vertical" onFinish={(v) => void add(v)}>
          <Form.Item
            name="title"
            label={t('fields.title')}
            rules={[{ required: true, whitespace: true, max: 200 }]}
          >
            <Input />
          </Form.Item>
          <Form.Item name="dueDate" label={t('fields.dueDate')}>
            <DatePicker />
          </Form.Item>
          <Form.Item name="description" label={t('fields.description')}>
            <Input.TextArea autoSize={{ minRows: 2, maxRows: 6 }} maxLength={5000} />
          </Form.Item>
        </Form>
      </Modal>
      <Modal
        open={!!asking}
        title={t('milestones.askTitle', { title: asking?.title })}
        onCancel={closeAsk}
        footer={
          link ? (
            <Button type="primary" onClick={closeAsk}>
              {t('common.close')}
            </Button>
          ) : (
            <Space>
              <Button onClick={closeAsk}>{t('common.cancel')}</Button>
              <Button
                type="primary"
                disabled={!contactId}
                loading={request.isPending}
                onClick={() => void send()}
              >
                {t('milestones.send')}
              </Button>
            </Space>
          )
        }
      >
        {link ? (
          <Space orientation="vertical" style={{ width: '100%' }}>
            <Alert
              type={link.email.status === 'skipped' ? 'warning' : 'success'}
              showIcon
              title={link.email.status === 'skipped' ? t('milestones.notEmailed') : t('milestones.emailed')}
              description={link.email.error ?? undefined}
            />
            <Typography.Text>
              {t('milestones.shareLink', { date: dayjs(link.expiresAt).format('YYYY-MM-DD') })}
            </Typography.Text>
            <Typography.Paragraph copyable={{ text: fullUrl(link) }} code style={{ wordBreak: 'break-all' }}>
              {fullUrl(link)}
            </Typography.Paragraph>
          </Space>
        ) : (
          <Space orientation="vertical" style={{ width: '100%' }}>
            <Typography.Paragraph>{t('milestones.askHelp')}</Typography.Paragraph>
            <Select
              style={{ width: '100%' }}
              aria-label={t('fields.contactId')}
              placeholder={t('milestones.pickContact')}
              value={contactId}
              onChange={setContactId}
              options={contacts.map((c) => ({
                value: c.id,
                label: c.email ? `${c.name} <${c.email}>` : `${c.name} (${t('milestones.noEmail')})`,
              }))}
            />
          </Space>
        )}
      </Modal>
    </Card>
  )
}
