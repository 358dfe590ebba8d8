import { useMemo, useState } from 'react'
import {
  Alert,
  App,
  Button,
  Form,
  Input,
  Modal,
  Popconfirm,
  Select,
  Space,
  Table,
  Tag,
  Typography,
} from 'antd'
import { PlusOutlined } from '@ant-design/icons'
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query'
import dayjs from 'dayjs'
import { useTranslation } from 'react-i18next'
import { useAuth } from '../../app/auth'
import { get, patch, post, type Page } from '../../shared/api/client'
import { useTeams } from '../../shared/api/lookups'
import { ErrorState } from '../../shared/ui/states'
import { fetchAll } from '../reports/data'
import { applyApiError, dateTime, scopeOf, type RoleRecord, type UserRecord } from './common'

type Values = { email?: string; name: string; password?: string; roles: string[]; teamIds: string[] }

export function useRoles() {
  return useQuery({
    queryKey: ['roles', 'all'],
    queryFn: () => get<Page<RoleRecord>>('/roles', { limit: 500 }),
    staleTime: 5 * 60_000,
  })
}

export function UsersTab() {
  const { t } = useTranslation()
  const { me } = useAuth()
  const { message } = App.useApp()
  const qc = useQueryClient()
  const [q, setQ] = useState('')
  const [editing, setEditing] = useState<UserRecord | 'new' | null>(null)
  const users = useQuery({
    queryKey: ['users', 'settings'],
    queryFn: () => fetchAll<UserRecord>('/users', { sort: 'name' }),
  })
  const teams = useTeams()
  const roles = useRoles()
  const canCreate = scopeOf(me, 'users', 'create') !== 'none'
  const canUpdate = scopeOf(me, 'users', 'update') !== 'none'
  const teamNames = useMemo(
    () => Object.fromEntries((teams.data?.data ?? []).map((x) => [x.id, x.name])),
    [teams.data],
  )
  const roleName = (key: string) =>
    t(`enums.role.${key}`, { defaultValue: roles.data?.data.find((r) => r.key === key)?.name ?? key })

  const setActive = useMutation({
    mutationFn: (u: UserRecord) =>
      patch<UserRecord>(`/users/${u.id}`, { version: u.version, active: !u.active }),
    onSuccess: (u) => {
      void message.success(
        u.active ? t('settings.reactivated', { name: u.name }) : t('settings.deactivated', { name: u.name }),
      )
      void qc.invalidateQueries({ queryKey: ['users'] })
    },
    onError: (e) => void message.error(e instanceof Error ? e.message : String(e)),
  })

  const term = q.trim().toLowerCase()
  const rows = (users.data?.rows ?? []).filter(
    (u) => !term || u.name.toLowerCase().includes(term) || u.email.toLowerCase().includes(term),
  )

  if (users.isError) return <ErrorState error={users.error} onRetry={() => void users.refetch()} />
  return (
    <>
      <div className="toolbar">
        <Input.Search
          allowClear
          aria-label={t('settings.searchUsers')}
          placeholder={t('settings.searchUsers')}
          value={q}
          onChange={(e) => setQ(e.target.value)}
          style={{ maxWidth: 280 }}
        />
        <span style={{ flex: 1 }} />
        {canCreate && (
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setEditing('new')}>
            {t('settings.newUser')}
          </Button>
        )}
      </div>
      <Table<UserRecord>
        rowKey="id"
        size="middle"
        loading={users.isLoading}
        dataSource={rows}
        pagination={{ pageSize: 50, hideOnSinglePage: true }}
        scroll={{ x: 900 }}
        columns={[
          {
            title: t('fields.name'),
            dataIndex: 'name',
            width: 170,
            render: (_, u) => (
              <div>
                <Typography.Text strong>{u.name}</Typography.Text>
                {u.title && (
                  <div>
                    <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                      {u.title}
                    </Typography.Text>
                  </div>
                )}
              </div>
            ),
          },
          { title: t('fields.email'), dataIndex: 'email' },
          {
            title: t('fields.roles'),
            dataIndex: 'roles',
            render: (_, u) => u.roles.map((r) => <Tag key={r}>{roleName(r)}</Tag>),
          },
          {
            title: t('nav.teams'),
            dataIndex: 'teamIds',
            width: 150,
            render: (_, u) =>
              u.teamIds.length ? u.teamIds.map((id) => teamNames[id] ?? '…').join(', ') : '—',
          },
          {
            title: t('fields.status'),
            dataIndex: 'active',
            width: 100,
            render: (_, u) =>
              u.active ? (
                <Tag color="green">{t('settings.active')}</Tag>
              ) : (
                <Tag>{t('settings.inactive')}</Tag>
              ),
          },
          {
            title: t('settings.lastLogin'),
            dataIndex: 'lastLoginAt',
            width: 150,
            render: (_, u) => (u.lastLoginAt ? dayjs(u.lastLoginAt).format(dateTime) : t('settings.never')),
          },
          ...(canUpdate
            ? [
                {
                  title: t('common.actions'),
                  key: 'actions',
                  width: 170,
                  render: (_: unknown, u: UserRecord) => (
                    <Space size={4}>
                      <Button
                        size="small"
                        onClick={() => setEditing(u)}
                        aria-label={`${t('common.edit')} ${u.name}`}
                      >
                        {t('common.edit')}
                      </Button>
                      {u.id !== me?.id &&
                        (u.active ? (
                          <Popconfirm
                            title={t('settings.deactivateConfirm', { name: u.name })}
                            okText={t('settings.deactivate')}
                            cancelText={t('common.cancel')}
                            okButtonProps={{ danger: true }}
                            onConfirm={() => setActive.mutateAsync(u)}
                          >
                            <Button size="small" danger>
                              {t('settings.deactivate')}
                            </Button>
                          </Popconfirm>
                        ) : (
                          <Button size="small" onClick={() => setActive.mutate(u)}>
                            {t('settings.reactivate')}
                          </Button>
                        ))}
                    </Space>
                  ),
                },
              ]
            : []),
        ]}
      />
      {editing && (
        <UserModal
          user={editing === 'new' ? null : editing}
          roles={roles.data?.data ?? []}
          teams={teams.data?.data ?? []}
          roleName={roleName}
          onClose={() => setEditing(null)}
        />
      )}
    </>
  )
}

