import { Card } from 'antd'
import { ThunderboltOutlined } from '@ant-design/icons'
import { useTranslation } from 'react-i18next'
import { can, useAuth } from '../../app/auth'
import { RuleRunsTable } from './RuleRunsTable'

/** "Automation runs" on a record's page: the rules that ran on it, newest first (for those who may read rules). */
export function RuleRunsPanel({ entityId }: { entityId: string }) {
  const { t } = useTranslation()
  const { me } = useAuth()
  if (!can(me, 'rules', 'read')) return null
  return (
    <Card
      size="small"
      style={{ marginTop: 16 }}
      title={
        <span>
          <ThunderboltOutlined style={{ marginRight: 8 }} />
          {t('automation.runsPanel')}
        </span>
      }
    >
      <RuleRunsTable entityId={entityId} compact />
    </Card>
  )
}
