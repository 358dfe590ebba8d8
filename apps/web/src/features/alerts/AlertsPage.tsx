import { Card } from 'antd'
import { useTranslation } from 'react-i18next'
import { EmptyState } from '../../shared/ui/states'

/** Alerts arrive with the health-monitoring module; until then there is nothing to list. */
export default function AlertsPage() {
  const { t } = useTranslation()
  return (
    <div>
      <div className="page-header">
        <h1>{t('alerts.title')}</h1>
      </div>
      <Card>
        <EmptyState description={t('alerts.empty')} />
      </Card>
    </div>
  )
}
