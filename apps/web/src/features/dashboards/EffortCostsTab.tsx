import { useState } from 'react'
import { Alert, App, Button, Form, Input, InputNumber, Space, Table, Typography } from 'antd'
import { DeleteOutlined, PlusOutlined } from '@ant-design/icons'
import { useTranslation } from 'react-i18next'
import type { EffortCosts } from '@openkam/contract'
import { useAuth } from '../../app/auth'
import { ErrorState, LoadingState } from '../../shared/ui/states'
import { isAdmin } from '../settings/common'
import { useEffortCosts, useRoles, useSaveEffortCosts } from './dashboards.queries'
import { showApiErrors } from './form-errors'

type Values = {
  currency: string
  hourlyRates: Record<string, number | null>
  campaigns: { name: string; spend: number | null }[]
}

/** Settings → Effort costs: the currency, an hourly rate per role and the spend per campaign (administrators). */
export function EffortCostsTab() {
  const costs = useEffortCosts()
  const roles = useRoles()
  if (costs.isLoading || roles.isLoading) return <LoadingState />
  if (costs.isError) return <ErrorState error={costs.error} onRetry={() => void costs.refetch()} />
  if (roles.isError) return <ErrorState error={roles.error} onRetry={() => void roles.refetch()} />
  return <EffortForm key={JSON.stringify(costs.data)} value={costs.data!} roles={roles.data?.data ?? []} />
}

