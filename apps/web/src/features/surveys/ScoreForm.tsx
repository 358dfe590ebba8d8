import { useState } from 'react'
import { Alert, Button, Input, Result } from 'antd'
import dayjs from 'dayjs'
import { useTranslation } from 'react-i18next'
import { ApiError } from '../../shared/api/client'
import './surveys.css'

export type ScoreTexts = {
  low: string
  high: string
  pickScore: string
  comment: string
  submit: string
}

/**
 * One tap on a score, an optional comment, submit: the form of every rating a customer gives (an NPS or
 * CSAT survey link, a ticket's rating link, the portal's rating). Scores are coloured low / middle /
 * high by `band`; a submit without a score says to pick one; `error` is shown above the button.
 */
export function ScoreForm({
  scores,
  band,
  labelledBy,
  texts,
  pending,
  error,
  onSubmit,
  compact = false,
}: {
  scores: number[]
  band: (n: number) => 'low' | 'mid' | 'high'
  labelledBy: string
  texts: ScoreTexts
  pending: boolean
  error?: unknown
  onSubmit: (score: number, comment: string | undefined) => unknown
  /** Inside a card of a page (the portal) rather than a page of its own: a normal-size button. */
  compact?: boolean
}) {
  const [score, setScore] = useState<number | null>(null)
  const [comment, setComment] = useState('')
  const [missing, setMissing] = useState(false)
  const commentId = `${labelledBy}-comment`
  const submit = () => {
    if (score === null) return setMissing(true)
    return onSubmit(score, comment.trim() || undefined)
  }
  return (
    <>
      <div
        role="radiogroup"
        aria-labelledby={labelledBy}
        className={`survey-scale ${scores.length <= 5 ? 'survey-scale-5' : ''}`}
      >
        {scores.map((n) => (
          <button
            key={n}
            type="button"
            role="radio"
            aria-checked={score === n}
            className={`survey-score ${score === n ? 'is-picked' : ''} is-${band(n)}`}
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
        <span>{texts.low}</span>
        <span>{texts.high}</span>
      </div>
      {missing && (
        <Alert type="warning" showIcon role="alert" title={texts.pickScore} style={{ marginTop: 12 }} />
      )}
      <label className="survey-comment-label" htmlFor={commentId}>
        {texts.comment}
      </label>
      <Input.TextArea
        id={commentId}
        value={comment}
        onChange={(e) => setComment(e.target.value)}
        autoSize={{ minRows: compact ? 2 : 3, maxRows: 8 }}
        maxLength={2000}
      />
      {!!error && (
        <Alert
          type="error"
          showIcon
          role="alert"
          style={{ marginTop: 12 }}
          title={error instanceof Error ? error.message : String(error)}
        />
      )}
      <Button
        type="primary"
        size={compact ? 'middle' : 'large'}
        block={!compact}
        style={{ marginTop: compact ? 12 : 16 }}
        loading={pending}
        onClick={() => void submit()}
      >
        {texts.submit}
      </Button>
    </>
  )
}

/**
 * Why a public link (survey, rating) no longer works, in the visitor's language: the API's code, known
 * ones with their help text and date (`<prefix>.<code>` and `<prefix>.<code>_help`), `<prefix>.error` else.
 */
export function LinkProblem({
  error,
  prefix,
  known,
  doneCode,
}: {
  error: unknown
  prefix: string
  known: string[]
  /** The code meaning "already done" (shown as a success). */
  doneCode: string
}) {
  const { t } = useTranslation()
  const e = error instanceof ApiError ? error : null
  const code = e?.code ?? 'error'
  const at = (e?.body.answeredAt ?? e?.body.ratedAt ?? e?.body.expiredAt) as string | undefined
  const isKnown = known.includes(code)
  return (
    <Result
      status={code === doneCode ? 'success' : e?.status === 404 ? '404' : 'warning'}
      title={t(`${prefix}.${isKnown ? code : 'error'}`)}
      subTitle={
        isKnown
          ? t(`${prefix}.${code}_help`, { date: at ? dayjs(at).format('YYYY-MM-DD') : '' })
          : error instanceof Error
            ? error.message
            : undefined
      }
    />
  )
}
