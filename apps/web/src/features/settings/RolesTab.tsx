import { Table, Tag, Typography } from 'antd'
import type { TFunction } from 'i18next'
import { useTranslation } from 'react-i18next'
import { useAuth } from '../../app/auth'
import { ErrorState } from '../../shared/ui/states'
import { isAdmin, type Action, type Permissions, type RoleRecord, type Scope } from './common'
import { FieldAccessPanel } from './FieldAccessPanel'
import { useRoles } from './UsersTab'

const actions: Action[] = ['read', 'create', 'update', 'delete']
/** Collection names whose translation key under `nav.` differs. */
const navKeys: Record<string, string> = {
  'audit-log': 'auditLog',
  'api-tokens': 'apiTokens',
  'marketing-touches': 'marketing',
}

/**
 * One readable line per permission entry, e.g. "Users: read all · create, update, delete none";
 * the catch-all `*` comes last as "Everything else" (or "Everything" when it is the only entry).
 */
export function permissionLines(perms: Permissions, t: TFunction) {
  const entries = Object.entries(perms).sort(([a], [b]) =>
    a === '*' ? 1 : b === '*' ? -1 : a.localeCompare(b),
  )
  return entries.map(([collection, acts]) => {
    const label =
      collection === '*'
        ? entries.length > 1
          ? t('settings.everythingElse')
          : t('settings.everything')
        : t(`nav.${navKeys[collection] ?? collection}`, { defaultValue: collection })
    const groups = new Map<Scope, Action[]>()
    for (const a of actions) {
      const s = acts[a] ?? 'none'
      groups.set(s, [...(groups.get(s) ?? []), a])
    }
    const text =
      groups.size === 1
        ? t(`settings.scopeEvery.${[...groups.keys()][0]}`)
        : [...groups.entries()]
            .map(([scope, list]) =>
              t('settings.permGroup', {
                actions: list.map((a) => t(`settings.actions.${a}`)).join(t('settings.actionSeparator')),
                scope: t(`settings.scopes.${scope}`),
              }),
            )
            .join(' · ')
    return { collection, label, text }
  })
}

/** A built-in role's description in the current language, unless someone has changed it. */
function describe(r: RoleRecord, t: TFunction) {
  const key = `settings.roleDescription.${r.key}`
  return r.builtin && t(key, { lng: 'en', defaultValue: '' }) === r.description ? t(key) : r.description
}

export function RolesTab() {
  const { t } = useTranslation()
  const roles = useRoles()
  const { me } = useAuth()
  if (roles.isError) return <ErrorState error={roles.error} onRetry={() => void roles.refetch()} />
  return (
    <>
      <Typography.Paragraph type="secondary">{t('settings.rolesHelp')}</Typography.Paragraph>
      <Table<RoleRecord>
        rowKey="id"
        size="middle"
        loading={roles.isLoading}
        dataSource={roles.data?.data ?? []}
        pagination={false}
        scroll={{ x: 760 }}
        columns={[
          {
            title: t('fields.name'),
            dataIndex: 'name',
            width: 240,
            render: (_, r) => (
              <div>
                <Typography.Text strong>{t(`enums.role.${r.key}`, { defaultValue: r.name })}</Typography.Text>{' '}
                {r.builtin && <Tag>{t('settings.builtin')}</Tag>}
                <div>
                  <Typography.Text type="secondary" code style={{ fontSize: 12 }}>
                    {r.key}
                  </Typography.Text>
                </div>
                {r.description && (
                  <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                    {describe(r, t)}
                  </Typography.Text>
                )}
              </div>
            ),
          },
          {
            title: t('settings.permissions'),
            dataIndex: 'permissions',
            render: (_, r) => (
              <ul style={{ margin: 0, paddingInlineStart: 18 }}>
                {permissionLines(r.permissions, t).map((l) => (
                  <li key={l.collection}>
                    <Typography.Text strong>{l.label}</Typography.Text>
                    {t('settings.labelSeparator')}
                    {l.text}
                  </li>
                ))}
              </ul>
            ),
          },
        ]}
      />
      {isAdmin(me) && !!roles.data?.data.length && <FieldAccessPanel roles={roles.data.data} />}
    </>
  )
}
