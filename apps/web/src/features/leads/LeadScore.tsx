import { Descriptions, Popover, Space, Tag, Typography } from 'antd'
import { useTranslation } from 'react-i18next'
import type { LeadScoreBreakdown } from './leads.queries'

/** The parts of a score (SPEC R-26): profile factors and decayed behaviour, with the threshold. */
export function ScoreBreakdown({ b }: { b: LeadScoreBreakdown }) {
  const { t } = useTranslation()
  return (
    <Space direction="vertical" size={8} style={{ minWidth: 280 }}>
      <Typography.Text type="secondary">
        {t('leadScoring.threshold', { threshold: b.threshold })}
      </Typography.Text>
      <Descriptions
        size="small"
        column={1}
        bordered
        title={`${t('leadScoring.profile')} · ${b.profilePoints}`}
      >
        {b.profile.map((p) => (
          <Descriptions.Item
            key={p.factor}
            label={t(`leadScoring.factors.${p.factor}`, { defaultValue: p.factor })}
          >
            {p.value} · +{p.points}
          </Descriptions.Item>
        ))}
      </Descriptions>
      <Descriptions
        size="small"
        column={1}
        bordered
        title={`${t('leadScoring.behaviour')} · ${b.behaviourPoints}`}
      >
        {b.behaviour.map((x) => (
          <Descriptions.Item
            key={x.kind}
            label={`${t(`leadScoring.kinds.${x.kind}`, { defaultValue: x.kind })} ×${x.count}`}
          >
            {t('leadScoring.decayed', { points: x.points, decayed: x.decayed, days: b.halfLifeDays })}
          </Descriptions.Item>
        ))}
      </Descriptions>
    </Space>
  )
}

/** A lead's score as a tag (red when hot) with its breakdown in a popover. */
export function LeadScoreTag({
  score,
  breakdown,
}: {
  score: number | null
  breakdown: LeadScoreBreakdown | null
}) {
  const { t } = useTranslation()
  if (score === null || score === undefined)
    return <Typography.Text type="secondary">{t('leadScoring.unscored')}</Typography.Text>
  const hot = breakdown ? score >= breakdown.threshold : false
  const tag = (
    <Tag
      color={hot ? 'red' : score >= 40 ? 'orange' : 'default'}
      style={{ cursor: breakdown ? 'help' : undefined }}
    >
      {score}
      {hot ? ` · ${t('leadScoring.hot')}` : ''}
    </Tag>
  )
  if (!breakdown) return tag
  return (
    <Popover
      title={t('leadScoring.breakdown')}
      content={<ScoreBreakdown b={breakdown} />}
      trigger={['hover', 'click']}
    >
      {tag}
    </Popover>
  )
}
