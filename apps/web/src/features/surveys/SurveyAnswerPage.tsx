import { useState } from 'react'
import { Card, Result, Typography } from 'antd'
import dayjs from 'dayjs'
import { useTranslation } from 'react-i18next'
import { LanguageSwitch } from '../../app/LanguageSwitch'
import { ApiError } from '../../shared/api/client'
import { LoadingState } from '../../shared/ui/states'
import { LinkProblem, ScoreForm } from './ScoreForm'
import { useAnswerSurvey, usePublicSurvey } from './surveys.queries'
import './surveys.css'

const known = ['survey_answered', 'survey_expired', 'survey_closed', 'survey_withdrawn', 'survey_not_found']
const problem = (error: unknown) => (
  <LinkProblem error={error} prefix="surveys.public" known={known} doneCode="survey_answered" />
)

/**
 * The page a contact opens from the survey e-mail: no login, outside the signed-in app, usable on a
 * phone. One tap on a score (0–10 or 1–5), an optional comment, and the link stops working.
 */
export default function SurveyAnswerPage({ token }: { token: string }) {
  const { t, i18n } = useTranslation()
  const view = usePublicSurvey(token)
  const answer = useAnswerSurvey(token)
  const [done, setDone] = useState(false)
  const s = view.data

  const submit = async (score: number, comment: string | undefined) => {
    try {
      await answer.mutateAsync({ score, comment })
      setDone(true)
    } catch {
      // Shown by the form from answer.error.
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
          problem(view.error)
        ) : done ? (
          <Result
            status="success"
            title={t('surveys.public.thanks')}
            subTitle={t('surveys.public.thanksHelp', { account: s.accountName })}
          />
        ) : answer.error instanceof ApiError && answer.error.status === 410 ? (
          problem(answer.error)
        ) : (
          <>
            <Typography.Text type="secondary">{s.workspaceName}</Typography.Text>
            <Typography.Title level={3} style={{ marginTop: 4 }} id="survey-question">
              {i18n.language === 'en' ? s.question.en : s.question['zh-CN']}
            </Typography.Title>
            <Typography.Paragraph type="secondary">
              {t('surveys.public.for', { account: s.accountName })}
            </Typography.Paragraph>
            <ScoreForm
              scores={scores}
              band={(n) => ((csat ? n <= 2 : n <= 6) ? 'low' : (csat ? n === 3 : n <= 8) ? 'mid' : 'high')}
              labelledBy="survey-question"
              texts={{
                low: t(csat ? 'surveys.public.csatLow' : 'surveys.public.scaleLow'),
                high: t(csat ? 'surveys.public.csatHigh' : 'surveys.public.scaleHigh'),
                pickScore: t('surveys.public.pickScore'),
                comment: t('surveys.public.comment'),
                submit: t('surveys.public.submit'),
              }}
              pending={answer.isPending}
              error={answer.error}
              onSubmit={submit}
            />
            <Typography.Paragraph type="secondary" style={{ marginTop: 12, marginBottom: 0, fontSize: 12 }}>
              {t('surveys.public.expires', { date: dayjs(s.expiresAt).format('YYYY-MM-DD') })}
            </Typography.Paragraph>
          </>
        )}
      </Card>
    </main>
  )
}
