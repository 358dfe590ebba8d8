import { useState } from 'react'
import { Alert, App, Button, Form, Input, Modal, Select, Table, Tag, Typography } from 'antd'
import { PlusOutlined } from '@ant-design/icons'
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query'
import dayjs from 'dayjs'
import { useTranslation } from 'react-i18next'
import { get, post } from '../../shared/api/client'
import { ErrorState } from '../../shared/ui/states'
import { applyApiError, dateTime } from './common'
import './workspaces.messages'

type OperatorWorkspace = {
  id: string
  name: string
  slug: string
  locale: string
  createdAt: string
  users: number
  accounts: number
  demo: boolean
}
type BuiltIn = { key: string; name: { en: string; 'zh-CN': string } }
type Values = {
  name: string
  locale: 'zh-CN' | 'en'
  template: string
  adminEmail: string
  adminName?: string
  adminPassword: string
}
const fields = ['name', 'locale', 'template', 'adminEmail', 'adminName', 'adminPassword', 'slug']

/** Settings → Workspaces: an instance operator's list of every workspace, and a new one from a template. */
export function WorkspacesTab() {
  const { t, i18n } = useTranslation()
  const { message } = App.useApp()
  const qc = useQueryClient()
  const [open, setOpen] = useState(false)
  const [problem, setProblem] = useState<string | null>(null)
  const [form] = Form.useForm<Values>()
  const list = useQuery({
    queryKey: ['operator-workspaces'],
    queryFn: () => get<{ data: OperatorWorkspace[] }>('/operator/workspaces'),
  })
  const templates = useQuery({
    queryKey: ['workspace-templates'],
    queryFn: () => get<{ data: BuiltIn[] }>('/workspace-templates'),
    enabled: open,
  })
  const create = useMutation({
    mutationFn: (v: Values) =>
      post<OperatorWorkspace>('/operator/workspaces', { ...v, adminName: v.adminName || undefined }),
    onMutate: () => setProblem(null),
    onSuccess: (w) => {
      void qc.invalidateQueries({ queryKey: ['operator-workspaces'] })
      void message.success(t('workspaces.created', { name: w.name }))
      form.resetFields()
      setOpen(false)
    },
    onError: (e) => setProblem(applyApiError(form, e, fields)),
  })
  if (list.isError) return <ErrorState error={list.error} onRetry={() => void list.refetch()} />
  const lang = i18n.language === 'en' ? 'en' : 'zh-CN'
  return (
    <div data-testid="operator-workspaces">
      <Typography.Paragraph type="secondary">{t('workspaces.help')}</Typography.Paragraph>
      <Button
        type="primary"
        icon={<PlusOutlined />}
        onClick={() => {
          form.setFieldsValue({ locale: lang, template: 'standard' })
          setOpen(true)
        }}
        style={{ marginBottom: 16 }}
      >
        {t('workspaces.new')}
      </Button>
      <Table<OperatorWorkspace>
        rowKey="id"
        size="middle"
        loading={list.isLoading}
        dataSource={list.data?.data ?? []}
        pagination={false}
        scroll={{ x: 'max-content' }}
        columns={[
          {
            title: t('workspaces.name'),
            dataIndex: 'name',
            render: (name: string, w) => (
              <>
                {name} {w.demo && <Tag>{t('workspaces.demo')}</Tag>}
              </>
            ),
          },
          { title: t('workspaces.key'), dataIndex: 'slug', render: (s: string) => <code>{s}</code> },
          {
            title: t('workspaces.createdAt'),
            dataIndex: 'createdAt',
            render: (d: string) => dayjs(d).format(dateTime),
          },
          { title: t('workspaces.people'), dataIndex: 'users', align: 'right' },
          { title: t('workspaces.accounts'), dataIndex: 'accounts', align: 'right' },
        ]}
      />
      <Modal
        open={open}
        title={t('workspaces.new')}
        okText={t('workspaces.create')}
        onOk={() => form.submit()}
        confirmLoading={create.isPending}
        onCancel={() => setOpen(false)}
        destroyOnHidden
      >
        {problem && <Alert type="error" showIcon message={problem} style={{ marginBottom: 16 }} />}
        <Form form={form} layout="vertical" onFinish={(v) => create.mutate(v)} requiredMark={false}>
          <Form.Item
            name="name"
            label={t('workspaces.name')}
            rules={[{ required: true, whitespace: true, message: t('workspaces.nameRequired') }]}
          >
            <Input maxLength={100} autoFocus />
          </Form.Item>
          <Form.Item name="locale" label={t('workspaces.language')}>
            <Select
              options={[
                { value: 'zh-CN', label: t('settings.localeZh') },
                { value: 'en', label: t('settings.localeEn') },
              ]}
            />
          </Form.Item>
          <Form.Item name="template" label={t('workspaces.template')}>
            <Select
              loading={templates.isLoading}
              options={(
                templates.data?.data ?? [{ key: 'standard', name: { en: 'standard', 'zh-CN': 'standard' } }]
              ).map((x) => ({ value: x.key, label: x.name[lang] }))}
            />
          </Form.Item>
          <Form.Item
            name="adminEmail"
            label={t('workspaces.adminEmail')}
            rules={[{ required: true, type: 'email', message: t('workspaces.emailInvalid') }]}
          >
            <Input type="email" autoComplete="off" />
          </Form.Item>
          <Form.Item name="adminName" label={t('workspaces.adminName')} extra={t('workspaces.adminNameHelp')}>
            <Input maxLength={100} />
          </Form.Item>
          <Form.Item
            name="adminPassword"
            label={t('workspaces.adminPassword')}
            extra={t('workspaces.adminPasswordHelp')}
            rules={[{ required: true, min: 8, message: t('workspaces.passwordShort') }]}
          >
            <Input.Password autoComplete="new-password" />
          </Form.Item>
        </Form>
      </Modal>
    </div>
  )
}
