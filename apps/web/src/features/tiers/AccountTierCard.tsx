import { useState } from 'react'
import {
  App,
  Button,
  Card,
  Descriptions,
  Form,
  Input,
  Modal,
  Select,
  Space,
  Switch,
  Table,
  Typography,
} from 'antd'
import { useQueryClient } from '@tanstack/react-query'
import dayjs from 'dayjs'
import { useTranslation } from 'react-i18next'
import { api, del } from '../../shared/api/client'
import { ErrorState, LoadingState } from '../../shared/ui/states'
import { formatMoney } from '../records/display'
import { TierTag } from './TierTag'
import { reasonKey, tierKeys, useAccountTier, type TierChange } from './tiers.queries'

/**
 * An account's service tier: current and computed tier, industry-leader flag, override (pin with a
 * reason, clear with confirmation), its package and history. Usable on any account page.
 */
export function AccountTierCard({ accountId, canOverride }: { accountId: string; canOverride: boolean }) {
  const { t, i18n } = useTranslation()
  const { message, modal } = App.useApp()
  const qc = useQueryClient()
  const q = useAccountTier(accountId)
  const [pinning, setPinning] = useState(false)
  const [form] = Form.useForm<{ tier: string; reason: string }>()
  if (q.isLoading) return <LoadingState rows={3} />
  if (q.error || !q.data) return <ErrorState error={q.error} onRetry={() => void q.refetch()} />
  const d = q.data
  const refresh = () => qc.invalidateQueries({ queryKey: tierKeys.all })
  const fail = (e: unknown) => message.error(e instanceof Error ? e.message : String(e))
  const setLeader = async (v: boolean) => {
    try {
      await api('PUT', `/accounts/${accountId}/tier/industry-leader`, { industryLeader: v })
      await refresh()
    } catch (e) {
      fail(e)
    }
  }
  const clear = () =>
    modal.confirm({
      title: t('tiers.account.clearConfirm'),
      okText: t('tiers.account.clearOverride'),
      onOk: async () => {
        try {
          await del(`/accounts/${accountId}/tier/override`)
          await refresh()
        } catch (e) {
          fail(e)
        }
      },
    })
  const pin = async () => {
    const v = await form.validateFields()
    try {
      await api('PUT', `/accounts/${accountId}/tier/override`, v)
      setPinning(false)
      form.resetFields()
      await refresh()
    } catch (e) {
      fail(e)
    }
  }
  const columns = [
    {
      title: t('tiers.change.fromTo'),
      key: 'fromTo',
      render: (_: unknown, c: TierChange) => (
        <Space size={4}>
          <TierTag tier={c.fromTier} />→<TierTag tier={c.toTier} />
        </Space>
      ),
    },
    {
      title: t('tiers.change.reason'),
      key: 'reason',
      render: (_: unknown, c: TierChange) => (
        <>
          {t(`tiers.change.reasons.${reasonKey(c)}`)}
          {c.note && (
            <Typography.Text type="secondary">{t('tiers.change.withNote', { note: c.note })}</Typography.Text>
          )}
        </>
      ),
    },
    {
      title: t('tiers.change.spend'),
      dataIndex: 'annualSpend',
      render: (v: string | null) => formatMoney(v, 'CNY', i18n.language),
    },
    {
      title: t('tiers.change.at'),
      dataIndex: 'changedAt',
      render: (v: string) => dayjs(v).format('YYYY-MM-DD'),
    },
  ]
  return (
    <Card
      title={t('tiers.account.title')}
      extra={
        canOverride &&
        (d.override ? (
          <Button onClick={clear}>{t('tiers.account.clearOverride')}</Button>
        ) : (
          <Button onClick={() => setPinning(true)}>{t('tiers.account.setOverride')}</Button>
        ))
      }
    >
      <Descriptions column={{ xs: 1, md: 2 }} size="small" bordered>
        <Descriptions.Item label={t('tiers.account.current')}>
          <TierTag tier={d.tier} />
          {d.override && (
            <Typography.Text type="secondary">
              {t('tiers.account.overrideBy', { reason: d.override.reason })}
            </Typography.Text>
          )}
        </Descriptions.Item>
        <Descriptions.Item label={t('tiers.account.computed')}>
          {d.computedTier ? <TierTag tier={d.computedTier} /> : t('tiers.account.unknownSpend')}
        </Descriptions.Item>
        <Descriptions.Item label={t('tiers.change.spend')}>
          {formatMoney(d.annualSpend, d.currency, i18n.language)}
        </Descriptions.Item>
        <Descriptions.Item label={t('tiers.account.leader')}>
          <Space>
            <Switch
              checked={d.industryLeader}
              disabled={!canOverride}
              onChange={(v) => void setLeader(v)}
              aria-label={t('tiers.account.leader')}
            />
            <Typography.Text type="secondary">{t('tiers.account.leaderHelp')}</Typography.Text>
          </Space>
        </Descriptions.Item>
        {d.package && (
          <Descriptions.Item label={t('tiers.change.package')} span={2}>
            <Typography.Text strong>{d.package.name}</Typography.Text> {d.package.description}
          </Descriptions.Item>
        )}
      </Descriptions>
      <Typography.Title level={5} style={{ marginTop: 16 }}>
        {t('tiers.account.history')}
      </Typography.Title>
      <Table rowKey="id" size="small" pagination={false} columns={columns} dataSource={d.changes} />
      <Modal
        open={pinning}
        title={t('tiers.account.setOverride')}
        onCancel={() => setPinning(false)}
        onOk={() => void pin()}
        destroyOnHidden
      >
        <Form form={form} layout="vertical" initialValues={{ tier: d.tier ?? 'growth' }}>
          <Form.Item name="tier" label={t('tiers.account.current')} rules={[{ required: true }]}>
            <Select
              options={(['strategic', 'growth', 'essential'] as const).map((x) => ({
                value: x,
                label: t(`tiers.names.${x}`),
              }))}
            />
          </Form.Item>
          <Form.Item
            name="reason"
            label={t('tiers.account.reason')}
            rules={[{ required: true, whitespace: true, message: t('tiers.account.reasonRequired') }]}
          >
            <Input.TextArea rows={3} maxLength={500} />
          </Form.Item>
        </Form>
      </Modal>
    </Card>
  )
}
