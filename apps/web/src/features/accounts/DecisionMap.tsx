import { Alert, Tag, Tooltip, Typography } from 'antd'
import { useTranslation } from 'react-i18next'
import { EmptyState } from '../../shared/ui/states'

type Contact = {
  id: string
  name: string
  title: string | null
  buyingRole: string | null
  stance: string | null
  influence: number | null
  reportsToId: string | null
  active: boolean
}

const stanceColor: Record<string, string> = {
  champion: '#237804',
  supporter: '#08979c',
  neutral: '#8c8c8c',
  skeptic: '#d46b08',
  blocker: '#cf1322',
}

function Node({
  c,
  kids,
  byParent,
}: {
  c: Contact
  kids: Contact[]
  byParent: Map<string | null, Contact[]>
}) {
  const { t } = useTranslation()
  const influence = c.influence ?? 1
  return (
    <li>
      <Tooltip
        title={[c.title, c.buyingRole && t(`enums.buyingRole.${c.buyingRole}`)].filter(Boolean).join(' · ')}
      >
        <div
          className="org-node"
          tabIndex={0}
          aria-label={`${c.name}, ${c.stance ? t(`enums.stance.${c.stance}`) : ''}`}
          style={{
            borderColor: stanceColor[c.stance ?? 'neutral'],
            opacity: c.active ? 1 : 0.45,
            padding: 6 + influence * 2,
            fontSize: 12 + influence,
          }}
        >
          <div style={{ fontWeight: 600 }}>{c.name}</div>
          <div className="org-sub">{c.title ?? ''}</div>
          <div>
            {c.buyingRole && <Tag>{t(`enums.buyingRole.${c.buyingRole}`)}</Tag>}
            {c.stance && <Tag color={stanceColor[c.stance]}>{t(`enums.stance.${c.stance}`)}</Tag>}
          </div>
        </div>
      </Tooltip>
      {kids.length > 0 && (
        <ul>
          {kids.map((k) => (
            <Node key={k.id} c={k} kids={byParent.get(k.id) ?? []} byParent={byParent} />
          ))}
        </ul>
      )}
    </li>
  )
}

/** The buying committee as an org chart: colour = stance, size = influence; people who left are faded. */
export function DecisionMap({
  contacts,
  uncovered,
  onAdd,
}: {
  contacts: Contact[]
  uncovered: string[]
  onAdd?: () => void
}) {
  const { t, i18n } = useTranslation()
  if (contacts.length === 0)
    return (
      <EmptyState
        description={t('account360.noContacts')}
        action={onAdd ? { label: t('account360.addContact'), onClick: onAdd } : undefined}
      />
    )
  const ids = new Set(contacts.map((c) => c.id))
  const byParent = new Map<string | null, Contact[]>()
  for (const c of contacts) {
    const parent = c.reportsToId && ids.has(c.reportsToId) ? c.reportsToId : null
    byParent.set(parent, [...(byParent.get(parent) ?? []), c])
  }
  const roots = byParent.get(null) ?? []
  return (
    <>
      <Alert
        type={uncovered.length ? 'warning' : 'success'}
        showIcon
        style={{ marginBottom: 16 }}
        title={
          uncovered.length
            ? t('account360.uncovered', {
                roles: uncovered
                  .map((r) => t(`enums.buyingRole.${r}`))
                  .join(i18n.language === 'zh-CN' ? '、' : ', '),
              })
            : t('account360.allCovered')
        }
      />
      <Typography.Title level={5}>{t('account360.orgChart')}</Typography.Title>
      <div className="org-chart">
        <ul>
          {roots.map((r) => (
            <Node key={r.id} c={r} kids={byParent.get(r.id) ?? []} byParent={byParent} />
          ))}
        </ul>
      </div>
    </>
  )
}
