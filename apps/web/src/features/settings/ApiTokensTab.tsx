import { useMemo, useState } from 'react'
import { Alert, App, Button, DatePicker, Form, Input, Modal, Popconfirm, Table, Tag, Typography } from 'antd'
import { CopyOutlined, PlusOutlined } from '@ant-design/icons'
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query'
import dayjs, { type Dayjs } from 'dayjs'
import { useTranslation } from 'react-i18next'
import { useAuth } from '../../app/auth'
import { del, get, post, type Page } from '../../shared/api/client'
import { useUsers } from '../../shared/api/lookups'
import { ErrorState } from '../../shared/ui/states'
import { applyApiError, dateTime, isAdmin } from './common'

type Token = {
  id: string
  name: string
  prefix: string
  userId: string
  createdAt: string
  expiresAt: string | null
  lastUsedAt: string | null
  revokedAt: string | null
}

export function ApiTokensTab() {
  const { t } = useTranslation()
  const { me } = useAuth()
  const { message } = App.useApp()
  const qc = useQueryClient()
  const [creating, setCreating] = useState(false)
  const tokens = useQuery({ queryKey: ['api-tokens'], queryFn: () => get<Page<Token>>('/api-tokens') })
  const users = useUsers()
  const admin = isAdmin(me)
  const names = useMemo(
    () => Object.fromEntries((users.data?.data ?? []).map((u) => [u.id, u.name])),
    [users.data],
  )
  const revoke = useMutation({
    mutationFn: (tok: Token) => del<Token>(`/api-tokens/${tok.id}`),
    onSuccess: (tok) => {
      void message.success(t('settings.tokenRevoked', { name: tok.name }))
      void qc.invalidateQueries({ queryKey: ['api-tokens'] })
    },
    onError: (e) => void message.error(e instanceof Error ? e.message : String(e)),
  })

  if (tokens.isError) return <ErrorState error={tokens.error} onRetry={() => void tokens.refetch()} />
  const status = (x: Token) =>
    x.revokedAt ? (
      <Tag>{t('settings.revoked')}</Tag>
    ) : x.expiresAt && dayjs(x.expiresAt).isBefore(dayjs()) ? (
      <Tag color="orange">{t('settings.expired')}</Tag>
    ) : (
      <Tag color="green">{t('settings.active')}</Tag>
    )
  return (
    <>
      <div className="toolbar">
        <Typography.Text type="secondary" style={{ flex: 1, minWidth: 240 }}>
          {admin ? t('settings.tokensHelpAdmin') : t('settings.tokensHelp')}
        </Typography.Text>
        <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)}>
          {t('settings.newToken')}
        </Button>
      </div>
      <Table<Token>
        rowKey="id"
        size="middle"
        loading={tokens.isLoading}
        dataSource={tokens.data?.data ?? []}
        pagination={{ pageSize: 50, hideOnSinglePage: true }}
        scroll={{ x: 860 }}
        locale={{ emptyText: t('settings.noTokens') }}
        columns={[
          { title: t('settings.tokenName'), dataIndex: 'name', render: (v: string) => <strong>{v}</strong> },
          {
            title: t('fields.prefix'),
            dataIndex: 'prefix',
            render: (v: string) => <Typography.Text code>{v}…</Typography.Text>,
          },
          ...(admin
            ? [
                {
                  title: t('common.owner'),
                  dataIndex: 'userId',
                  render: (v: string) => names[v] ?? '…',
                },
              ]
            : []),
          {
            title: t('fields.createdAt'),
            dataIndex: 'createdAt',
            render: (v: string) => dayjs(v).format(dateTime),
          },
          {
            title: t('settings.lastUsed'),
            dataIndex: 'lastUsedAt',
            render: (v: string | null) => (v ? dayjs(v).format(dateTime) : t('settings.never')),
          },
          {
            title: t('settings.expires'),
            dataIndex: 'expiresAt',
            render: (v: string | null) => (v ? dayjs(v).format('YYYY-MM-DD') : t('settings.noExpiry')),
          },
          { title: t('fields.status'), key: 'status', render: (_: unknown, x: Token) => status(x) },
          {
            title: t('common.actions'),
            key: 'actions',
            width: 110,
            render: (_: unknown, x: Token) =>
              !x.revokedAt && (
                <Popconfirm
                  title={t('settings.revokeConfirm', { name: x.name })}
                  description={t('settings.revokeHelp')}
                  okText={t('settings.revoke')}
                  cancelText={t('common.cancel')}
                  okButtonProps={{ danger: true }}
                  onConfirm={() => revoke.mutateAsync(x)}
                >
                  <Button size="small" danger aria-label={`${t('settings.revoke')} ${x.name}`}>
                    {t('settings.revoke')}
                  </Button>
                </Popconfirm>
              ),
          },
        ]}
      />
      {creating && <NewTokenModal onClose={() => setCreating(false)} />}
    </>
  )
}

