import { useState } from 'react'
import { Alert, Button, Descriptions, Drawer, List, Select, Tag, Typography } from 'antd'
import { CalendarOutlined } from '@ant-design/icons'
import { useTranslation } from 'react-i18next'
import { can, useAuth } from '../../app/auth'
import { ActivityComposerModal } from '../activities'
import type { DecisionMap, DecisionMapContact } from './decisionMap.queries'

/**
 * One contact of the decision map: next best action, the role's playbook, recent activities, reports-to
 * and whom they influence (and are influenced by).
 */
export function ContactPanel({
  contact,
  map,
  onClose,
  onReportsTo,
  onInfluences,
}: {
  contact: DecisionMapContact | null
  map: DecisionMap
  onClose: () => void
  onReportsTo?: (id: string, reportsToId: string | null) => void
  onInfluences?: (c: DecisionMapContact, influences: string[]) => void
}) {
  const { t, i18n } = useTranslation()
  const { me } = useAuth()
  const [logging, setLogging] = useState(false)
  const c = contact
  const play = c?.buyingRole ? map.playbook[c.buyingRole] : undefined
  const influencedBy = c ? map.contacts.filter((o) => o.influences.includes(c.id)) : []
  const acts = c ? map.recentActivities.filter((a) => a.contactIds.includes(c.id)).slice(0, 10) : []
  return (
    <Drawer open={!!c} onClose={onClose} title={c?.name} width={420}>
      {c && (
        <>
          <Alert
            type="info"
            showIcon
            title={t('decisionMap.nextBestAction')}
            description={c.nextBestAction.message}
          />
          <Descriptions column={1} size="small" style={{ marginTop: 16 }}>
            <Descriptions.Item label={t('fields.title')}>{c.title ?? '—'}</Descriptions.Item>
            <Descriptions.Item label={t('fields.buyingRole')}>
              {c.buyingRole ? t(`enums.buyingRole.${c.buyingRole}`) : '—'}
            </Descriptions.Item>
            <Descriptions.Item label={t('fields.stance')}>
              {c.stance ? t(`enums.stance.${c.stance}`) : '—'}
            </Descriptions.Item>
            <Descriptions.Item label={t('decisionMap.influence')}>{c.influence ?? '—'}</Descriptions.Item>
            <Descriptions.Item label={t('decisionMap.relationship')}>
              {c.relationshipStrength ?? '—'}
              {c.relationshipLevel != null &&
                ` · ${t('decisionMap.relationshipLevel', { level: c.relationshipLevel, target: c.targetLevel ?? '—' })}`}
            </Descriptions.Item>
            <Descriptions.Item label={t('decisionMap.lastContact')}>
              {c.lastContactAt
                ? new Date(c.lastContactAt).toLocaleDateString(i18n.language)
                : t('decisionMap.never')}
            </Descriptions.Item>
            <Descriptions.Item label={t('decisionMap.reportsTo')}>
              <Select
                aria-label={t('decisionMap.reportsTo')}
                style={{ minWidth: 200 }}
                disabled={!onReportsTo}
                value={c.reportsToId ?? ''}
                onChange={(v: string) => onReportsTo?.(c.id, v || null)}
                options={[
                  { value: '', label: t('decisionMap.nobody') },
                  ...map.contacts.filter((o) => o.id !== c.id).map((o) => ({ value: o.id, label: o.name })),
                ]}
              />
            </Descriptions.Item>
            <Descriptions.Item label={t('decisionMap.influences')}>
              <Select
                mode="multiple"
                aria-label={t('decisionMap.influences')}
                data-testid="dm-influences"
                style={{ minWidth: 200, width: '100%' }}
                disabled={!onInfluences}
                value={c.influences}
                onChange={(v: string[]) => onInfluences?.(c, v)}
                optionFilterProp="label"
                options={map.contacts
                  .filter((o) => o.id !== c.id)
                  .map((o) => ({ value: o.id, label: o.name }))}
              />
            </Descriptions.Item>
            {influencedBy.length > 0 && (
              <Descriptions.Item label={t('decisionMap.influencedBy')}>
                {influencedBy.map((o) => (
                  <Tag key={o.id} color="purple">
                    {o.name}
                  </Tag>
                ))}
              </Descriptions.Item>
            )}
          </Descriptions>
          {c.former && <Tag>{t('decisionMap.former')}</Tag>}
          {play && (
            <>
              <Typography.Title level={5}>{t('decisionMap.playbook')}</Typography.Title>
              <Typography.Paragraph>
                <strong>{t('decisionMap.approach')}:</strong> {play.approach}
              </Typography.Paragraph>
              <Typography.Paragraph>
                <strong>{t('decisionMap.materials')}:</strong>{' '}
                {play.materials.map((m) => (
                  <Tag key={m}>{m}</Tag>
                ))}
              </Typography.Paragraph>
            </>
          )}
          <Typography.Title level={5}>{t('decisionMap.recentActivities')}</Typography.Title>
          {can(me, 'activities', 'create') && !c.placeholder && (
            <Button icon={<CalendarOutlined />} onClick={() => setLogging(true)} style={{ marginBottom: 8 }}>
              {t('activities.composer.logMeeting')}
            </Button>
          )}
          <List
            size="small"
            locale={{ emptyText: t('decisionMap.noActivities') }}
            dataSource={acts}
            renderItem={(a) => (
              <List.Item>
                <Tag>{t(`enums.activityKind.${a.kind}`, { defaultValue: a.kind })}</Tag> {a.subject}
                <Typography.Text type="secondary" style={{ marginLeft: 8 }}>
                  {new Date(a.occurredAt).toLocaleDateString(i18n.language)}
                </Typography.Text>
              </List.Item>
            )}
          />
        </>
      )}
      {c && logging && (
        <ActivityComposerModal
          open
          accountId={map.accountId}
          kind="meeting"
          contactIds={[c.id]}
          title={`${t('activities.composer.logMeeting')} · ${c.name}`}
          onClose={() => setLogging(false)}
        />
      )}
    </Drawer>
  )
}
