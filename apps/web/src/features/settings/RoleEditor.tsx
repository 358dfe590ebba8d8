import { roleDescriptionsEn } from '../../shared/i18n/both-languages'
import { useEffect, useState } from 'react'
import { Alert, App, Button, Drawer, Form, Input, Select, Space, Table, Tag, Typography } from 'antd'
import { useQueryClient } from '@tanstack/react-query'
import { useTranslation } from 'react-i18next'
import { ApiError, patch, post } from '../../shared/api/client'
import { objectName, useCustomObjects } from '../objects'
import type { Action, Permissions, RoleRecord, Scope } from './common'
import { resourceGroups, resourceLabel } from './roles.messages'

const actions: Action[] = ['read', 'create', 'update', 'delete']
const ownedScopes: Scope[] = ['none', 'own', 'team', 'all']
const setupScopes: Scope[] = ['none', 'all']

export type EditorMode = { kind: 'new' } | { kind: 'copy' | 'edit' | 'view'; role: RoleRecord }

/** Every action's scope for a resource: its own entry, else the role's "everything else" (`*`). */
const effective = (perms: Permissions, res: string) =>
  Object.fromEntries(actions.map((a) => [a, perms[res]?.[a] ?? perms['*']?.[a] ?? 'none'])) as Record<
    Action,
    Scope
  >

type Row = { key: string; label: string; kind: 'owned' | 'all'; group?: string }

/**
 * The role editor (issue 18): name, description and a grid of what × action with the scope of each
 * (none / own / team / all records; set-up objects none or all). A built-in role opens read-only.
 */
