import { useState } from 'react'
import { Card, Result, Typography } from 'antd'
import dayjs from 'dayjs'
import { useTranslation } from 'react-i18next'
import { LanguageSwitch } from '../../../app/LanguageSwitch'
import { ApiError } from '../../../shared/api/client'
import { LoadingState } from '../../../shared/ui/states'
import { LinkProblem, ScoreForm } from '../../surveys/ScoreForm'
import { fivePointBand, useRatingTexts } from './rating-texts'
import { usePublicRating, useRateTicket } from './rating.queries'

const known = ['rating_used', 'rating_expired', 'rating_withdrawn', 'rating_not_found']
const problem = (error: unknown) => (
  <LinkProblem error={error} prefix="ticketConversation.rate" known={known} doneCode="rating_used" />
)

/**
 * The page a contact opens from the "How did we do?" e-mail of a resolved ticket: no login, outside the
 * signed-in app, usable on a phone. One tap from 1 to 5, an optional comment; the link then stops working.
 */
export default function TicketRatingPage({ token }: { token: string }) {
  const { t } = useTranslation()
  const view = usePublicRating(token)
  const rate = useRateTicket(token)
  const texts = useRatingTexts()
  const [done, setDone] = useState(false)
  const s = view.data

  const submit = async (score: number, comment: string | undefined) => {
    try {
      await rate.mutateAsync({ score, comment })
      setDone(true)
    } catch {
      // Shown by the form from rate.error.
    }
  }

  return (
    <main className="signin survey-public">
      <div className="signin-lang">
        <LanguageSwitch />
      </div>
      <Card className="signin-card survey-card">
        {view.isLoading ? (
          <LoadingState />
        ) : view.isError || !s ? (
          problem(view.error)
        ) : done ? (
          <Result
            status="success"
            title={t('ticketConversation.rate.thanks')}
            subTitle={t('ticketConversation.rate.thanksHelp')}
          />
        ) : rate.error instanceof ApiError && rate.error.status === 410 ? (
          problem(rate.error)
        ) : (
          <>
            <Typography.Text type="secondary">{s.workspaceName}</Typography.Text>
            <Typography.Title level={3} style={{ marginTop: 4 }} id="rating-question">
              {t('ticketConversation.rate.question')}
            </Typography.Title>
            <Typography.Paragraph type="secondary">
              {t('ticketConversation.rate.for', { number: s.ticketNumber ?? '', subject: s.subject })}
            </Typography.Paragraph>
            <ScoreForm
              scores={[1, 2, 3, 4, 5]}
              band={fivePointBand}
              labelledBy="rating-question"
              texts={texts}
              pending={rate.isPending}
              error={rate.error}
              onSubmit={submit}
            />
            <Typography.Paragraph type="secondary" style={{ marginTop: 12, marginBottom: 0, fontSize: 12 }}>
              {t('ticketConversation.rate.expires', { date: dayjs(s.expiresAt).format('YYYY-MM-DD') })}
            </Typography.Paragraph>
          </>
        )}
      </Card>
    </main>
  )
}
