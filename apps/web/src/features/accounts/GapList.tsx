import { Alert, Button, List, Tag } from 'antd'
import { UserAddOutlined } from '@ant-design/icons'
import { useTranslation } from 'react-i18next'
import type { DecisionMapGap } from './decisionMap.queries'

/** The gaps of a map (an account's or a deal's committee), with "add someone in this role" where it helps. */
export function GapList({ gaps, onAdd }: { gaps: DecisionMapGap[]; onAdd?: (role?: string) => void }) {
  const { t } = useTranslation()
  if (gaps.length === 0)
    return <Alert type="success" showIcon title={t('decisionMap.noGaps')} style={{ marginBottom: 16 }} />
  return (
    <Alert
      type="warning"
      showIcon
      style={{ marginBottom: 16 }}
      title={t('decisionMap.gapCount', { count: gaps.length })}
      description={
        <List
          size="small"
          dataSource={gaps}
          renderItem={(g) => (
            <List.Item
              data-testid={`gap-${g.code}${g.role ? `-${g.role}` : ''}`}
              actions={
                g.code === 'role_uncovered' && onAdd
                  ? [
                      <Button key="add" size="small" icon={<UserAddOutlined />} onClick={() => onAdd(g.role)}>
                        {t('decisionMap.addAs', { role: t(`enums.buyingRole.${g.role}`) })}
                      </Button>,
                    ]
                  : []
              }
            >
              {/* Plain text flow: on a phone the message wraps under its tag instead of being squeezed. */}
              <div style={{ minWidth: 0 }}>
                <Tag color="orange">{t(`decisionMap.codes.${g.code}`)}</Tag> {g.message}
              </div>
            </List.Item>
          )}
        />
      }
    />
  )
}
