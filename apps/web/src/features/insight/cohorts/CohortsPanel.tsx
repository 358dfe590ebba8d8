import { useState } from 'react'
import { Alert, Button, Card, Col, Radio, Row, Select, Space, Statistic, Typography } from 'antd'
import { useTranslation } from 'react-i18next'
import { ErrorState, EmptyState } from '../../../shared/ui/states'
import { ApiError } from '../../../shared/api/client'
import { useCollectionMeta } from '../../records/useCollectionMeta'
import { insightCohortsEn } from '../../../shared/i18n/insightCohorts.en'
import { insightCohortsZh } from '../../../shared/i18n/insightCohorts.zh-CN'
import { CiBar } from './CiBar'
import { CohortGroup, PresetButton } from './CohortGroup'
import {
  cohortMetrics,
  isShare,
  useCompareCohorts,
  type CohortMetric,
  type CohortResult,
} from './cohorts.queries'

/** The demo's offline seminar (apps/server/src/demo/demo-insight-cohorts.ts) in English and in Chinese. */
const SEMINAR_CAMPAIGNS = [insightCohortsEn.seminarCampaign, insightCohortsZh.seminarCampaign]

/**
 * Cohorts (issue 23, point 2): group A by the lists' filters (plus a preset for the seminar's attendees),
 * group B "all other accounts" or its own filters, a figure, and the answer — both samples, the difference
 * with its 95% interval drawn as a bar, and the server's warning when the samples say little.
 */
export default function CohortsPanel() {
  const { t, i18n } = useTranslation()
  const meta = useCollectionMeta('accounts')
  const [a, setA] = useState<Record<string, string>>({})
  const [bMode, setBMode] = useState<'others' | 'filters'>('others')
  const [b, setB] = useState<Record<string, string>>({})
  const [metric, setMetric] = useState<CohortMetric>('renewal_rate')
  const compare = useCompareCohorts()
  const changed =
    <V,>(set: (v: V) => void) =>
    (v: V) => {
      set(v)
      compare.reset()
    }
  const run = () =>
    compare.mutate({
      object: 'accounts',
      a: { filters: a },
      ...(bMode === 'filters' ? { b: { filters: b } } : {}),
      metric,
    })
  const seminar = () =>
    changed(setA)({
      'marketing-touches.kind': 'event_attended',
      // The demo's seminar by its name in either language: the workspace's may differ from the reader's.
      'marketing-touches.campaign': SEMINAR_CAMPAIGNS.join(','),
    })
  if (!meta) return null
  return (
    <Space direction="vertical" size={16} style={{ width: '100%' }} data-testid="cohorts-panel">
      <Typography.Paragraph type="secondary" style={{ marginBottom: 0 }}>
        {t('insightCohorts.intro')}
      </Typography.Paragraph>
      <Row gutter={[16, 16]}>
        <Col xs={24} lg={12}>
          <Card
            size="small"
            title={<h2 style={{ fontSize: 16, margin: 0 }}>{t('insightCohorts.groupA')}</h2>}

            data-testid="cohort-group-a"
          >
            <Space direction="vertical" size={8} style={{ width: '100%' }}>
              <PresetButton onClick={seminar} />
              <CohortGroup meta={meta} filters={a} onChange={changed(setA)} />
            </Space>
          </Card>
        </Col>
        <Col xs={24} lg={12}>
          <Card
            size="small"
            title={<h2 style={{ fontSize: 16, margin: 0 }}>{t('insightCohorts.groupB')}</h2>}
            data-testid="cohort-group-b"
          >
            <Space direction="vertical" size={8} style={{ width: '100%' }}>
              <Radio.Group
                aria-label={t('insightCohorts.bMode')}
                value={bMode}
                onChange={(e) => changed(setBMode)(e.target.value)}
                options={[
                  { value: 'others', label: t('insightCohorts.bOthers') },
                  { value: 'filters', label: t('insightCohorts.bFilters') },
                ]}
              />
              {bMode === 'filters' && <CohortGroup meta={meta} filters={b} onChange={changed(setB)} />}
            </Space>
          </Card>
        </Col>
      </Row>
      <Space wrap align="center">
        <label htmlFor="cohort-metric">{t('insightCohorts.metric')}</label>
        <Select
          id="cohort-metric"
          aria-label={t('insightCohorts.metric')}
          value={metric}
          onChange={changed(setMetric)}
          style={{ minWidth: 260, maxWidth: '100%' }}
          options={cohortMetrics.map((m) => ({ value: m, label: t(`insightCohorts.metrics.${m}`) }))}
        />
        <Button type="primary" onClick={run} loading={compare.isPending}>
          {compare.isPending ? t('insightCohorts.comparing') : t('insightCohorts.compare')}
        </Button>
      </Space>
      <Typography.Text type="secondary">{t(`insightCohorts.metricHelp.${metric}`)}</Typography.Text>
      <div aria-live="polite">
        {compare.isError ? (
          <CompareError error={compare.error} onRetry={run} />
        ) : compare.data ? (
          <CohortAnswer result={compare.data} metric={compare.variables!.metric} lang={i18n.language} />
        ) : (
          !compare.isPending && <EmptyState description={t('insightCohorts.empty')} />
        )}
      </div>
    </Space>
  )
}

