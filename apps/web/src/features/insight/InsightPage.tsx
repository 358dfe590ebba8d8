import { lazy, Suspense } from 'react'
import { Typography } from 'antd'
import { useSearchParams } from 'react-router'
import { useTranslation } from 'react-i18next'
import { Tabs } from '../../shared/ui/Tabs'
import { LoadingState } from '../../shared/ui/states'

const ClustersPanel = lazy(() => import('./clusters/ClustersPanel'))
const CohortsPanel = lazy(() => import('./cohorts/CohortsPanel'))
const ChurnPanel = lazy(() => import('./churn/ChurnPanel'))
const ExpansionPanel = lazy(() => import('./expansion/ExpansionPanel'))

const TABS = ['clusters', 'cohorts', 'churn', 'expansion'] as const
type Tab = (typeof TABS)[number]
const panels: Record<Tab, React.ComponentType> = {
  clusters: ClustersPanel,
  cohorts: CohortsPanel,
  churn: ChurnPanel,
  expansion: ExpansionPanel,
}

/** Insight (SPEC ): high-value traits, cohorts, churn risk and expansion, one tab each (`?tab=`). */
export default function InsightPage() {
  const { t } = useTranslation()
  const [params, setParams] = useSearchParams()
  const asked = params.get('tab') as Tab | null
  const tab: Tab = asked && TABS.includes(asked) ? asked : 'clusters'
  const Panel = panels[tab]
  return (
    <div>
      <div className="page-header">
        <div>
          <Typography.Title level={3}>{t('insight.title')}</Typography.Title>
          <Typography.Text type="secondary">{t('insight.subtitle')}</Typography.Text>
        </div>
      </div>
      <Tabs
        activeKey={tab}
        onChange={(k) => setParams({ tab: k }, { replace: true })}
        items={TABS.map((k) => ({ key: k, label: t(`insight.tabs.${k}`) }))}
      />
      <Suspense fallback={<LoadingState />}>
        <Panel />
      </Suspense>
    </div>
  )
}
