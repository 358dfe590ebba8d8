import { Space, Tag, Typography } from 'antd'
import {
  CheckCircleFilled,
  ClockCircleOutlined,
  CloseCircleFilled,
  MinusCircleOutlined,
} from '@ant-design/icons'
import type { TFunction } from 'i18next'
import { useTranslation } from 'react-i18next'
import type { Approval, ApprovalStep } from '@openkam/contract'
import { ApprovalStatusTag, formatTime, useUserName } from './ApprovalParts'

const icons: Record<string, React.ReactNode> = {
  approved: <CheckCircleFilled style={{ color: '#389e0d' }} />,
  rejected: <CloseCircleFilled style={{ color: '#cf1322' }} />,
  pending: <ClockCircleOutlined style={{ color: '#1f56d6' }} />,
}

const listStyle = { listStyle: 'none', margin: 0, padding: 0 } as const
const itemStyle = { borderLeft: '2px solid #e5e8ef', padding: '0 0 16px 16px', position: 'relative' } as const
const dotStyle = { position: 'absolute', left: -9, top: 0, background: '#fff', lineHeight: 1 } as const

/** "All must approve", "Any one", "2 of 3". */
export function modeLabel(step: Pick<ApprovalStep, 'mode' | 'n' | 'approverIds'>, t: TFunction) {
  if (step.mode === 'n_of_m') return t('approvals.mode.nOfM', { n: step.n ?? 1, m: step.approverIds.length })
  return t(`approvals.mode.${step.mode}`)
}

/** One step: its approvers, mode, status, due time and every decision (with "X for Y" for a delegate). */
function StepItem({ step, index, current }: { step: ApprovalStep; index: number; current: boolean }) {
  const { t } = useTranslation()
  const name = useUserName()
  const overdue = step.status === 'pending' && step.dueAt && Date.parse(step.dueAt) < Date.now()
  return (
    <li style={itemStyle} aria-current={current ? 'step' : undefined} data-step={index}>
      <span style={dotStyle} aria-hidden>
        {icons[step.status] ?? <MinusCircleOutlined style={{ color: '#8c8c8c' }} />}
      </span>
      <Space wrap size={6}>
        <Typography.Text strong>{t('approvals.stepN', { n: index + 1, name: step.name })}</Typography.Text>
        <ApprovalStatusTag status={step.status} step />
        <Tag>{modeLabel(step, t)}</Tag>
        {overdue && <Tag color="orange">{t('approvals.overdue')}</Tag>}
      </Space>
      {step.status !== 'skipped' && (
        <div>
          <Typography.Text type="secondary">{t('approvals.approvers')}: </Typography.Text>
          {step.approverIds.length ? step.approverIds.map(name).join(', ') : t('approvals.noApprovers')}
        </div>
      )}
      {step.escalatedTo.length > 0 && (
        <div>
          <Typography.Text type="secondary">{t('approvals.escalatedTo')}: </Typography.Text>
          {step.escalatedTo.map(name).join(', ')} ({formatTime(step.escalatedAt)})
        </div>
      )}
      {step.dueAt && step.status === 'pending' && (
        <div>
          <Typography.Text type="secondary">{t('approvals.due')}: </Typography.Text>
          {formatTime(step.dueAt)}
        </div>
      )}
      {step.completedAt && (
        <div>
          <Typography.Text type="secondary">{t('approvals.completed')}: </Typography.Text>
          {formatTime(step.completedAt)}
        </div>
      )}
      {step.decisions.length > 0 && (
        <ul style={{ margin: '6px 0 0', paddingLeft: 18 }}>
          {step.decisions.map((d) => (
            <li key={d.id} data-decision={d.decision}>
              <Typography.Text>
                {d.onBehalfOf
                  ? t('approvals.forOther', { who: name(d.userId), other: name(d.onBehalfOf) })
                  : name(d.userId)}{' '}
                <Typography.Text
                  strong
                  // Darker than antd's success/danger text, which is below 4.5:1 on white.
                  style={{ color: d.decision === 'approve' ? '#237804' : '#a8071a' }}
                >
                  {t(`approvals.decided.${d.decision}`)}
                </Typography.Text>{' '}
                <Typography.Text type="secondary">{formatTime(d.at)}</Typography.Text>
              </Typography.Text>
              {d.comment && (
                <div>
                  <Typography.Text italic>“{d.comment}”</Typography.Text>
                </div>
              )}
              {d.fileIds.length > 0 && (
                <div>
                  {d.fileIds.map((id, i) => (
                    <a key={id} href={`/api/v1/files/${id}`} style={{ marginRight: 12 }}>
                      {t('approvals.attachmentN', { n: i + 1 })}
                    </a>
                  ))}
                </div>
              )}
            </li>
          ))}
        </ul>
      )}
    </li>
  )
}

/** The whole history of a request: submitted, then every step in order, then the outcome. */
export function ApprovalTimeline({ approval: a }: { approval: Approval }) {
  const { t } = useTranslation()
  const name = useUserName()
  return (
    <ol style={listStyle} aria-label={t('approvals.history')}>
      <li style={itemStyle}>
        <span style={dotStyle} aria-hidden>
          <CheckCircleFilled style={{ color: '#8c8c8c' }} />
        </span>
        {t('approvals.submittedBy', { who: name(a.submittedBy), at: formatTime(a.submittedAt) })}
      </li>
      {a.steps.map((s, i) => (
        <StepItem key={i} step={s} index={i} current={a.currentStep === i} />
      ))}
      {a.status !== 'pending' && (
        <li style={{ ...itemStyle, borderLeftColor: 'transparent', paddingBottom: 0 }}>
          <span style={dotStyle} aria-hidden>
            {icons[a.status] ?? <MinusCircleOutlined style={{ color: '#8c8c8c' }} />}
          </span>
          <Space size={6}>
            <ApprovalStatusTag status={a.status} />
            {formatTime(a.decidedAt)}
          </Space>
        </li>
      )}
    </ol>
  )
}
