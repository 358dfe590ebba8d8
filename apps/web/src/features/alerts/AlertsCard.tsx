import { List, Space, Typography } from 'antd'
import { Link } from 'react-router'
import { useTranslation } from 'react-i18next'
import { EmptyState } from '../../shared/ui/states'
import { AlertActions } from './AlertActions'
import { ageOf, Evidence, SeverityTag, StatusTag, typeLabel } from './AlertParts'
import type { Alert } from './alerts.queries'

/** The unresolved alerts of an account on its 360° page, with their actions. */
export function AlertsCard({ alerts }: { alerts: Alert[] }) {
  const { t } = useTranslation()
  return (
    <div>
      {alerts.length === 0 ? (
        <EmptyState description={t('alerts.noneOnAccount')} />
      ) : (
        <List
          dataSource={alerts}
          renderItem={(a) => (
            <List.Item key={a.id} actions={[<AlertActions key="a" alert={a} />]}>
              <List.Item.Meta
                title={
                  <Space size={4} wrap>
                    <SeverityTag severity={a.severity ?? 'info'} />
                    <StatusTag status={a.status} />
                    <Typography.Text strong>{typeLabel(t, a.type ?? '')}</Typography.Text>
                    <Typography.Text type="secondary">· {ageOf(a.createdAt)}</Typography.Text>
                  </Space>
                }
                description={
                  <Space direction="vertical" size={2}>
                    <Typography.Text>{a.reason}</Typography.Text>
                    <Evidence alert={a} />
                  </Space>
                }
              />
            </List.Item>
          )}
        />
      )}
      <Link to="/alerts?status=all">{t('alerts.viewAll')}</Link>
    </div>
  )
}
