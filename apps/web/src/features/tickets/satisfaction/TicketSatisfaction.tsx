import { Card, Rate, Typography } from 'antd'
import dayjs from 'dayjs'
import { useTranslation } from 'react-i18next'

type Rated = {
  status: string
  satisfaction: number | null
  satisfactionComment?: string | null
  satisfactionAt?: string | null
}

/** The contact's rating of a resolved or closed ticket (or that it is still to come). */
export function TicketSatisfaction({ ticket }: { ticket: Rated }) {
  const { t } = useTranslation()
  const done = ticket.status === 'resolved' || ticket.status === 'closed'
  if (ticket.satisfaction == null && !done) return null
  return (
    <Card title={t('ticketConversation.satisfaction.title')} size="small" style={{ marginTop: 16 }}>
      {ticket.satisfaction == null ? (
        <Typography.Text type="secondary">{t('ticketConversation.satisfaction.notRated')}</Typography.Text>
      ) : (
        <>
          <Rate disabled value={ticket.satisfaction} aria-hidden="true" style={{ fontSize: 16 }} />{' '}
          <Typography.Text strong data-testid="ticket-satisfaction">
            {t('ticketConversation.satisfaction.rated', {
              score: ticket.satisfaction,
              date: ticket.satisfactionAt ? dayjs(ticket.satisfactionAt).format('YYYY-MM-DD') : '—',
            })}
          </Typography.Text>
          {ticket.satisfactionComment && (
            <blockquote className="ticket-rating-comment">
              <Typography.Text type="secondary">
                {t('ticketConversation.satisfaction.comment')}:{' '}
              </Typography.Text>
              {ticket.satisfactionComment}
            </blockquote>
          )}
        </>
      )}
    </Card>
  )
}

/** The average rating of an account's rated tickets (of those listed), for the 360° tickets tab. */
export function SatisfactionAverage({ tickets }: { tickets: { satisfaction: number | null }[] }) {
  const { t } = useTranslation()
  const rated = tickets.map((x) => x.satisfaction).filter((s): s is number => typeof s === 'number')
  if (!rated.length)
    return (
      <Typography.Paragraph type="secondary" data-testid="satisfaction-average">
        {t('ticketConversation.satisfaction.noneRated')}
      </Typography.Paragraph>
    )
  const average = rated.reduce((a, b) => a + b, 0) / rated.length
  const low = rated.filter((s) => s <= 2).length
  return (
    <Typography.Paragraph data-testid="satisfaction-average">
      <Rate
        disabled
        allowHalf
        value={Math.round(average * 2) / 2}
        aria-hidden="true"
        style={{ fontSize: 16 }}
      />{' '}
      <Typography.Text strong>
        {t('ticketConversation.satisfaction.average', { average: average.toFixed(1), count: rated.length })}
      </Typography.Text>
      {low > 0 && (
        <Typography.Text type="danger">
          {' '}
          · {t('ticketConversation.satisfaction.low', { count: low })}
        </Typography.Text>
      )}
    </Typography.Paragraph>
  )
}
