import { useMemo, useState } from 'react'
import { Alert, App, Button, Form, Input, Modal, Select, Table, Tag, Tooltip, Typography } from 'antd'
import { PlusOutlined } from '@ant-design/icons'
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query'
import { useTranslation } from 'react-i18next'
import { useAuth } from '../../app/auth'
import { get, patch, post, type Page } from '../../shared/api/client'
import { useUsers } from '../../shared/api/lookups'
import { ErrorState } from '../../shared/ui/states'
import { applyApiError, scopeOf, type TeamRecord } from './common'

type Values = { name: string; description?: string | null; managerId?: string | null; memberIds: string[] }

const MAX_TAGS = 6

export function TeamsTab() {
  const { t } = useTranslation()
  const { me } = useAuth()
  const [editing, setEditing] = useState<TeamRecord | 'new' | null>(null)
  const teams = useQuery({
    queryKey: ['teams', 'settings'],
    queryFn: () => get<Page<TeamRecord>>('/teams', { limit: 500 }),
  })
  const users = useUsers()
  const names = useMemo(
    () => Object.fromEntries((users.data?.data ?? []).map((u) => [u.id, u.name])),
    [users.data],
  )
  const canCreate = scopeOf(me, 'teams', 'create') !== 'none'
  const canUpdate = scopeOf(me, 'teams', 'update') !== 'none'

  if (teams.isError) return <ErrorState error={teams.error} onRetry={() => void teams.refetch()} />
  return (
    <>
      {canCreate && (
        <div className="toolbar" style={{ justifyContent: 'flex-end' }}>
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setEditing('new')}>
            {t('settings.newTeam')}
          </Button>
        </div>
      )}
      <Table<TeamRecord>
        rowKey="id"
        size="middle"
        loading={teams.isLoading}
        dataSource={teams.data?.data ?? []}
        pagination={{ pageSize: 50, hideOnSinglePage: true }}
        scroll={{ x: 760 }}
        locale={{ emptyText: t('settings.noTeams') }}
        columns={[
          {
            title: t('fields.name'),
            dataIndex: 'name',
            render: (_, x) => (
              <div>
                <Typography.Text strong>{x.name}</Typography.Text>
                {x.description && (
                  <div>
                    <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                      {x.description}
                    </Typography.Text>
                  </div>
                )}
              </div>
            ),
          },
          {
            title: t('fields.managerId'),
            dataIndex: 'managerId',
            render: (_, x) => (x.managerId ? (names[x.managerId] ?? '…') : '—'),
          },
          {
            title: t('fields.memberIds'),
            dataIndex: 'memberIds',
            render: (_, x) => {
              const shown = x.memberIds.slice(0, MAX_TAGS)
              const rest = x.memberIds.slice(MAX_TAGS)
              return (
                <>
                  {shown.map((id) => (
                    <Tag key={id}>{names[id] ?? '…'}</Tag>
                  ))}
                  {rest.length > 0 && (
                    <Tooltip title={rest.map((id) => names[id] ?? id).join(', ')}>
                      <Tag>{t('settings.moreMembers', { count: rest.length })}</Tag>
                    </Tooltip>
                  )}
                  {x.memberIds.length === 0 && '—'}
                </>
              )
            },
          },
          ...(canUpdate
            ? [
                {
                  title: t('common.actions'),
                  key: 'actions',
                  width: 100,
                  render: (_: unknown, x: TeamRecord) => (
                    <Button
                      size="small"
                      onClick={() => setEditing(x)}
                      aria-label={`${t('common.edit')} ${x.name}`}
                    >
                      {t('common.edit')}
                    </Button>
                  ),
                },
              ]
            : []),
        ]}
      />
      {editing && (
        <TeamModal
          team={editing === 'new' ? null : editing}
          users={(users.data?.data ?? []).filter(
            (u) =>
              u.active ||
              (editing !== 'new' && (editing.memberIds.includes(u.id) || editing.managerId === u.id)),
          )}
          onClose={() => setEditing(null)}
        />
      )}
    </>
  )
}

function TeamModal({
  team,
  users,
  onClose,
}: {
  team: TeamRecord | null
  users: { id: string; name: string }[]
  onClose: () => void
}) {
  const { t } = useTranslation()
  const { message } = App.useApp()
  const qc = useQueryClient()
  const [form] = Form.useForm<Values>()
  const [problem, setProblem] = useState<string | null>(null)
  const save = useMutation({
    mutationFn: (v: Values) => {
      const body = { ...v, description: v.description || null, managerId: v.managerId ?? null }
      return team
        ? patch<TeamRecord>(`/teams/${team.id}`, { version: team.version, ...body })
        : post<TeamRecord>('/teams', body)
    },
    onMutate: () => setProblem(null),
    onSuccess: () => {
      void message.success(team ? t('common.saved') : t('common.created'))
      void qc.invalidateQueries({ queryKey: ['teams'] })
      void qc.invalidateQueries({ queryKey: ['users'] })
      onClose()
    },
    onError: (e) => setProblem(applyApiError(form, e, ['name', 'description', 'managerId', 'memberIds'])),
  })
  const options = users.map((u) => ({ value: u.id, label: u.name }))
  return (
    <Modal
      open
      title={team ? t('settings.editTeam', { name: team.name }) : t('settings.newTeam')}
      okText={team ? t('common.save') : t('common.create')}
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
          team
            ? {
                name: team.name,
                description: team.description,
                managerId: team.managerId,
                memberIds: team.memberIds,
              }
            : { memberIds: [] }
        }
        onFinish={(v) => save.mutate(v)}
      >
        <Form.Item
          name="name"
          label={t('fields.name')}
          rules={[{ required: true, whitespace: true, message: t('settings.required') }]}
        >
          <Input maxLength={100} />
        </Form.Item>
        <Form.Item name="description" label={t('fields.description')}>
          <Input.TextArea maxLength={500} autoSize={{ minRows: 2, maxRows: 4 }} />
        </Form.Item>
        <Form.Item name="managerId" label={t('fields.managerId')}>
          <Select allowClear showSearch={{ optionFilterProp: 'label' }} options={options} />
        </Form.Item>
        <Form.Item name="memberIds" label={t('fields.memberIds')}>
          <Select mode="multiple" showSearch={{ optionFilterProp: 'label' }} options={options} />
        </Form.Item>
      </Form>
    </Modal>
  )
}
