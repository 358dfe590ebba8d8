import { useMemo, useState } from 'react'
import {
  Alert,
  App,
  Button,
  DatePicker,
  Form,
  Input,
  Modal,
  Popconfirm,
  Radio,
  Select,
  Space,
  Table,
  Tag,
  Typography,
} from 'antd'
import { CopyOutlined, DeleteOutlined, PlusOutlined } from '@ant-design/icons'
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query'
import dayjs, { type Dayjs } from 'dayjs'
import { useTranslation } from 'react-i18next'
import { useAuth } from '../../app/auth'
import { del, get, post, type Page } from '../../shared/api/client'
import { useUsers } from '../../shared/api/lookups'
import { ErrorState } from '../../shared/ui/states'
import { useObjectList } from '../layouts/layouts.queries'
import { applyApiError, dateTime, isAdmin } from './common'
import './apiTokens.messages'

type Access = 'read' | 'write'
type TokenForm = {
  name: string
  expiresAt?: Dayjs | null
  mode: 'all' | 'some'
  allAccess: Access
  objects?: { key?: string; access: Access }[]
}

type Token = {
  id: string
  name: string
  prefix: string
  userId: string
  createdAt: string
  expiresAt: string | null
  lastUsedAt: string | null
  revokedAt: string | null
  /** Per object key (or `*`): read only, or read and write. */
  scopes: Record<string, Access>
}

/** Object key → its plural label in the reader's language. */
function useObjectLabels() {
  const objects = useObjectList()
  return useMemo(
    () => ({
      list: objects.data?.data ?? [],
      label: (key: string) => objects.data?.data.find((o) => o.key === key)?.pluralLabel ?? key,
    }),
    [objects.data],
  )
}

/** A token's scopes as tags: "Accounts · read", "Everything · read & write". */
function ScopeTags({ scopes }: { scopes: Record<string, Access> }) {
  const { t } = useTranslation()
  const { label } = useObjectLabels()
  return (
    <Space size={[4, 4]} wrap>
      {Object.entries(scopes).map(([key, access]) => (
        <Tag key={key} color={access === 'write' ? 'blue' : undefined}>
          {key === '*' ? t('apiTokens.allObjects') : label(key)} ·{' '}
          {access === 'write' ? t('apiTokens.writeTag') : t('apiTokens.readTag')}
        </Tag>
      ))}
    </Space>
  )
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
        scroll={{ x: 1060 }}
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
            title: t('apiTokens.scopes'),
            key: 'scopes',
            render: (_: unknown, x: Token) => <ScopeTags scopes={x.scopes} />,
          },
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
  const [form] = Form.useForm<TokenForm>()
  const mode = Form.useWatch('mode', form)
  const chosen = Form.useWatch('objects', form)
  const objects = useObjectLabels()
  const [problem, setProblem] = useState<string | null>(null)
  const [secret, setSecret] = useState<string | null>(null)
  const create = useMutation({
    mutationFn: (v: TokenForm) =>
      post<Token & { token: string }>('/api-tokens', {
        name: v.name,
        expiresAt: v.expiresAt ? v.expiresAt.endOf('day').toISOString() : null,
        scopes:
          v.mode === 'all'
            ? { '*': v.allAccess }
            : Object.fromEntries((v.objects ?? []).filter((o) => o.key).map((o) => [o.key, o.access])),
      }),
    onMutate: () => setProblem(null),
    onSuccess: (tok) => {
      setSecret(tok.token)
      void qc.invalidateQueries({ queryKey: ['api-tokens'] })
    },
    onError: (e) => setProblem(applyApiError(form, e, ['name', 'expiresAt'])),
  })
  const submit = (v: TokenForm) => {
    if (v.mode === 'some' && !(v.objects ?? []).some((o) => o.key)) setProblem(t('apiTokens.noObjects'))
    else create.mutate(v)
  }
  const taken = new Set((chosen ?? []).map((o) => o?.key).filter(Boolean))
  const accessChoice = (
    <Radio.Group optionType="button" buttonStyle="solid">
      <Radio.Button value="read">{t('apiTokens.read')}</Radio.Button>
      <Radio.Button value="write">{t('apiTokens.write')}</Radio.Button>
    </Radio.Group>
  )
  const scopeEditor = (
    <>
      <Form.Item name="mode" label={t('apiTokens.scopeMode')} extra={t('apiTokens.scopesHelp')}>
        <Radio.Group>
          <Radio value="all">{t('apiTokens.scopeAll')}</Radio>
          <Radio value="some">{t('apiTokens.scopeSome')}</Radio>
        </Radio.Group>
      </Form.Item>
      {mode === 'some' ? (
        <Form.List name="objects">
          {(rows, { add, remove }) => (
            <div>
              {rows.map((row) => {
                const key = chosen?.[row.name]?.key
                return (
                  <Space key={row.key} align="start" wrap style={{ display: 'flex', marginBottom: 8 }}>
                    <Form.Item name={[row.name, 'key']} noStyle>
                      <Select
                        showSearch={{ optionFilterProp: 'label' }}
                        placeholder={t('apiTokens.pickObject')}
                        aria-label={t('apiTokens.object')}
                        style={{ width: 200 }}
                        options={objects.list.map((o) => ({
                          value: o.key,
                          label: o.pluralLabel,
                          disabled: o.key !== key && taken.has(o.key),
                        }))}
                      />
                    </Form.Item>
                    <Form.Item name={[row.name, 'access']} noStyle>
                      {accessChoice}
                    </Form.Item>
                    <Button
                      icon={<DeleteOutlined />}
                      aria-label={t('apiTokens.removeObject', { name: key ? objects.label(key) : '' })}
                      onClick={() => remove(row.name)}
                    />
                  </Space>
                )
              })}
              <Button
                icon={<PlusOutlined />}
                onClick={() => add({ access: 'read' })}
                style={{ marginBottom: 16 }}
              >
                {t('apiTokens.addObject')}
              </Button>
            </div>
          )}
        </Form.List>
      ) : (
        <Form.Item name="allAccess" label={t('apiTokens.access')}>
          {accessChoice}
        </Form.Item>
      )}
    </>
  )
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
      <Form
        form={form}
        layout="vertical"
        requiredMark={false}
        initialValues={{ mode: 'all', allAccess: 'write', objects: [{ access: 'read' }] }}
        onFinish={submit}
      >
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
        {scopeEditor}
      </Form>
    </Modal>
  )
}
