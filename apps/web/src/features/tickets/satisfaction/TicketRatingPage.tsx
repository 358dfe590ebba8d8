import { useState } from 'react'
import { Alert, Button, Card, Input, Result, Typography } from 'antd'
import dayjs from 'dayjs'
import { useTranslation } from 'react-i18next'
import { LanguageSwitch } from '../../../app/LanguageSwitch'
import { ApiError } from '../../../shared/api/client'
import { LoadingState } from '../../../shared/ui/states'
import { usePublicRating, useRateTicket } from './rating.queries'
import '../../surveys/surveys.css'

const known = ['rating_used', 'rating_expired', 'rating_withdrawn', 'rating_not_found']

/** Why a link no longer works, in the visitor's language. */
function LinkProblem({ error }: { error: unknown }) {
  const { t } = useTranslation()
  const e = error instanceof ApiError ? error : null
  const code = e?.code ?? 'error'
  const at = (e?.body.ratedAt ?? e?.body.expiredAt) as string | undefined
  const isKnown = known.includes(code)
  return (
    <Result
      status={code === 'rating_used' ? 'success' : e?.status === 404 ? '404' : 'warning'}
      title={t(`ticketConversation.rate.${isKnown ? code : 'error'}`)}
      subTitle={
        isKnown
          ? t(`ticketConversation.rate.${code}_help`, { date: at ? dayjs(at).format('YYYY-MM-DD') : '' })
          : error instanceof Error
            ? error.message
            : undefined
      }
    />
  )
}

/**
 * The page a contact opens from the "How did we do?" e-mail of a resolved ticket: no login, outside the
 * signed-in app, usable on a phone. One tap from 1 to 5, an optional comment; the link then stops working.
 */
export default function TicketRatingPage({ token }: { token: string }) {
  const { t } = useTranslation()
  const view = usePublicRating(token)
  const rate = useRateTicket(token)
  const [score, setScore] = useState<number | null>(null)
  const [comment, setComment] = useState('')
  const [missing, setMissing] = useState(false)
  const [done, setDone] = useState(false)
  const s = view.data

  const submit = async () => {
    if (score === null) return setMissing(true)
    try {
      await rate.mutateAsync({ score, comment: comment.trim() || undefined })
      setDone(true)
    } catch {
      // Shown below from rate.error.
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
          <LinkProblem error={view.error} />
        ) : done ? (
          <Result
            status="success"
            title={t('ticketConversation.rate.thanks')}
            subTitle={t('ticketConversation.rate.thanksHelp')}
          />
        ) : rate.error instanceof ApiError && rate.error.status === 410 ? (
          <LinkProblem error={rate.error} />
        ) : (
          <>
            <Typography.Text type="secondary">{s.workspaceName}</Typography.Text>
            <Typography.Title level={3} style={{ marginTop: 4 }} id="rating-question">
              {t('ticketConversation.rate.question')}
            </Typography.Title>
            <Typography.Paragraph type="secondary">
              {t('ticketConversation.rate.for', { number: s.ticketNumber ?? '', subject: s.subject })}
            </Typography.Paragraph>
            <div role="radiogroup" aria-labelledby="rating-question" className="survey-scale survey-scale-5">
              {[1, 2, 3, 4, 5].map((n) => (
                <button
                  key={n}
                  type="button"
                  role="radio"
                  aria-checked={score === n}
                  className={`survey-score ${score === n ? 'is-picked' : ''} ${
                    n <= 2 ? 'is-low' : n === 3 ? 'is-mid' : 'is-high'
                  }`}
                  onClick={() => {
                    setScore(n)
                    setMissing(false)
                  }}
                >
                  {n}
                </button>
              ))}
            </div>
            <div className="survey-scale-legend" aria-hidden="true">
              <span>{t('ticketConversation.rate.low')}</span>
              <span>{t('ticketConversation.rate.high')}</span>
            </div>
            {missing && (
              <Alert
                type="warning"
                showIcon
                role="alert"
                title={t('ticketConversation.rate.pickScore')}
                style={{ marginTop: 12 }}
              />
            )}
            <label className="survey-comment-label" htmlFor="rating-comment">
              {t('ticketConversation.rate.comment')}
            </label>
            <Input.TextArea
              id="rating-comment"
              value={comment}
              onChange={(e) => setComment(e.target.value)}
              autoSize={{ minRows: 3, maxRows: 8 }}
              maxLength={2000}
            />
            {rate.error && (
              <Alert
                type="error"
                showIcon
                role="alert"
                style={{ marginTop: 12 }}
                title={rate.error instanceof Error ? rate.error.message : String(rate.error)}
              />
            )}
            <Button
              type="primary"
              size="large"
              block
              style={{ marginTop: 16 }}
              loading={rate.isPending}
              onClick={() => void submit()}
            >
              {t('ticketConversation.rate.submit')}
            </Button>
            <Typography.Paragraph type="secondary" style={{ marginTop: 12, marginBottom: 0, fontSize: 12 }}>
              {t('ticketConversation.rate.expires', { date: dayjs(s.expiresAt).format('YYYY-MM-DD') })}
            </Typography.Paragraph>
          </>
        )}
      </Card>
    </main>
  )
}
