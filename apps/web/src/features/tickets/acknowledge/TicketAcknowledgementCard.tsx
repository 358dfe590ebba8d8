import { Alert, Card, List, Space, Tag, Typography } from 'antd'
import { MailOutlined, MessageOutlined } from '@ant-design/icons'
import dayjs from 'dayjs'
import { useTranslation } from 'react-i18next'
import { statusTones, toneStyle } from '../../inbox/tag-styles'
import { useAcknowledgement, type TicketAcknowledgement } from './acknowledgement.queries'

const alertType: Record<TicketAcknowledgement['status'], 'success' | 'info' | 'warning' | 'error'> = {
  sent: 'success',
  partly_sent: 'warning',
  pending: 'info',
  none: 'info',
  skipped: 'info',
  failed: 'error',
}
const at = (iso: string) => dayjs(iso).format('YYYY-MM-DD HH:mm')

/**
 * On a ticket's page: how its contact was told the ticket was received — "Acknowledged by e-mail to …
 * and SMS to … at …", each delivery with its outcome, and why a channel was left out.
 */
export function TicketAcknowledgementCard({ ticket }: { ticket: { id: string; createdAt?: string } }) {
  const { t } = useTranslation()
  const ack = useAcknowledgement(ticket.id, ticket.createdAt)
  const a = ack.data
  if (!a) return null
  const sent = a.deliveries.filter((d) => d.status === 'sent')
  const headline =
    sent.length && a.acknowledgedAt
      ? t('sms.ack.summary', {
          channels: sent.map((d) => t(`sms.ack.by.${d.channel}`, { to: d.to })).join(t('sms.ack.and')),
          at: at(a.acknowledgedAt),
        })
      : t(`sms.ack.${a.status}`)
  return (
    <Card
      size="small"
      title={t('sms.ack.title')}
      style={{ marginTop: 16 }}
      data-testid="ticket-acknowledgement"
    >
      <Alert type={alertType[a.status]} showIcon title={headline} />
      {a.deliveries.length > 0 && (
        <List
          size="small"
          style={{ marginTop: 8 }}
          dataSource={a.deliveries}
          renderItem={(d) => (
            <List.Item>
              <Space wrap size={[8, 4]} style={{ minWidth: 0 }}>
                {d.channel === 'email' ? <MailOutlined aria-hidden /> : <MessageOutlined aria-hidden />}
                <Typography.Text strong>{t(`sms.ack.channel.${d.channel}`)}</Typography.Text>
                <Typography.Text copyable={{ text: d.to }} style={{ wordBreak: 'break-all' }}>
                  {d.to}
                </Typography.Text>
                <Tag style={toneStyle(statusTones[d.status])}>
                  {t(`sms.ack.status.${d.status}`, { at: d.sentAt ? at(d.sentAt) : '' })}
                </Tag>
                {d.attempts > 1 && (
                  <Typography.Text type="secondary">
                    {t('sms.ack.attempts', { count: d.attempts })}
                  </Typography.Text>
                )}
                {d.error && <Typography.Text type="danger">{d.error}</Typography.Text>}
              </Space>
            </List.Item>
          )}
        />
      )}
      {a.skipped.length > 0 && (
        <ul style={{ margin: '8px 0 0', paddingLeft: 20, color: '#545a63' }}>
          {a.skipped
            .filter(
              (s, i, all) => s.reason !== 'no_contact' || all.findIndex((x) => x.reason === s.reason) === i,
            )
            .map((s) => (
              <li key={s.channel}>
                {s.reason === 'no_contact' ? '' : `${t(`sms.ack.channel.${s.channel}`)}: `}
                {t(`sms.ack.reasons.${s.reason}`)}
              </li>
            ))}
        </ul>
      )}
    </Card>
  )
}
