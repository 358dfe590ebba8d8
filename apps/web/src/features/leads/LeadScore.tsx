import { Descriptions, Popover, Space, Tag, Typography } from 'antd'
import type { TFunction } from 'i18next'
import { useTranslation } from 'react-i18next'
import type { LeadScoreBreakdown } from './leads.queries'

/** The option groups of the profile factors whose values are codes (industry, source, company e-mail). */
const factorGroups: Record<string, string> = { industry: 'industry', source: 'leadSource' }

/** A factor's value as people read it: an option's label, yes/no, else as it is (a title, a region). */
function valueLabel(factor: string, value: string, t: TFunction) {
  const group = factorGroups[factor]
  if (group) return t(`enums.${group}.${value}`, { defaultValue: value })
  if (value === 'true' || value === 'false') return t(value === 'true' ? 'common.yes' : 'common.no')
  return value
}

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
            {valueLabel(p.factor, p.value, t)} · +{p.points}
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