function NewTokenModal({ onClose }: { onClose: () => void }) {
  const { t } = useTranslation()
  const { message } = App.useApp()
  const qc = useQueryClient()
  const [form] = Form.useForm<{ name: string; expiresAt?: Dayjs | null }>()
  const [problem, setProblem] = useState<string | null>(null)
  const [secret, setSecret] = useState<string | null>(null)
  const create = useMutation({
    mutationFn: (v: { name: string; expiresAt?: Dayjs | null }) =>
      post<Token & { token: string }>('/api-tokens', {
        name: v.name,
        expiresAt: v.expiresAt ? v.expiresAt.endOf('day').toISOString() : null,
      }),
    onMutate: () => setProblem(null),
    onSuccess: (tok) => {
      setSecret(tok.token)
      void qc.invalidateQueries({ queryKey: ['api-tokens'] })
    },
    onError: (e) => setProblem(applyApiError(form, e, ['name', 'expiresAt'])),
  })
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(secret ?? '')
      void message.success(t('settings.copied'))
    } catch {
      void message.error(t('settings.copyFailed'))
    }
  }

  if (secret)
    return (
      <Modal
        open
        title={t('settings.tokenCreated')}
        onCancel={onClose}
        mask={{ closable: false }}
        footer={
          <Button type="primary" onClick={onClose}>
            {t('settings.tokenDone')}
          </Button>
        }
      >
        <Alert type="warning" showIcon title={t('settings.tokenShownOnce')} style={{ marginBottom: 12 }} />
        <div style={{ display: 'flex', gap: 8 }}>
          <Input
            readOnly
            value={secret}
            aria-label={t('settings.tokenValue')}
            onFocus={(e) => e.target.select()}
            style={{ fontFamily: 'ui-monospace, SFMono-Regular, Menlo, Consolas, monospace' }}
          />
          <Button icon={<CopyOutlined />} onClick={() => void copy()}>
            {t('settings.copy')}
          </Button>
        </div>
      </Modal>
    )

  return (
    <Modal
      open
      title={t('settings.newToken')}
      okText={t('common.create')}
      cancelText={t('common.cancel')}
      onOk={() => form.submit()}
      onCancel={onClose}
      confirmLoading={create.isPending}
      destroyOnHidden
    >
      {problem && <Alert type="error" showIcon title={problem} style={{ marginBottom: 16 }} />}
      <Form form={form} layout="vertical" requiredMark={false} onFinish={(v) => create.mutate(v)}>
        <Form.Item
          name="name"
          label={t('settings.tokenName')}
          extra={t('settings.tokenNameHelp')}
          rules={[{ required: true, whitespace: true, message: t('settings.required') }]}
        >
          <Input maxLength={100} autoFocus />
        </Form.Item>
        <Form.Item name="expiresAt" label={t('settings.expires')} extra={t('settings.expiresHelp')}>
          <DatePicker disabledDate={(d) => d.isBefore(dayjs(), 'day')} style={{ width: 200 }} />
        </Form.Item>
      </Form>
    </Modal>
  )
}
