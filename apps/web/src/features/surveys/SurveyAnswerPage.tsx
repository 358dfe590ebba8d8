import { useState } from 'react'
import { Alert, Button, Card, Input, Result, Typography } from 'antd'
import dayjs from 'dayjs'
import { useTranslation } from 'react-i18next'
import { LanguageSwitch } from '../../app/LanguageSwitch'
import { ApiError } from '../../shared/api/client'
import { LoadingState } from '../../shared/ui/states'
import { useAnswerSurvey, usePublicSurvey } from './surveys.queries'
import './surveys.css'

const known = ['survey_answered', 'survey_expired', 'survey_closed', 'survey_withdrawn', 'survey_not_found']

/** Why a link no longer works, in the visitor's language (the API's code, with its date when it has one). */
function LinkProblem({ error }: { error: unknown }) {
  const { t } = useTranslation()
  const e = error instanceof ApiError ? error : null
  const code = e?.code ?? 'error'
  const at = (e?.body.answeredAt ?? e?.body.expiredAt) as string | undefined
  const isKnown = known.includes(code)
  return (
    <Result
      status={code === 'survey_answered' ? 'success' : e?.status === 404 ? '404' : 'warning'}
      title={t(`surveys.public.${isKnown ? code : 'error'}`)}
      subTitle={
        isKnown
          ? t(`surveys.public.${code}_help`, { date: at ? dayjs(at).format('YYYY-MM-DD') : '' })
          : error instanceof Error
            ? error.message
            : undefined
      }
    />
  )
}

/**
 * The page a contact opens from the survey e-mail: no login, outside the signed-in app, usable on a
 * phone. One tap on a score (0–10 or 1–5), an optional comment, and the link stops working.
 */
export default function SurveyAnswerPage({ token }: { token: string }) {
  const { t, i18n } = useTranslation()
  const view = usePublicSurvey(token)
  const answer = useAnswerSurvey(token)
  const [score, setScore] = useState<number | null>(null)
  const [comment, setComment] = useState('')
  const [missing, setMissing] = useState(false)
  const [done, setDone] = useState(false)
  const s = view.data

  const submit = async () => {
    if (score === null) return setMissing(true)
    try {
      await answer.mutateAsync({ score, comment: comment.trim() || undefined })
      setDone(true)
    } catch {
      // Shown below from answer.error.
    }
  }

  const scores = s ? Array.from({ length: s.max - s.min + 1 }, (_, i) => s.min + i) : []
  const csat = s?.kind === 'csat'
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
            title={t('surveys.public.thanks')}
            subTitle={t('surveys.public.thanksHelp', { account: s.accountName })}
          />
        ) : answer.error instanceof ApiError && answer.error.status === 410 ? (
          <LinkProblem error={answer.error} />
        ) : (
          <>
            <Typography.Text type="secondary">{s.workspaceName}</Typography.Text>
            <Typography.Title level={3} style={{ marginTop: 4 }} id="survey-question">
              {i18n.language === 'en' ? s.question.en : s.question['zh-CN']}
            </Typography.Title>
            <Typography.Paragraph type="secondary">
              {t('surveys.public.for', { account: s.accountName })}
            </Typography.Paragraph>
            <div
              role="radiogroup"
              aria-labelledby="survey-question"
              className={`survey-scale ${csat ? 'survey-scale-5' : ''}`}
            >
              {scores.map((n) => (
                <button
                  key={n}
                  type="button"
                  role="radio"
                  aria-checked={score === n}
                  className={`survey-score ${score === n ? 'is-picked' : ''} ${
                    (csat ? n <= 2 : n <= 6) ? 'is-low' : (csat ? n === 3 : n <= 8) ? 'is-mid' : 'is-high'
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
              <span>{t(csat ? 'surveys.public.csatLow' : 'surveys.public.scaleLow')}</span>
              <span>{t(csat ? 'surveys.public.csatHigh' : 'surveys.public.scaleHigh')}</span>
            </div>
            {missing && (
              <Alert
                type="warning"
                showIcon
                role="alert"
                title={t('surveys.public.pickScore')}
                style={{ marginTop: 12 }}
              />
            )}
            <label className="survey-comment-label" htmlFor="survey-comment">
              {t('surveys.public.comment')}
            </label>
            <Input.TextArea
              id="survey-comment"
              value={comment}
              onChange={(e) => setComment(e.target.value)}
              autoSize={{ minRows: 3, maxRows: 8 }}
              maxLength={2000}
            />
            {answer.error && (
              <Alert
                type="error"
                showIcon
                role="alert"
                style={{ marginTop: 12 }}
                title={answer.error instanceof Error ? answer.error.message : String(answer.error)}
              />
            )}
            <Button
              type="primary"
              size="large"
              block
              style={{ marginTop: 16 }}
              loading={answer.isPending}
              onClick={() => void submit()}
            >
              {t('surveys.public.submit')}
            </Button>
            <Typography.Paragraph type="secondary" style={{ marginTop: 12, marginBottom: 0, fontSize: 12 }}>
              {t('surveys.public.expires', { date: dayjs(s.expiresAt).format('YYYY-MM-DD') })}
            </Typography.Paragraph>
          </>
        )}
      </Card>
    </main>
  )
}
