import { useState } from 'react'
import {
  App as AntApp,
  Button,
  Card,
  Col,
  DatePicker,
  Form,
  Input,
  InputNumber,
  Modal,
  Popconfirm,
  Row,
  Select,
  Space,
  Statistic,
  Table,
  Tag,
  Tooltip,
  Typography,
} from 'antd'
import dayjs from 'dayjs'
import { useTranslation } from 'react-i18next'
import { can, useAuth } from '../../app/auth'
import { EmptyState, ErrorState, LoadingState } from '../../shared/ui/states'
import {
  useAccountHealth,
  useHealthChanges,
  useHealthHistory,
  useOverride,
  type AccountHealth,
} from './health.queries'
import { HealthTrend } from './HealthTrend'

const bandColor: Record<string, string> = {
  healthy: 'green',
  watch: 'gold',
  at_risk: 'red',
  insufficient_data: 'default',
  unscored: 'default',
}

export function BandTag({ band }: { band: string | null | undefined }) {
  const { t } = useTranslation()
  const b = band ?? 'unscored'
  return <Tag color={bandColor[b]}>{t(`health.bands.${b}`)}</Tag>
}

const fmt = (n: number | null | undefined) =>
  n === null || n === undefined ? '—' : String(Math.round(n * 100) / 100)

/** A missing input's name in the interface language. */
const labelOf = (m: { label: { en: string; zh: string } }, language: string) =>
  language.startsWith('zh') ? m.label.zh : m.label.en
/** How a list of names is joined in the interface language. */
const lang = (language: string) => (language.startsWith('zh') ? '、' : ', ')
const pct = (share: number | null) => Math.round((share ?? 0) * 100)

/**
 * Too little data for a score (issue 18.3): says so, how much of the model's weight has data against
 * the minimum, and which inputs are missing — instead of a 0 and "at risk".
 */
function NotEnoughData({ health }: { health: AccountHealth }) {
  const { t, i18n } = useTranslation()
  const c = health.computed
  return (
    <Space direction="vertical" size={4} style={{ width: '100%' }}>
      <Typography.Text type="secondary">{t('health.score')}</Typography.Text>
      <Typography.Title level={4} style={{ margin: 0 }}>
        {t('health.insufficient.title')}
      </Typography.Title>
      <Typography.Text>
        {t('health.insufficient.coverage', { coverage: pct(c.coverage), min: pct(c.minWeightShare) })}
      </Typography.Text>
      {c.missing.length > 0 && (
        <Space size={[4, 4]} wrap aria-label={t('health.insufficient.missing')} role="list">
          <Typography.Text strong>{t('health.insufficient.missing')}:</Typography.Text>
          {c.missing.map((m) => (
            <Tag key={m.metric} role="listitem">
              {labelOf(m, i18n.language)} · {m.weight}%
            </Tag>
          ))}
        </Space>
      )}
    </Space>
  )
}