function EffortForm({ value, roles }: { value: EffortCosts; roles: { key: string; name: string }[] }) {
  const { t } = useTranslation()
  const { me } = useAuth()
  const { message } = App.useApp()
  const editable = isAdmin(me)
  const save = useSaveEffortCosts()
  const [form] = Form.useForm<Values>()
  const [problem, setProblem] = useState<string | null>(null)
  // Roles of the workspace first, then rates kept for roles that no longer exist.
  const roleKeys = [...new Set([...roles.map((r) => r.key), ...Object.keys(value.hourlyRates)])]
  const roleName = (key: string) =>
    t(`enums.role.${key}`, { defaultValue: roles.find((r) => r.key === key)?.name ?? key })
  const initial: Values = {
    currency: value.currency,
    hourlyRates: Object.fromEntries(roleKeys.map((k) => [k, value.hourlyRates[k] ?? null])),
    campaigns: Object.entries(value.campaignSpend).map(([name, spend]) => ({ name, spend })),
  }

  const submit = async (v: Values) => {
    setProblem(null)
    const body: EffortCosts = {
      currency: v.currency.trim().toUpperCase(),
      hourlyRates: Object.fromEntries(
        Object.entries(v.hourlyRates ?? {}).filter((e): e is [string, number] => typeof e[1] === 'number'),
      ),
      campaignSpend: Object.fromEntries(
        (v.campaigns ?? [])
          .filter((c) => c.name?.trim() && typeof c.spend === 'number')
          .map((c) => [c.name.trim(), c.spend!]),
      ),
    }
    try {
      await save.mutateAsync(body)
      void message.success(t('dashboards.effort.saved'))
    } catch (e) {
      // hourlyRates.<role> and campaignSpend.<name> name a field of the form; the rest goes above it.
      if (e instanceof Error && 'errors' in e) {
        const errs = (e as { errors: { path: string; message: string }[] }).errors
        const names = (v.campaigns ?? []).map((c) => c.name?.trim())
        for (const x of errs) {
          const m = /^campaignSpend\.(.+)$/.exec(x.path)
          if (m) x.path = `campaigns.${names.indexOf(m[1]!)}.spend`
        }
      }
      setProblem(
        showApiErrors(
          form,
          e,
          (p) =>
            p[0] === 'currency' ||
            (p[0] === 'hourlyRates' && p.length === 2) ||
            (p[0] === 'campaigns' && p.length === 3 && Number(p[1]) >= 0),
        ),
      )
    }
  }

  return (
    <div style={{ maxWidth: 760 }}>
      <Typography.Paragraph type="secondary">{t('dashboards.effort.intro')}</Typography.Paragraph>
      {!editable && (
        <Alert type="info" showIcon title={t('dashboards.effort.readOnly')} style={{ marginBottom: 16 }} />
      )}
      {problem && <Alert type="error" showIcon role="alert" title={problem} style={{ marginBottom: 16 }} />}
      <Form<Values>
        form={form}
        initialValues={initial}
        layout="vertical"
        disabled={!editable}
        onFinish={(v) => void submit(v)}
      >
        <Form.Item
          name="currency"
          label={t('dashboards.effort.currency')}
          rules={[
            { required: true, pattern: /^[A-Za-z]{3}$/, message: t('dashboards.effort.currencyInvalid') },
          ]}
          style={{ maxWidth: 160 }}
        >
          <Input maxLength={3} style={{ textTransform: 'uppercase' }} />
        </Form.Item>
        <Typography.Title level={3} style={{ fontSize: 15 }}>
          {t('dashboards.effort.rates')}
        </Typography.Title>
        <Table
          size="small"
          rowKey="key"
          pagination={false}
          style={{ marginBottom: 24, maxWidth: 520 }}
          dataSource={roleKeys.map((key) => ({ key }))}
          columns={[
            { key: 'role', title: t('dashboards.effort.role'), render: (_, r) => roleName(r.key) },
            {
              key: 'rate',
              title: t('dashboards.effort.rate'),
              render: (_, r) => (
                <Form.Item name={['hourlyRates', r.key]} style={{ margin: 0 }}>
                  <InputNumber
                    min={0}
                    max={1_000_000}
                    style={{ width: 160 }}
                    aria-label={`${t('dashboards.effort.rate')} · ${roleName(r.key)}`}
                  />
                </Form.Item>
              ),
            },
          ]}
        />
        <Typography.Title level={3} style={{ fontSize: 15 }}>
          {t('dashboards.effort.campaigns')}
        </Typography.Title>
        <Form.List name="campaigns">
          {(fields, { add, remove }) => (
            <>
              {!fields.length && (
                <Typography.Paragraph type="secondary">{t('dashboards.effort.none')}</Typography.Paragraph>
              )}
              {fields.map((f, i) => (
                <Space key={f.key} align="start" wrap style={{ display: 'flex' }}>
                  <Form.Item
                    name={[f.name, 'name']}
                    rules={[
                      { required: true, whitespace: true, message: t('dashboards.effort.campaignRequired') },
                      {
                        validator: async (_, v: string) => {
                          const all = (form.getFieldValue('campaigns') as Values['campaigns']).map((c) =>
                            c?.name?.trim(),
                          )
                          if (v && all.filter((n) => n === v.trim()).length > 1)
                            throw new Error(t('dashboards.effort.campaignDuplicate'))
                        },
                      },
                    ]}
                    style={{ width: 300, marginBottom: 8 }}
                  >
                    <Input
                      maxLength={200}
                      placeholder={t('dashboards.effort.campaignPlaceholder')}
                      aria-label={`${t('dashboards.effort.campaign')} ${i + 1}`}
                    />
                  </Form.Item>
                  <Form.Item
                    name={[f.name, 'spend']}
                    style={{ width: 180, marginBottom: 8 }}
                    rules={[{ required: true, message: t('dashboards.effort.spend') }]}
                  >
                    <InputNumber
                      min={0}
                      style={{ width: '100%' }}
                      placeholder={t('dashboards.effort.spend')}
                      aria-label={`${t('dashboards.effort.spend')} ${i + 1}`}
                    />
                  </Form.Item>
                  {editable && (
                    <Button
                      type="text"
                      danger
                      icon={<DeleteOutlined />}
                      aria-label={t('dashboards.effort.removeCampaign', {
                        name: form.getFieldValue(['campaigns', f.name, 'name']) || i + 1,
                      })}
                      onClick={() => remove(f.name)}
                    />
                  )}
                </Space>
              ))}
              {editable && (
                <Button
                  icon={<PlusOutlined />}
                  onClick={() => add({ name: '', spend: null })}
                  style={{ marginBottom: 16 }}
                >
                  {t('dashboards.effort.addCampaign')}
                </Button>
              )}
            </>
          )}
        </Form.List>
        {editable && (
          <div>
            <Button type="primary" htmlType="submit" loading={save.isPending}>
              {t('dashboards.effort.save')}
            </Button>
          </div>
        )}
      </Form>
    </div>
  )
}
