import { useState } from 'react'
import { useQuery } from '@tanstack/react-query'
import { App, Button, Form, InputNumber, Modal, Select, Space, Switch, Table, Typography } from 'antd'
import { useTranslation } from 'react-i18next'
import { alertSeverities } from '@openkam/contract'
import { can, useAuth } from '../../app/auth'
import { ApiError, get, type Page } from '../../shared/api/client'
import { EmptyState, ErrorState, LoadingState } from '../../shared/ui/states'
import { SeverityTag } from './AlertParts'
import { useAlertRules, useSaveAlertRule, type AlertRule } from './alerts.queries'

/** Settings → Alert rules: switch rules on and off, and edit thresholds, severity, escalation and playbook. */
export function AlertRulesTab() {
  const { t } = useTranslation()
  const { message } = App.useApp()
  const { me } = useAuth()
  const editable = can(me, 'alert-rules', 'update')
  const rules = useAlertRules()
  const save = useSaveAlertRule()
  const playbooks = useQuery({
    queryKey: ['playbooks', 'names'],
    queryFn: () =>
      get<Page<{ id: string; name: string; template?: string | null }>>('/playbooks', { limit: 100 }),
  })
  const [editing, setEditing] = useState<AlertRule | null>(null)
  const [form] = Form.useForm()

  const playbookName = (ref: string | null) => {
    if (!ref) return t('alerts.rules.none')
    const p = (playbooks.data?.data ?? []).find((x) => x.id === ref || x.template === ref)
    return p?.name ?? ref
  }
  const submit = async (body: Record<string, unknown>, rule: AlertRule) => {
    try {
      await save.mutateAsync({ id: rule.id, version: rule.version, ...body })
      void message.success(t('alerts.rules.saved'))
      return true
    } catch (e) {
      if (e instanceof ApiError && e.errors.length)
        form.setFields(
          e.errors.map((x) => ({ name: x.path.split('.'), errors: [x.message] })) as Parameters<
            typeof form.setFields
          >[0],
        )
      void message.error(t('alerts.failed', { reason: (e as Error).message }))
      return false
    }
  }

  if (rules.isError) return <ErrorState error={rules.error} onRetry={() => void rules.refetch()} />
  if (rules.isLoading) return <LoadingState />
  const data = rules.data?.data ?? []
  return (
    <div>
      <Typography.Paragraph type="secondary">{t('alerts.rules.intro')}</Typography.Paragraph>
      {data.length === 0 ? (
        <EmptyState />
      ) : (
        <Table<AlertRule>
          rowKey="id"
          dataSource={data}
          pagination={false}
          columns={[
            {
              title: t('alerts.rules.enabled'),
              dataIndex: 'enabled',
              width: 70,
              render: (v: boolean, r) => (
                <Switch
                  checked={v}
                  disabled={!editable}
                  aria-label={`${t('alerts.rules.enabled')}: ${r.name}`}
                  onChange={(checked) => void submit({ enabled: checked }, r)}
                />
              ),
            },
            {
              title: t('alerts.rules.name'),
              dataIndex: 'name',
              render: (v: string, r) => (
                <Space direction="vertical" size={0}>
                  <Typography.Text strong>{v}</Typography.Text>
                  <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                    {r.description}
                  </Typography.Text>
                </Space>
              ),
            },
            {
              title: t('alerts.rules.thresholds'),
              dataIndex: 'params',
              render: (p: Record<string, unknown>) => (
                <Space direction="vertical" size={0}>
                  {Object.entries(p ?? {}).map(([k, v]) => (
                    <Typography.Text key={k} style={{ fontSize: 12 }}>
                      {t(`alerts.rules.params.${k}`, { defaultValue: k })}: {String(v)}
                    </Typography.Text>
                  ))}
                </Space>
              ),
            },
            {
              title: t('alerts.rules.severity'),
              dataIndex: 'severity',
              width: 90,
              render: (s: string) => <SeverityTag severity={s} />,
            },
            {
              title: t('alerts.rules.playbook'),
              dataIndex: 'startPlaybook',
              render: (v: string | null) => playbookName(v),
            },
            {
              key: 'edit',
              width: 80,
              render: (_: unknown, r) =>
                editable && (
                  <Button
                    size="small"
                    onClick={() => {
                      form.resetFields()
                      form.setFieldsValue({
                        params: r.params,
                        severity: r.severity,
                        escalationDays: r.escalation?.afterDays ?? null,
                        escalationSeverity: r.escalation?.severity ?? 'danger',
                        startPlaybook: r.startPlaybook ?? null,
                        notify: r.notify ?? true,
                      })
                      setEditing(r)
                    }}
                  >
                    {t('alerts.rules.edit')}
                  </Button>
                ),
            },
          ]}
        />
      )}
      <Modal
        open={!!editing}
        title={editing?.name}
        okText={t('alerts.rules.save')}
        cancelText={t('alerts.rules.cancel')}
        confirmLoading={save.isPending}
        onCancel={() => setEditing(null)}
        onOk={async () => {
          if (!editing) return
          const v = await form.validateFields()
          const ok = await submit(
            {
              params: v.params ?? {},
              severity: v.severity,
              escalation: v.escalationDays
                ? { afterDays: v.escalationDays, severity: v.escalationSeverity }
                : null,
              startPlaybook: v.startPlaybook ?? null,
              notify: v.notify,
            },
            editing,
          )
          if (ok) setEditing(null)
        }}
        destroyOnHidden
      >
        <Form form={form} layout="vertical">
          {Object.keys(editing?.params ?? {}).map((k) => (
            <Form.Item
              key={k}
              name={['params', k]}
              label={t(`alerts.rules.params.${k}`, { defaultValue: k })}
              rules={[{ required: true, message: t('alerts.required') }]}
            >
              <InputNumber min={0} style={{ width: '100%' }} />
            </Form.Item>
          ))}
          <Form.Item name="severity" label={t('alerts.rules.severity')}>
            <Select
              options={alertSeverities.map((s) => ({ value: s, label: t(`alerts.severities.${s}`) }))}
            />
          </Form.Item>
          <Space>
            <Form.Item name="escalationDays" label={t('alerts.rules.escalation')}>
              <InputNumber min={1} max={365} />
            </Form.Item>
            <Form.Item name="escalationSeverity" label={t('alerts.rules.severity')}>
              <Select
                style={{ width: 120 }}
                options={alertSeverities.map((s) => ({ value: s, label: t(`alerts.severities.${s}`) }))}
              />
            </Form.Item>
          </Space>
          <Form.Item name="startPlaybook" label={t('alerts.rules.playbook')}>
            <Select
              allowClear
              loading={playbooks.isLoading}
              placeholder={t('alerts.rules.none')}
              options={(playbooks.data?.data ?? []).map((p) => ({
                value: p.template ?? p.id,
                label: p.name,
              }))}
            />
          </Form.Item>
          <Form.Item name="notify" label={t('alerts.rules.notify')} valuePropName="checked">
            <Switch />
          </Form.Item>
        </Form>
      </Modal>
    </div>
  )
}