/** The health of an account on its 360° page: score, override beside the computed score, trend, why, what changed. */
export function HealthPanel({ accountId }: { accountId: string }) {
  const { t, i18n } = useTranslation()
  const q = useAccountHealth(accountId)
  const history = useHealthHistory(accountId)
  if (q.isLoading)
    return (
      <Card title={t('health.title')}>
        <LoadingState rows={4} />
      </Card>
    )
  if (q.error)
    return (
      <Card title={t('health.title')}>
        <ErrorState error={q.error} onRetry={() => void q.refetch()} />
      </Card>
    )
  const h = q.data!
  const insufficient = h.computed.status === 'insufficient_data'
  return (
    <Card
      title={t('health.title')}
      extra={<OverrideControls accountId={accountId} health={h} />}
      style={{ marginBottom: 16 }}
    >
      {h.computed.status === 'unscored' && !h.override ? (
        <EmptyState description={t('health.insufficient.noModel')} />
      ) : insufficient && !h.override ? (
        <Space direction="vertical" style={{ width: '100%' }} data-testid="health-insufficient">
          <NotEnoughData health={h} />
          {h.computed.contributions.some((c) => !c.missing) && <Contributions health={h} />}
        </Space>
      ) : (
        <Row gutter={[16, 16]}>
          <Col xs={24} md={8}>
            <Space direction="vertical" style={{ width: '100%' }}>
              <Statistic
                title={h.override ? t('health.overridden') : t('health.score')}
                value={fmt(h.score)}
                suffix={<BandTag band={h.band} />}
              />
              {h.override && (
                <>
                  {insufficient ? (
                    <NotEnoughData health={h} />
                  ) : (
                    <Statistic
                      title={t('health.computed')}
                      value={fmt(h.computed.score)}
                      suffix={<BandTag band={h.computed.band} />}
                    />
                  )}
                  <Typography.Text type="secondary">
                    “{h.override.reason}” · {t('health.override.until')}{' '}
                    {dayjs(h.override.expiresAt).format('YYYY-MM-DD')}
                  </Typography.Text>
                </>
              )}
              {h.computed.incomplete && h.computed.score !== null && (
                <>
                  <Tooltip title={t('health.incompleteHelp')}>
                    <Tag color="orange">{t('health.incomplete')}</Tag>
                  </Tooltip>
                  <Typography.Text type="secondary">
                    {t('health.missingInputs', {
                      list: h.computed.missing
                        .map((m) => labelOf(m, i18n.language))
                        .join(lang(i18n.language)),
                    })}
                  </Typography.Text>
                </>
              )}
            </Space>
          </Col>
          <Col xs={24} md={16}>
            <Typography.Text strong>{t('health.trend')}</Typography.Text>
            {history.data?.data.some((x) => x.score !== null) ? (
              <HealthTrend
                data={history.data.data}
                bands={{ healthy: 80, watch: 60 }}
                label={t('health.trend')}
              />
            ) : (
              <Typography.Paragraph type="secondary">{t('health.noHistory')}</Typography.Paragraph>
            )}
          </Col>
          <Col span={24}>
            <Contributions health={h} />
          </Col>
          <Col span={24}>
            <Changes accountId={accountId} />
          </Col>
        </Row>
      )}
    </Card>
  )
}

function Contributions({ health }: { health: AccountHealth }) {
  const { t } = useTranslation()
  const label = (m: string) => t(`health.metrics.${m}`, { defaultValue: m })
  return (
    <>
      <Typography.Text strong>{t('health.contributions')}</Typography.Text>
      <Table
        size="small"
        rowKey="metric"
        pagination={false}
        dataSource={health.computed.contributions}
        columns={[
          { title: t('health.metric'), dataIndex: 'metric', render: label },
          {
            title: t('health.weight'),
            dataIndex: 'weight',
            render: (w: number, c) =>
              c.missing || c.contribution === null ? `${w}%` : `${w}% → ${fmt(c.effectiveWeight)}%`,
          },
          {
            title: t('health.value'),
            dataIndex: 'value',
            render: (v, c) => (c.missing ? <Tag>{t('health.missing')}</Tag> : fmt(v)),
          },
          { title: t('health.metricScore'), dataIndex: 'score', render: fmt },
          {
            title: t('health.contribution'),
            dataIndex: 'contribution',
            render: (v: number | null) =>
              v === null ? (
                '—'
              ) : (
                <Space>
                  <div
                    aria-hidden
                    style={{ width: Math.max(2, v * 2), height: 8, background: '#1f56d6', borderRadius: 2 }}
                  />
                  {fmt(v)}
                </Space>
              ),
          },
        ]}
      />
    </>
  )
}

const periods = [7, 30, 90]

