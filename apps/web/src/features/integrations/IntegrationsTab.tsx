import { Space } from 'antd'
import { ErrorState, LoadingState } from '../../shared/ui/states'
import { FinanceConnectorCard } from './FinanceConnectorCard'
import { FinanceLogCard } from './FinanceLogCard'
import { ReconciliationCard } from './ReconciliationCard'
import { useFinanceSettings } from './integrations.queries'

/** Settings → Integrations (administrators): the finance connector, its reconciliation and its sync log. */
export function IntegrationsTab() {
  const settings = useFinanceSettings()
  if (settings.isLoading) return <LoadingState />
  if (settings.isError || !settings.data) return <ErrorState error={settings.error} />
  return (
    <Space direction="vertical" size="large" style={{ width: '100%' }}>
      <FinanceConnectorCard settings={settings.data} />
      {settings.data.configured && <ReconciliationCard configured />}
      {settings.data.configured && <FinanceLogCard />}
    </Space>
  )
}
