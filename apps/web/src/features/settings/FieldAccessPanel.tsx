import { useEffect, useMemo, useState } from 'react'
import { Alert, App, Button, Card, Radio, Select, Space, Table, Tag, Typography } from 'antd'
import type { TFunction } from 'i18next'
import { useTranslation } from 'react-i18next'
import { ErrorState } from '../../shared/ui/states'
import { useObjectSchema } from '../fields'
import { useObjectList } from '../layouts/layouts.queries'
import { collections } from '../records/meta'
import type { RoleRecord } from './common'
import { useFieldAccessOfRoles, useSaveFieldAccess, type Access } from './field-access.queries'

type Row = { path: string; label: string; custom: boolean; readOnly: boolean; known: boolean }

const roleName = (r: RoleRecord, t: TFunction) => t(`enums.role.${r.key}`, { defaultValue: r.name })

/** Settings → Roles → Field access: per role and object, each field editable, read-only or hidden. */
export function FieldAccessPanel({ roles }: { roles: RoleRecord[] }) {
  const { t } = useTranslation()
  const { message, modal } = App.useApp()
  const [role, setRole] = useState<string>(() => roles.find((r) => r.key === 'sales')?.key ?? roles[0]!.key)
  const [object, setObject] = useState('accounts')
  const objects = useObjectList()
  const schema = useObjectSchema(object)
  const access = useFieldAccessOfRoles(roles.map((r) => r.key))
  const save = useSaveFieldAccess()
  const index = roles.findIndex((r) => r.key === role)
  const current = access[index]
  const saved = useMemo(() => current?.data?.objects[object] ?? {}, [current?.data, object])
  const [draft, setDraft] = useState<Record<string, 'hidden' | 'read'>>(saved)
  useEffect(() => setDraft(saved), [saved])
  const dirty = JSON.stringify(draft) !== JSON.stringify(saved)
  const roleOf = roles[index]!
  const isAdminRole = roleOf.key === 'admin'

  const rows: Row[] = useMemo(() => {
    const fromSchema = (schema.data?.fields ?? []).map((f) => ({
      path: f.custom ? `custom.${f.key}` : f.key,
      label: f.label,
      custom: f.custom,
      readOnly: f.readOnly,
      known: true,
    }))
    const listed = new Set(fromSchema.map((r) => r.path))
    // Fields hidden from administrators themselves are not in their description: still listed here.
    const elsewhere = new Set(
      access.flatMap((q) => Object.keys(q.data?.objects[object] ?? {})).filter((p) => !listed.has(p)),
    )
    return [
      ...fromSchema,
      ...[...elsewhere].map((path) => ({
        path,
        label: path,
        custom: path.startsWith('custom.'),
        readOnly: false,
        known: false,
      })),
    ]
  }, [schema.data, access, object])

  const restrictedBy = (path: string) =>
    roles.flatMap((r, i) => {
      if (r.key === role) return []
      const a = access[i]?.data?.objects[object]?.[path]
      return a ? [{ role: roleName(r, t), access: a }] : []
    })

  const objectLabel = (key: string, plural: string, builtIn: boolean) =>
    builtIn ? t(`nav.${collections[key]?.title ?? key}`, { defaultValue: plural }) : plural
  const roleLabel = roleName(roleOf, t)
  const objectName = (() => {
    const o = objects.data?.data.find((x) => x.key === object)
    return o ? objectLabel(o.key, o.pluralLabel, o.builtIn) : object
  })()

  const doSave = async () => {
    try {
      await save.mutateAsync({ role, object, fields: draft })
      message.success(t('layouts.access.saved', { role: roleLabel, object: objectName }))
    } catch (e) {
      message.error(e instanceof Error ? e.message : String(e))
    }
  }
  const submit = () => {
    const newlyHidden = Object.keys(draft).filter((p) => draft[p] === 'hidden' && saved[p] !== 'hidden')
    if (isAdminRole && newlyHidden.length)
      return modal.confirm({
        title: t('layouts.access.adminTitle'),
        content: t('layouts.access.adminBody', {
          fields: newlyHidden
            .map((p) => rows.find((r) => r.path === p)?.label ?? p)
            .join(t('settings.actionSeparator')),
        }),
        okButtonProps: { danger: true },
        okText: t('layouts.access.hidden'),
        onOk: doSave,
      })
    void doSave()
  }
  const set = (path: string, a: Access) =>
    setDraft((d) => {
      const { [path]: _old, ...rest } = d
      return a === 'edit' ? rest : { ...rest, [path]: a }
    })
  const count = Object.keys(saved).length

  return (
    <Card title={t('layouts.access.title')} style={{ marginTop: 24 }} data-testid="field-access">
      <Typography.Paragraph type="secondary">{t('layouts.access.help')}</Typography.Paragraph>
      <Space wrap style={{ marginBottom: 12 }}>
        <Typography.Text id="fa-role">{t('layouts.access.role')}</Typography.Text>
        <Select
          aria-labelledby="fa-role"
          style={{ width: 180 }}
          value={role}
          onChange={setRole}
          options={roles.map((r) => ({ value: r.key, label: roleName(r, t) }))}
        />
        <Typography.Text id="fa-object">{t('layouts.access.object')}</Typography.Text>
        <Select
          aria-labelledby="fa-object"
          showSearch={{ optionFilterProp: 'label' }}
          style={{ width: 200 }}
          loading={objects.isLoading}
          value={object}
          onChange={setObject}
          options={(objects.data?.data ?? [{ key: 'accounts', pluralLabel: 'accounts', builtIn: true }]).map(
            (o) => ({ value: o.key, label: objectLabel(o.key, o.pluralLabel, o.builtIn) }),
          )}
        />
        <Tag color={count ? 'orange' : 'default'}>
          {count ? t('layouts.access.restrictedCount', { count }) : t('layouts.access.allEditable')}
        </Tag>
      </Space>
      {isAdminRole && (
        <Alert
          type="warning"
          showIcon
          title={t('layouts.access.adminWarning')}
          style={{ marginBottom: 12 }}
        />
      )}
      {schema.isError || current?.isError ? (
        <ErrorState
          error={schema.error ?? current?.error}
          onRetry={() => void Promise.all([schema.refetch(), current?.refetch()])}
        />
      ) : (
        <Table<Row>
          rowKey="path"
          size="small"
          pagination={false}
          loading={schema.isLoading || !!current?.isLoading}
          dataSource={rows}
          scroll={{ y: 520 }}
          columns={[
            {
              title: t('layouts.access.field'),
              dataIndex: 'label',
              render: (_, r) => (
                <Space size={4} wrap>
                  <Typography.Text type={r.known ? undefined : 'secondary'}>{r.label}</Typography.Text>
                  {r.custom && <Tag>{t('layouts.access.custom')}</Tag>}
                  {r.readOnly && <Tag>{t('layouts.access.readOnlyField')}</Tag>}
                  {!r.known && <Tag>{t('layouts.access.notFound')}</Tag>}
                </Space>
              ),
            },
            {
              title: t('layouts.access.access'),
              width: 290,
              render: (_, r) => (
                <Radio.Group
                  size="small"
                  optionType="button"
                  aria-label={`${r.label} · ${t('layouts.access.access')}`}
                  value={draft[r.path] ?? 'edit'}
                  onChange={(e) => set(r.path, e.target.value as Access)}
                  options={(['edit', 'read', 'hidden'] as const).map((a) => ({
                    value: a,
                    label: t(`layouts.access.${a}`),
                  }))}
                />
              ),
            },
            {
              title: t('layouts.access.restrictedBy'),
              render: (_, r) => (
                <Space size={4} wrap>
                  {restrictedBy(r.path).map((x) => (
                    <Tag key={x.role} color={x.access === 'hidden' ? 'red' : 'gold'}>
                      {x.role} · {t(`layouts.access.${x.access}`)}
                    </Tag>
                  ))}
                </Space>
              ),
            },
          ]}
        />
      )}
      <Space style={{ marginTop: 12 }}>
        <Button type="primary" disabled={!dirty} loading={save.isPending} onClick={submit}>
          {t('common.save')}
        </Button>
        <Button disabled={!dirty} onClick={() => setDraft(saved)}>
          {t('layouts.access.discard')}
        </Button>
        {dirty && <Tag color="orange">{t('layouts.access.unsaved')}</Tag>}
      </Space>
    </Card>
  )
}