function Changes({ accountId }: { accountId: string }) {
  const { t } = useTranslation()
  const [days, setDays] = useState(7)
  const since = dayjs().subtract(days, 'day').format('YYYY-MM-DD')
  const q = useHealthChanges(accountId, since)
  const label = (m: string) => t(`health.metrics.${m}`, { defaultValue: m })
  return (
    <>
      <Space style={{ marginBottom: 8 }}>
        <Typography.Text strong>{t('health.changesSince')}</Typography.Text>
        <Select
          size="small"
          value={days}
          onChange={setDays}
          aria-label={t('health.changesSince')}
          options={periods.map((d) => ({ value: d, label: dayjs().subtract(d, 'day').format('YYYY-MM-DD') }))}
        />
        {q.data && q.data.delta !== null && (
          <Tag color={q.data.delta < 0 ? 'red' : q.data.delta > 0 ? 'green' : 'default'}>
            {fmt(q.data.before.score)} → {fmt(q.data.after.score)} ({q.data.delta > 0 ? '+' : ''}
            {fmt(q.data.delta)})
          </Tag>
        )}
      </Space>
      {q.error ? (
        <ErrorState error={q.error} onRetry={() => void q.refetch()} />
      ) : (
        <Table
          size="small"
          rowKey="metric"
          loading={q.isLoading}
          pagination={false}
          locale={{ emptyText: t('health.noChanges') }}
          dataSource={(q.data?.metrics ?? []).filter((m) => m.delta !== 0)}
          columns={[
            { title: t('health.metric'), dataIndex: 'metric', render: label },
            {
              title: t('health.before'),
              render: (_, m) => `${fmt(m.before.value)} (${fmt(m.before.contribution)})`,
            },
            {
              title: t('health.after'),
              render: (_, m) => `${fmt(m.after.value)} (${fmt(m.after.contribution)})`,
            },
            {
              title: t('health.delta'),
              dataIndex: 'delta',
              render: (d: number) => (
                <Typography.Text type={d < 0 ? 'danger' : 'success'}>
                  {d > 0 ? `+${fmt(d)}` : fmt(d)}
                </Typography.Text>
              ),
            },
          ]}
        />
      )}
    </>
  )
}

function OverrideControls({ accountId, health }: { accountId: string; health: AccountHealth }) {
  const { t } = useTranslation()
  const { me } = useAuth()
  const { message } = AntApp.useApp()
  const { set, end } = useOverride(accountId)
  const [open, setOpen] = useState(false)
  const [endReason, setEndReason] = useState('')
  const [form] = Form.useForm()
  if (!can(me, 'health_overrides', 'create')) return null
  if (health.override)
    return (
      <Popconfirm
        title={t('health.override.confirmEnd')}
        description={
          <Input
            aria-label={t('health.override.endReason')}
            placeholder={t('health.override.endReason')}
            value={endReason}
            onChange={(e) => setEndReason(e.target.value)}
          />
        }
        okButtonProps={{ disabled: endReason.trim().length < 3, loading: end.isPending }}
        onConfirm={async () => {
          try {
            await end.mutateAsync(endReason.trim())
            void message.success(t('health.override.ended'))
            setEndReason('')
          } catch (e) {
            void message.error(e instanceof Error ? e.message : String(e))
          }
        }}
      >
        <Button size="small">{t('health.override.end')}</Button>
      </Popconfirm>
    )
  return (
    <>
      <Button size="small" onClick={() => setOpen(true)}>
        {t('health.override.button')}
      </Button>
      <Modal
        open={open}
        title={t('health.override.title')}
        onCancel={() => setOpen(false)}
        confirmLoading={set.isPending}
        onOk={async () => {
          const v = await form.validateFields()
          try {
            await set.mutateAsync({
              score: v.score,
              reason: v.reason.trim(),
              expiresAt: (v.expiresAt as dayjs.Dayjs).endOf('day').toISOString(),
            })
            void message.success(t('health.override.saved'))
            setOpen(false)
            form.resetFields()
          } catch (e) {
            void message.error(e instanceof Error ? e.message : String(e))
          }
        }}
      >
        <Form form={form} layout="vertical" initialValues={{ expiresAt: dayjs().add(30, 'day') }}>
          <Form.Item name="score" label={t('health.override.score')} rules={[{ required: true }]}>
            <InputNumber min={0} max={100} style={{ width: '100%' }} />
          </Form.Item>
          <Form.Item
            name="reason"
            label={t('health.override.reason')}
            extra={t('health.override.reasonHelp')}
            rules={[{ required: true, min: 10 }]}
          >
            <Input.TextArea rows={3} />
          </Form.Item>
          <Form.Item name="expiresAt" label={t('health.override.expiresAt')} rules={[{ required: true }]}>
            <DatePicker
              disabledDate={(d) => d.isBefore(dayjs(), 'day') || d.isAfter(dayjs().add(1, 'year'))}
              style={{ width: '100%' }}
            />
          </Form.Item>
        </Form>
      </Modal>
    </>
  )
}