export function RoleEditor({ mode, onClose }: { mode: EditorMode | null; onClose: () => void }) {
  const { t, i18n } = useTranslation()
  const { message } = App.useApp()
  const qc = useQueryClient()
  const [form] = Form.useForm<{ key: string; name: string; description?: string }>()
  const [perms, setPerms] = useState<Permissions>({})
  const [busy, setBusy] = useState(false)
  const [error, setError] = useState<string | null>(null)
  const customObjects = useCustomObjects(!!mode)
  const readOnly = mode?.kind === 'view'

  useEffect(() => {
    if (!mode) return
    setError(null)
    form.resetFields()
    if (mode.kind === 'new') {
      setPerms({ '*': { read: 'own', create: 'own', update: 'own', delete: 'none' } })
      return
    }
    const r = mode.role
    setPerms(structuredClone(r.permissions))
    const name = t(`enums.role.${r.key}`, { defaultValue: r.name })
    // A built-in role's description in the current language, unless someone changed it.
    const describe = `settings.roleDescription.${r.key}`
    const description =
      r.builtin && (roleDescriptionsEn as Record<string, string>)[r.key] === r.description
        ? t(describe)
        : (r.description ?? '')
    form.setFieldsValue(
      mode.kind === 'copy'
        ? {
            key: `${r.key}_copy`.slice(0, 40),
            name: t('roleEditor.copyOf', { name }),
            description,
          }
        : { key: r.key, name: mode.kind === 'view' ? name : r.name, description },
    )
  }, [mode])

  const rows: (Row & { header?: boolean })[] = []
  for (const g of resourceGroups) {
    rows.push({ key: `group:${g.key}`, label: t(`roleEditor.groups.${g.key}`), kind: g.kind, header: true })
    for (const r of g.resources) rows.push({ key: r, label: resourceLabel(r, t), kind: g.kind })
  }
  const objects = customObjects.data?.data ?? []
  if (objects.length) {
    rows.push({ key: 'group:custom', label: t('roleEditor.groups.custom'), kind: 'owned', header: true })
    for (const o of objects)
      rows.push({ key: o.key, label: resourceLabel(o.key, t, objectName(o, i18n.language)), kind: 'owned' })
  }
  rows.push({ key: 'group:rest', label: t('roleEditor.groups.rest'), kind: 'owned', header: true })
  rows.push({ key: '*', label: t('roleEditor.resources.*'), kind: 'owned' })

  const setScope = (res: string, a: Action, s: Scope) =>
    setPerms((p) => ({ ...p, [res]: { ...effective(p, res), [a]: s } }))

  const save = async () => {
    const values = await form.validateFields()
    setBusy(true)
    setError(null)
    try {
      if (mode?.kind === 'edit') {
        await patch(`/roles/${mode.role.id}`, {
          version: mode.role.version,
          name: values.name,
          description: values.description || null,
          permissions: perms,
        })
      } else {
        await post('/roles', {
          key: values.key,
          name: values.name,
          description: values.description || null,
          permissions: perms,
        })
      }
      message.success(t('roleEditor.saved'))
      await qc.invalidateQueries({ queryKey: ['roles'] })
      await qc.invalidateQueries({ queryKey: ['me'] })
      onClose()
    } catch (e) {
      if (e instanceof ApiError) {
        setError(e.message)
        form.setFields(
          e.errors
            .filter((x) => ['key', 'name', 'description'].includes(x.path))
            .map((x) => ({ name: x.path as 'key', errors: [x.message] })),
        )
      } else setError(String(e))
    } finally {
      setBusy(false)
    }
  }

  const title = !mode
    ? ''
    : mode.kind === 'new' || mode.kind === 'copy'
      ? t('roleEditor.editorTitleNew')
      : t(mode.kind === 'edit' ? 'roleEditor.editorTitleEdit' : 'roleEditor.editorTitleView', {
          name: t(`enums.role.${mode.role.key}`, { defaultValue: mode.role.name }),
        })

  return (
    <Drawer
      open={!!mode}
      onClose={onClose}
      title={title}
      size={820}
      destroyOnHidden
      extra={
        <Space>
          <Button onClick={onClose}>{t('common.cancel')}</Button>
          {!readOnly && (
            <Button type="primary" loading={busy} onClick={() => void save()}>
              {t('common.save')}
            </Button>
          )}
        </Space>
      }
    >
      {readOnly && (
        <Alert type="info" showIcon title={t('roleEditor.builtinReadOnly')} style={{ marginBottom: 12 }} />
      )}
      {error && <Alert type="error" showIcon role="alert" title={error} style={{ marginBottom: 12 }} />}
      <Form form={form} layout="vertical" disabled={readOnly} requiredMark={false}>
        <Space wrap align="start" style={{ width: '100%' }} size={[16, 0]}>
          <Form.Item
            name="key"
            label={t('roleEditor.key')}
            extra={mode?.kind === 'edit' || readOnly ? undefined : t('roleEditor.keyHelp')}
            rules={[
              { required: true, message: t('roleEditor.required') },
              { pattern: /^[a-z][a-z0-9_]{1,39}$/, message: t('roleEditor.keyHelp') },
            ]}
          >
            <Input disabled={mode?.kind === 'edit' || readOnly} style={{ width: 220 }} />
          </Form.Item>
          <Form.Item
            name="name"
            label={t('roleEditor.name')}
            rules={[{ required: true, whitespace: true, message: t('roleEditor.required') }]}
          >
            <Input maxLength={100} style={{ width: 260 }} />
          </Form.Item>
        </Space>
        <Form.Item name="description" label={t('roleEditor.description')}>
          <Input.TextArea maxLength={500} autoSize={{ minRows: 1, maxRows: 3 }} />
        </Form.Item>
      </Form>
      <Table<Row & { header?: boolean }>
        size="small"
        rowKey="key"
        pagination={false}
        dataSource={rows}
        scroll={{ x: 640 }}
        data-testid="permission-grid"
        rowClassName={(r) => (r.header ? 'perm-group-row' : '')}
        columns={[
          {
            title: t('roleEditor.resource'),
            width: 220,
            fixed: 'left',
            onCell: (r) => (r.header ? { colSpan: 5 } : {}),
            render: (_, r) =>
              r.header ? (
                <Typography.Text strong type="secondary">
                  {r.label}
                </Typography.Text>
              ) : (
                <span>
                  {r.label}
                  {r.key !== '*' && !perms[r.key] && (
                    <Tag style={{ marginInlineStart: 6 }} bordered={false}>
                      {t('roleEditor.inherited')}
                    </Tag>
                  )}
                </span>
              ),
          },
          ...actions.map((a) => ({
            title: t(`settings.actions.${a}`),
            key: a,
            width: 130,
            onCell: (r: Row & { header?: boolean }) => (r.header ? { colSpan: 0 } : {}),
            render: (_: unknown, r: Row & { header?: boolean }) => {
              if (r.header) return null
              const value = effective(perms, r.key)[a]
              const choices =
                r.kind === 'all' && value !== 'own' && value !== 'team' ? setupScopes : ownedScopes
              return (
                <Select<Scope>
                  size="small"
                  style={{ width: 120 }}
                  disabled={readOnly}
                  aria-label={`${r.label} · ${t(`settings.actions.${a}`)}`}
                  value={value}
                  onChange={(s) => setScope(r.key, a, s)}
                  options={choices.map((s) => ({ value: s, label: t(`settings.scopes.${s}`) }))}
                />
              )
            },
          })),
        ]}
      />
    </Drawer>
  )
}
