import { roleDescriptionsEn } from '../../shared/i18n/both-languages'
import { useState } from 'react'
import { App, Button, Popconfirm, Space, Table, Tag, Typography } from 'antd'
import { PlusOutlined } from '@ant-design/icons'
import { useQueryClient } from '@tanstack/react-query'
import type { TFunction } from 'i18next'
import { useTranslation } from 'react-i18next'
import { useAuth } from '../../app/auth'
import { ApiError, api } from '../../shared/api/client'
import { ErrorState } from '../../shared/ui/states'
import { objectName, useCustomObjects } from '../objects'
import { isAdmin, scopeOf, type Action, type Permissions, type RoleRecord, type Scope } from './common'
import { FieldAccessPanel } from './FieldAccessPanel'
import { RoleEditor, type EditorMode } from './RoleEditor'
import { resourceLabel } from './roles.messages'
import { useRoles } from './UsersTab'

const actions: Action[] = ['read', 'create', 'update', 'delete']

/**
 * One readable line per permission entry, e.g. "Users: read all · create, update, delete none";
 * the catch-all `*` comes last as "Everything else" (or "Everything" when it is the only entry).
 */
export function permissionLines(perms: Permissions, t: TFunction, objectNames: Record<string, string> = {}) {
  const entries = Object.entries(perms).sort(([a], [b]) =>
    a === '*' ? 1 : b === '*' ? -1 : a.localeCompare(b),
  )
  return entries.map(([collection, acts]) => {
    const label =
      collection === '*'
        ? entries.length > 1
          ? t('settings.everythingElse')
          : t('settings.everything')
        : resourceLabel(collection, t, objectNames[collection])
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
  const stock = (roleDescriptionsEn as Record<string, string>)[r.key]
  return r.builtin && stock === r.description ? t(key) : r.description
}

export function RolesTab() {
  const { t, i18n } = useTranslation()
  const { message } = App.useApp()
  const qc = useQueryClient()
  const roles = useRoles()
  const { me } = useAuth()
  const [editor, setEditor] = useState<EditorMode | null>(null)
  const objects = useCustomObjects(true)
  const objectNames = Object.fromEntries(
    (objects.data?.data ?? []).map((o) => [o.key, objectName(o, i18n.language)]),
  )
  const canCreate = scopeOf(me, 'roles', 'create') !== 'none'
  const canUpdate = scopeOf(me, 'roles', 'update') !== 'none'
  const canDelete = scopeOf(me, 'roles', 'delete') !== 'none'
  const remove = async (r: RoleRecord) => {
    try {
      await api('DELETE', `/roles/${r.id}`)
      message.success(t('roleEditor.deleted'))
      await qc.invalidateQueries({ queryKey: ['roles'] })
    } catch (e) {
      message.error(
        e instanceof ApiError && e.code === 'role_in_use'
          ? t('roleEditor.inUse')
          : e instanceof Error
            ? e.message
            : String(e),
      )
    }
  }
  if (roles.isError) return <ErrorState error={roles.error} onRetry={() => void roles.refetch()} />
  return (
    <>
      <div className="page-header" style={{ marginBottom: 8 }}>
        <Typography.Paragraph type="secondary" style={{ margin: 0 }}>
          {t('settings.rolesHelp')}
        </Typography.Paragraph>
        {canCreate && (
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setEditor({ kind: 'new' })}>
            {t('roleEditor.new')}
          </Button>
        )}
      </div>
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
                {permissionLines(r.permissions, t, objectNames).map((l) => (
                  <li key={l.collection}>
                    <Typography.Text strong>{l.label}</Typography.Text>
                    {t('settings.labelSeparator')}
                    {l.text}
                  </li>
                ))}
              </ul>
            ),
          },
          {
            title: t('roleEditor.actionsCol'),
            key: 'actions',
            width: 200,
            render: (_, r) => (
              <Space size={4} wrap>
                {r.builtin || !canUpdate ? (
                  <Button size="small" onClick={() => setEditor({ kind: 'view', role: r })}>
                    {t('roleEditor.view')}
                  </Button>
                ) : (
                  <Button size="small" onClick={() => setEditor({ kind: 'edit', role: r })}>
                    {t('roleEditor.edit')}
                  </Button>
                )}
                {canCreate && (
                  <Button size="small" onClick={() => setEditor({ kind: 'copy', role: r })}>
                    {t('roleEditor.copy')}
                  </Button>
                )}
                {!r.builtin && canDelete && (
                  <Popconfirm
                    title={t('roleEditor.deleteConfirm', { name: r.name })}
                    okButtonProps={{ danger: true }}
                    okText={t('roleEditor.delete')}
                    cancelText={t('common.cancel')}
                    onConfirm={() => remove(r)}
                  >
                    <Button size="small" danger>
                      {t('roleEditor.delete')}
                    </Button>
                  </Popconfirm>
                )}
              </Space>
            ),
          },
        ]}
      />
      <RoleEditor mode={editor} onClose={() => setEditor(null)} />
      {isAdmin(me) && !!roles.data?.data.length && <FieldAccessPanel roles={roles.data.data} />}
    </>
  )
}
