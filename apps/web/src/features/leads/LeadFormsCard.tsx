import { useState } from 'react'
import {
  App,
  Button,
  Card,
  Form,
  Input,
  InputNumber,
  Modal,
  Select,
  Space,
  Switch,
  Table,
  Typography,
} from 'antd'
import { useQueryClient } from '@tanstack/react-query'
import dayjs from 'dayjs'
import { Trans, useTranslation } from 'react-i18next'
import { del, patch, post } from '../../shared/api/client'
import { EmptyState, ErrorState, LoadingState } from '../../shared/ui/states'
import { leadKeys, useLeadForms, type LeadForm } from './leads.queries'

const endpointOf = (key: string) => `${window.location.origin}/api/v1/public/leads/${key}`

/** A plain HTML form posting JSON to the endpoint, with the honeypot field hidden from people. */
const snippetOf = (key: string) => `<form id="openkam-lead">
  <input name="name" required placeholder="Name">
  <input name="company" placeholder="Company">
  <input name="email" type="email" placeholder="E-mail">
  <input name="phone" placeholder="Phone">
  <input name="homepage" tabindex="-1" autocomplete="off" style="position:absolute;left:-9999px">
  <button>Send</button>
</form>
<script>
document.getElementById('openkam-lead').addEventListener('submit', async (e) => {
  e.preventDefault()
  const body = Object.fromEntries([...new FormData(e.target)].filter(([, v]) => v !== '' || false))
  body.pageUrl = location.href
  await fetch('${endpointOf(key)}', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) })
  e.target.reset()
})
</script>`

/** Settings: the public capture forms — create, copy endpoint and snippet, new key, enable, delete. */
export function LeadFormsCard() {
  const { t } = useTranslation()
  const { message, modal } = App.useApp()
  const qc = useQueryClient()
  const q = useLeadForms(true)
  const [creating, setCreating] = useState(false)
  const [form] = Form.useForm<{ name: string; source: string; maxPerHour: number }>()
  const refresh = () => qc.invalidateQueries({ queryKey: leadKeys.forms() })
  const run = async (work: () => Promise<unknown>) => {
    try {
      await work()
      await refresh()
    } catch (e) {
      message.error(e instanceof Error ? e.message : String(e))
    }
  }
  const copy = async (text: string) => {
    await navigator.clipboard?.writeText(text)
    message.success(t('leadScoring.settings.copied'))
  }
  const create = async () => {
    const v = await form.validateFields()
    await run(() => post('/lead-forms', v))
    setCreating(false)
    form.resetFields()
  }
  const columns = [
    { title: t('leadScoring.settings.formName'), dataIndex: 'name' },
    {
      title: t('leadScoring.settings.endpoint'),
      key: 'endpoint',
      render: (_: unknown, f: LeadForm) => (
        <Space direction="vertical" size={2}>
          <Typography.Text code copyable={{ text: endpointOf(f.key) }}>
            …/public/leads/{f.key.slice(0, 10)}…
          </Typography.Text>
          <Button size="small" onClick={() => void copy(snippetOf(f.key))}>
            {t('leadScoring.settings.snippet')}: {t('leadScoring.settings.copy')}
          </Button>
        </Space>
      ),
    },
    {
      title: t('leadScoring.settings.submissions'),
      key: 'submissions',
      render: (_: unknown, f: LeadForm) =>
        `${f.submissions}${f.lastSubmittedAt ? ` · ${dayjs(f.lastSubmittedAt).format('MM-DD HH:mm')}` : ''}`,
    },
    { title: t('leadScoring.settings.maxPerHour'), dataIndex: 'maxPerHour' },
    {
      title: t('leadScoring.settings.enabled'),
      key: 'enabled',
      render: (_: unknown, f: LeadForm) => (
        <Switch
          checked={f.enabled}
          aria-label={t('leadScoring.settings.enabled')}
          onChange={(v) => void run(() => patch(`/lead-forms/${f.id}`, { enabled: v }))}
        />
      ),
    },
    {
      title: '',
      key: 'actions',
      render: (_: unknown, f: LeadForm) => (
        <Space>
          <Button
            size="small"
            onClick={() =>
              modal.confirm({
                title: t('leadScoring.settings.rotateConfirm'),
                onOk: () => run(() => post(`/lead-forms/${f.id}/rotate`)),
              })
            }
          >
            {t('leadScoring.settings.rotate')}
          </Button>
          <Button
            size="small"
            danger
            onClick={() =>
              modal.confirm({
                title: t('leadScoring.settings.deleteConfirm'),
                okButtonProps: { danger: true },
                okText: t('common.delete'),
                onOk: () => run(() => del(`/lead-forms/${f.id}`)),
              })
            }
          >
            {t('common.delete')}
          </Button>
        </Space>
      ),
    },
  ]
  return (
    <Card
      title={t('leadScoring.settings.forms')}
      style={{ marginTop: 16 }}
      extra={<Button onClick={() => setCreating(true)}>{t('leadScoring.settings.newForm')}</Button>}
    >
      <Typography.Paragraph type="secondary">
        <Trans i18nKey="leadScoring.settings.formsIntro" components={{ code: <code /> }} />
      </Typography.Paragraph>
      {q.isLoading ? (
        <LoadingState rows={2} />
      ) : q.error ? (
        <ErrorState error={q.error} onRetry={() => void q.refetch()} />
      ) : q.data?.data.length ? (
        <Table rowKey="id" size="small" pagination={false} columns={columns} dataSource={q.data.data} />
      ) : (
        <EmptyState description={t('leadScoring.settings.noForms')} />
      )}
      <Modal
        open={creating}
        title={t('leadScoring.settings.newForm')}
        onCancel={() => setCreating(false)}
        onOk={() => void create()}
        destroyOnHidden
      >
        <Form form={form} layout="vertical" initialValues={{ source: 'website', maxPerHour: 200 }}>
          <Form.Item
            name="name"
            label={t('leadScoring.settings.formName')}
            rules={[{ required: true, whitespace: true }]}
          >
            <Input maxLength={100} />
          </Form.Item>
          <Form.Item name="source" label={t('leadScoring.settings.source')}>
            <Select
              options={['website', 'ads', 'event', 'partner', 'other'].map((s) => ({
                value: s,
                label: t(`enums.leadSource.${s}`, { defaultValue: s }),
              }))}
            />
          </Form.Item>
          <Form.Item name="maxPerHour" label={t('leadScoring.settings.maxPerHour')}>
            <InputNumber min={1} max={10000} />
          </Form.Item>
        </Form>
      </Modal>
    </Card>
  )
}