function UserModal({
  user,
  roles,
  teams,
  roleName,
  onClose,
}: {
  user: UserRecord | null
  roles: RoleRecord[]
  teams: { id: string; name: string }[]
  roleName: (key: string) => string
  onClose: () => void
}) {
  const { t } = useTranslation()
  const { message } = App.useApp()
  const qc = useQueryClient()
  const [form] = Form.useForm<Values>()
  const [problem, setProblem] = useState<string | null>(null)
  const save = useMutation({
    mutationFn: (v: Values) => {
      const body = { ...v, password: v.password || undefined }
      if (!user) return post<UserRecord>('/users', body)
      const { email: _e, ...rest } = body
      return patch<UserRecord>(`/users/${user.id}`, { version: user.version, ...rest })
    },
    onMutate: () => setProblem(null),
    onSuccess: () => {
      void message.success(user ? t('common.saved') : t('common.created'))
      void qc.invalidateQueries({ queryKey: ['users'] })
      void qc.invalidateQueries({ queryKey: ['teams'] })
      onClose()
    },
    onError: (e) => setProblem(applyApiError(form, e, ['email', 'name', 'password', 'roles', 'teamIds'])),
  })
  return (
    <Modal
      open
      title={user ? t('settings.editUser', { name: user.name }) : t('settings.newUser')}
      okText={user ? t('common.save') : t('common.create')}
      cancelText={t('common.cancel')}
      onOk={() => form.submit()}
      onCancel={onClose}
      confirmLoading={save.isPending}
      destroyOnHidden
    >
      {problem && <Alert type="error" showIcon title={problem} style={{ marginBottom: 16 }} />}
      <Form
        form={form}
        layout="vertical"
        requiredMark={false}
        initialValues={
          user
            ? { email: user.email, name: user.name, roles: user.roles, teamIds: user.teamIds }
            : { roles: ['sales'], teamIds: [] }
        }
        onFinish={(v) => save.mutate(v)}
      >
        <Form.Item
          name="email"
          label={t('fields.email')}
          rules={[{ required: true, type: 'email', message: t('settings.emailInvalid') }]}
        >
          <Input autoComplete="off" disabled={!!user} />
        </Form.Item>
        <Form.Item
          name="name"
          label={t('fields.name')}
          rules={[{ required: true, whitespace: true, message: t('settings.required') }]}
        >
          <Input maxLength={100} />
        </Form.Item>
        <Form.Item
          name="password"
          label={user ? t('settings.newPassword') : t('auth.password')}
          extra={user ? t('settings.passwordKeep') : t('settings.passwordHelp')}
          rules={[{ required: !user, min: 8, message: t('settings.passwordHelp') }]}
        >
          <Input.Password autoComplete="new-password" />
        </Form.Item>
        <Form.Item
          name="roles"
          label={t('fields.roles')}
          rules={[{ required: true, type: 'array', min: 1, message: t('settings.rolesRequired') }]}
        >
          <Select
            mode="multiple"
            showSearch={{ optionFilterProp: 'label' }}
            options={roles.map((r) => ({ value: r.key, label: roleName(r.key) }))}
          />
        </Form.Item>
        <Form.Item name="teamIds" label={t('nav.teams')}>
          <Select
            mode="multiple"
            showSearch={{ optionFilterProp: 'label' }}
            options={teams.map((x) => ({ value: x.id, label: x.name }))}
          />
        </Form.Item>
      </Form>
    </Modal>
  )
}