/** A refused filter is named with its message; anything else is the usual error state. */
function CompareError({ error, onRetry }: { error: unknown; onRetry: () => void }) {
  if (error instanceof ApiError && error.status === 400 && error.errors.length)
    return (
      <Alert
        type="error"
        showIcon
        message={error.message}
        description={
          <ul style={{ margin: 0, paddingInlineStart: 18 }}>
            {error.errors.map((e) => (
              <li key={e.path}>
                <code>{e.path}</code>: {e.message}
              </li>
            ))}
          </ul>
        }
      />
    )
  return <ErrorState error={error} onRetry={onRetry} />
}

function CohortAnswer({
  result,
  metric,
  lang,
}: {
  result: CohortResult
  metric: CohortMetric
  lang: string
}) {
  const { t } = useTranslation()
  const share = isShare(metric)
  const nf = (digits: number) =>
    new Intl.NumberFormat(lang, { maximumFractionDigits: digits, minimumFractionDigits: digits })
  const value = (v: number | null) =>
    v === null ? t('insightCohorts.noValue') : share ? `${nf(1).format(v * 100)}%` : nf(1).format(v)
  const diff = (v: number) =>
    `${v > 0 ? '+' : v < 0 ? '−' : ''}${nf(1).format(Math.abs(share ? v * 100 : v))} ${share ? t('insightCohorts.percentPoints') : t('insightCohorts.points')}`
  const unit = t(`insightCohorts.units.${metric}`)
  const side = (key: 'a' | 'b') => (
    <Col xs={12} md={6}>
      <Statistic
        title={t(key === 'a' ? 'insightCohorts.groupA' : 'insightCohorts.groupB')}
        value={value(result[key].value)}
      />
      <Typography.Text type="secondary">
        {t('insightCohorts.sample', { n: result[key].n, unit })}
      </Typography.Text>
    </Col>
  )
  const ci = result.ci95
  return (
    <Card size="small" title={t('insightCohorts.result')} data-testid="cohort-result">
      <Space direction="vertical" size={12} style={{ width: '100%' }}>
        {result.warning && (
          <Alert
            type="warning"
            showIcon
            message={t('insightCohorts.warningTitle')}
            description={result.warning}
            data-testid="cohort-warning"
          />
        )}
        <Row gutter={[16, 16]}>
          {side('a')}
          {side('b')}
          <Col xs={24} md={12}>
            <Statistic
              title={t('insightCohorts.difference')}
              value={result.difference === null ? t('insightCohorts.noValue') : diff(result.difference)}
            />
            <Typography.Text type="secondary">
              {ci
                ? t('insightCohorts.interval', { low: diff(ci[0]), high: diff(ci[1]) })
                : t('insightCohorts.noInterval')}
            </Typography.Text>
          </Col>
        </Row>
        {ci && result.difference !== null && (
          <>
            <CiBar difference={result.difference} low={ci[0]} high={ci[1]} format={diff} />
            <Typography.Text>
              {t(ci[0] > 0 || ci[1] < 0 ? 'insightCohorts.meaning.clear' : 'insightCohorts.meaning.unclear')}
            </Typography.Text>
          </>
        )}
      </Space>
    </Card>
  )
}
