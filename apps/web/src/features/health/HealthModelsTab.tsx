import { useState } from 'react'
import {
  Alert,
  App as AntApp,
  Button,
  Drawer,
  Form,
  Input,
  InputNumber,
  Popconfirm,
  Select,
  Space,
  Switch,
  Table,
  Tag,
  Typography,
} from 'antd'
import { useQuery, useQueryClient } from '@tanstack/react-query'
import { useTranslation } from 'react-i18next'
import { builtInMetrics } from '@openkam/contract'
import { can, useAuth } from '../../app/auth'
import { del, get, patch, post, type Page } from '../../shared/api/client'
import { ErrorState, LoadingState } from '../../shared/ui/states'
import { BandTag } from './HealthPanel'
import {
  useAccountNumberFields,
  useHealthModels,
  type HealthBacktest,
  type HealthModel,
} from './health.queries'

type MetricRow = {
  /** Recorded (posted or derived) metric, or the account's custom field. */
  source: 'metric' | 'field'
  metric: string
  field?: string
  label?: string
  /** The metric key and field the model had, so an unchanged field keeps its key (and its history). */
  savedMetric?: string
  savedField?: string
  weight: number
  kind: 'identity' | 'linear'
  fromValue?: number
  fromScore?: number
  toValue?: number
  toScore?: number
}

const toRows = (m?: HealthModel): MetricRow[] =>
  (m?.metrics ?? []).map((x) => ({
    source: x.field ? 'field' : 'metric',
    metric: x.metric,
    field: x.field,
    label: x.label,
    savedMetric: x.metric,
    savedField: x.field,
    weight: x.weight,
    ...(x.scoring.kind === 'linear'
      ? {
          kind: 'linear' as const,
          fromValue: x.scoring.from.value,
          fromScore: x.scoring.from.score,
          toValue: x.scoring.to.value,
          toScore: x.scoring.to.score,
        }
      : { kind: 'identity' as const }),
  }))

/** A metric key from a field key: `custom.creditUsage` → `credit_usage`. */
const metricKeyOfField = (field: string) =>
  field
    .replace(/^custom\./, '')
    .replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`)
    .replace(/[^a-z0-9_]/g, '_')
    .slice(0, 60)

const toMetrics = (rows: MetricRow[], fieldLabel: (field: string) => string | undefined) =>
  rows.map((r) => {
    const fromField = r.source === 'field' && !!r.field
    const metric = !fromField
      ? r.metric
      : r.field === r.savedField && r.savedMetric
        ? r.savedMetric
        : metricKeyOfField(r.field!)
    const label = fromField
      ? (fieldLabel(r.field!) ?? r.label)
      : r.metric === r.savedMetric
        ? r.label
        : undefined
    return {
      metric,
      ...(fromField ? { field: r.field } : {}),
      ...(label ? { label } : {}),
      weight: r.weight,
      scoring:
        r.kind === 'linear'
          ? {
              kind: 'linear' as const,
              from: { value: r.fromValue ?? 0, score: r.fromScore ?? 0 },
              to: { value: r.toValue ?? 100, score: r.toScore ?? 100 },
            }
          : { kind: 'identity' as const },
    }
  })

/** The form's minimum share in percent as the API's share in 0–1 (0.5 when left empty). */
const shareOf = (percent: unknown) =>
  typeof percent === 'number' && Number.isFinite(percent) ? Math.round(percent * 10) / 1000 : 0.5

/** Settings → Health models: the model designer (weights with a live sum, scoring, bands, preview, backtest). */
export function HealthModelsTab() {
  const { t } = useTranslation()
  const { me } = useAuth()
  const { message } = AntApp.useApp()
  const qc = useQueryClient()
  const q = useHealthModels()
  const [editing, setEditing] = useState<HealthModel | 'new' | null>(null)
  const editable = can(me, 'health-models', 'update')
  if (q.isLoading) return <LoadingState />
  if (q.error) return <ErrorState error={q.error} onRetry={() => void q.refetch()} />
  return (
    <div>
      <Typography.Paragraph type="secondary">{t('health.models.intro')}</Typography.Paragraph>
      {editable && (
        <Button type="primary" onClick={() => setEditing('new')} style={{ marginBottom: 12 }}>
          {t('health.models.new')}
        </Button>
      )}
      <Table
        rowKey="id"
        dataSource={q.data?.data ?? []}
        locale={{ emptyText: t('health.models.empty') }}
        pagination={false}
        onRow={(m) => ({ onClick: () => setEditing(m), style: { cursor: 'pointer' } })}
        columns={[
          { title: t('health.models.name'), dataIndex: 'name' },
          {
            title: t('health.models.status'),
            render: (_, m) => (
              <Space>
                <Tag color={m.status === 'published' ? 'green' : 'default'}>
                  {t(`health.models.${m.status}`)}
                </Tag>
                {m.isDefault && <Tag color="blue">{t('health.models.isDefault')}</Tag>}
              </Space>
            ),
          },
          {
            title: t('health.models.appliesTo'),
            render: (_, m) =>
              [...(m.appliesTo?.tiers ?? []), ...(m.appliesTo?.segments ?? [])].join(', ') ||
              t('health.models.everyone'),
          },
          {
            title: t('health.models.minWeightShare'),
            render: (_, m) => `${Math.round((m.minWeightShare ?? 0.5) * 100)}%`,
          },
          {
            title: t('health.contributions'),
            render: (_, m) =>
              (m.metrics ?? [])
                .map(
                  (x) =>
                    `${x.field ? (x.label ?? x.field) : t(`health.metrics.${x.metric}`, { defaultValue: x.metric })} ${x.weight}%`,
                )
                .join(' · '),
          },
          ...(editable
            ? [
                {
                  title: '',
                  render: (_: unknown, m: HealthModel) => (
                    <Popconfirm
                      title={t('health.models.deleteConfirm', { name: m.name })}
                      onConfirm={async (e) => {
                        e?.stopPropagation()
                        await del(`/health-models/${m.id}`)
                        void message.success(t('health.models.deleted'))
                        void qc.invalidateQueries({ queryKey: ['health'] })
                      }}
                    >
                      <Button size="small" danger onClick={(e) => e.stopPropagation()}>
                        {t('common.delete')}
                      </Button>
                    </Popconfirm>
                  ),
                },
              ]
            : []),
        ]}
      />
      {editing && (
        <ModelDrawer
          model={editing === 'new' ? undefined : editing}
          readOnly={!editable}
          onClose={() => setEditing(null)}
        />
      )}
    </div>
  )
}

function ModelDrawer({
  model,
  readOnly,
  onClose,
}: {
  model?: HealthModel
  readOnly: boolean
  onClose: () => void
}) {
  const { t } = useTranslation()
  const { message } = AntApp.useApp()
  const qc = useQueryClient()
  const [form] = Form.useForm()
  const rows: MetricRow[] = Form.useWatch('metrics', form) ?? []
  const sum = Math.round(rows.reduce((s, r) => s + (Number(r?.weight) || 0), 0) * 100) / 100
  const [previewId, setPreviewId] = useState<string>()
  const [preview, setPreview] = useState<{
    score: number | null
    band: string | null
    status?: 'scored' | 'insufficient_data'
    incomplete: boolean
  } | null>(null)
  const [backtest, setBacktest] = useState<HealthBacktest | null>(null)
  const [busy, setBusy] = useState(false)
  const numberFields = useAccountNumberFields()
  const fieldOptions = (numberFields.data ?? []).map((f) => ({ value: `custom.${f.key}`, label: f.label }))
  const fieldLabel = (field: string) => fieldOptions.find((o) => o.value === field)?.label
  const accounts = useQuery({
    queryKey: ['health', 'preview-accounts'],
    queryFn: () => get<Page<{ id: string; name: string }>>('/accounts', { limit: 100 }),
  })
  const draft = () => {
    const v = form.getFieldsValue(true)
    return {
      metrics: toMetrics(v.metrics ?? [], fieldLabel),
      bands: v.bands,
      lookbackDays: v.lookbackDays,
      minWeightShare: shareOf(v.minWeightPercent),
    }
  }
  const run = async (fn: () => Promise<void>) => {
    setBusy(true)
    try {
      await fn()
    } catch (e) {
      void message.error(e instanceof Error ? e.message : String(e))
    } finally {
      setBusy(false)
    }
  }
  const save = () =>
    run(async () => {
      const v = await form.validateFields()
      const body = {
        name: v.name,
        status: v.status,
        isDefault: !!v.isDefault,
        appliesTo: { tiers: v.tiers ?? [], segments: v.segments ?? [] },
        // Every key of the rows, also those with no input shown (the saved metric key and label).
        metrics: toMetrics(form.getFieldsValue(true).metrics ?? v.metrics, fieldLabel),
        bands: v.bands,
        lookbackDays: v.lookbackDays,
        minWeightShare: shareOf(v.minWeightPercent),
      }
      if (model) await patch(`/health-models/${model.id}`, { ...body, version: model.version })
      else await post('/health-models', body)
      void message.success(t('health.models.saved'))
      void qc.invalidateQueries({ queryKey: ['health'] })
      onClose()
    })
  return (
    <Drawer
      open
      width="min(760px, 100vw)"
      title={model ? t('health.models.edit') : t('health.models.new')}
      onClose={onClose}
      extra={
        !readOnly && (
          <Button type="primary" onClick={() => void save()} loading={busy} disabled={sum !== 100}>
            {t('common.save')}
          </Button>
        )
      }
    >
      <Form
        form={form}
        layout="vertical"
        disabled={readOnly}
        initialValues={{
          name: model?.name ?? '',
          status: model?.status ?? 'draft',
          isDefault: model?.isDefault ?? false,
          tiers: model?.appliesTo?.tiers ?? [],
          segments: model?.appliesTo?.segments ?? [],
          lookbackDays: model?.lookbackDays ?? 90,
          minWeightPercent: Math.round((model?.minWeightShare ?? 0.5) * 100),
          bands: model?.bands ?? { healthy: 80, watch: 60 },
          metrics: model
            ? toRows(model)
            : [{ source: 'metric', metric: 'feature_usage', weight: 100, kind: 'identity' }],
        }}
      >
        <Space wrap>
          <Form.Item name="name" label={t('health.models.name')} rules={[{ required: true }]}>
            <Input style={{ width: 260 }} />
          </Form.Item>
          <Form.Item name="status" label={t('health.models.status')}>
            <Select
              style={{ width: 140 }}
              options={['draft', 'published'].map((s) => ({ value: s, label: t(`health.models.${s}`) }))}
            />
          </Form.Item>
          <Form.Item name="isDefault" label={t('health.models.isDefault')} valuePropName="checked">
            <Switch />
          </Form.Item>
        </Space>
        <Space wrap>
          <Form.Item name="tiers" label={t('health.models.tiers')}>
            <Select
              mode="tags"
              style={{ width: 220 }}
              options={['strategic', 'growth', 'essential'].map((v) => ({ value: v }))}
            />
          </Form.Item>
          <Form.Item name="segments" label={t('health.models.segments')}>
            <Select mode="tags" style={{ width: 220 }} />
          </Form.Item>
          <Form.Item name="lookbackDays" label={t('health.models.lookbackDays')}>
            <InputNumber min={1} max={730} />
          </Form.Item>
          <Form.Item name={['bands', 'healthy']} label={t('health.models.healthyFrom')}>
            <InputNumber min={0} max={100} />
          </Form.Item>
          <Form.Item name={['bands', 'watch']} label={t('health.models.watchFrom')}>
            <InputNumber min={0} max={100} />
          </Form.Item>
          <Form.Item
            name="minWeightPercent"
            label={t('health.models.minWeightShare')}
            tooltip={t('health.models.minWeightShareHelp')}
            rules={[{ required: true, type: 'number', min: 0, max: 100 }]}
          >
            <InputNumber min={0} max={100} addonAfter="%" style={{ width: 120 }} />
          </Form.Item>
        </Space>
        <Typography.Paragraph type="secondary" style={{ marginTop: -8 }}>
          {t('health.models.minWeightShareHelp')}
        </Typography.Paragraph>
        <Form.List name="metrics">
          {(fields, { add, remove }) => (
            <>
              {fields.map((f) => (
                <div
                  key={f.key}
                  role="group"
                  aria-label={`${t('health.metric')} ${f.name + 1}`}
                  style={{ borderTop: '1px solid #f0f0f0', paddingTop: 8 }}
                >
                  <div style={{ display: 'flex', justifyContent: 'space-between', alignItems: 'center' }}>
                    <Typography.Text strong>
                      {t('health.metric')} {f.name + 1}
                    </Typography.Text>
                    <Button
                      size="small"
                      type="text"
                      onClick={() => remove(f.name)}
                      aria-label={`${t('health.models.removeMetric')} ${f.name + 1}`}
                      title={t('health.models.removeMetric')}
                    >
                      ×
                    </Button>
                  </div>
                  <Space wrap align="end">
                    <Form.Item name={[f.name, 'source']} label={t('health.models.source')}>
                      <Select
                        style={{ width: 140 }}
                        aria-label={t('health.models.source')}
                        options={[
                          { value: 'metric', label: t('health.models.fromMetric') },
                          { value: 'field', label: t('health.models.fromField') },
                        ]}
                      />
                    </Form.Item>
                    {rows[f.name]?.source === 'field' ? (
                      <Form.Item
                        name={[f.name, 'field']}
                        label={t('health.models.field')}
                        rules={[{ required: true }]}
                      >
                        <Select
                          showSearch
                          optionFilterProp="label"
                          style={{ width: 220 }}
                          aria-label={t('health.models.field')}
                          placeholder={t('health.models.field')}
                          loading={numberFields.isLoading}
                          notFoundContent={t('health.models.noNumberFields')}
                          options={fieldOptions}
                        />
                      </Form.Item>
                    ) : (
                      <Form.Item
                        name={[f.name, 'metric']}
                        label={t('health.metric')}
                        rules={[{ required: true }]}
                      >
                        <Select
                          showSearch
                          style={{ width: 220 }}
                          aria-label={t('health.metric')}
                          options={builtInMetrics.map((m) => ({ value: m, label: t(`health.metrics.${m}`) }))}
                        />
                      </Form.Item>
                    )}
                    <Form.Item
                      name={[f.name, 'weight']}
                      label={t('health.weight')}
                      rules={[{ required: true }]}
                    >
                      <InputNumber
                        min={0.01}
                        max={100}
                        addonAfter="%"
                        style={{ width: 110 }}
                        aria-label={t('health.weight')}
                      />
                    </Form.Item>
                    <Form.Item name={[f.name, 'kind']} label={t('health.models.scoring')}>
                      <Select
                        style={{ width: 140 }}
                        aria-label={t('health.models.scoring')}
                        options={[
                          { value: 'identity', label: t('health.models.identity') },
                          { value: 'linear', label: t('health.models.linear') },
                        ]}
                      />
                    </Form.Item>
                    {rows[f.name]?.kind === 'linear' &&
                      (['fromValue', 'fromScore', 'toValue', 'toScore'] as const).map((k) => (
                        <Form.Item key={k} name={[f.name, k]} label={t(`health.models.${k}`)}>
                          <InputNumber
                            aria-label={t(`health.models.${k}`)}
                            min={k.endsWith('Score') ? 0 : undefined}
                            max={k.endsWith('Score') ? 100 : undefined}
                            style={{ width: 130 }}
                          />
                        </Form.Item>
                      ))}
                  </Space>
                </div>
              ))}
              <Button
                onClick={() => add({ source: 'metric', metric: undefined, weight: 10, kind: 'identity' })}
              >
                {t('health.models.addMetric')}
              </Button>
            </>
          )}
        </Form.List>
        {rows.some((r) => r?.source === 'field') && (
          <Typography.Paragraph type="secondary" style={{ marginTop: 8 }}>
            {t('health.models.fieldHelp')}
          </Typography.Paragraph>
        )}
        <Alert
          style={{ marginTop: 12 }}
          type={sum === 100 ? 'success' : 'error'}
          message={
            sum === 100 ? t('health.models.weightSum', { sum }) : t('health.models.weightSumBad', { sum })
          }
        />
      </Form>
      <Space wrap style={{ marginTop: 16 }}>
        <Select
          showSearch
          optionFilterProp="label"
          placeholder={t('health.models.previewPick')}
          aria-label={t('health.models.previewPick')}
          style={{ width: 260 }}
          value={previewId}
          onChange={setPreviewId}
          options={(accounts.data?.data ?? []).map((a) => ({ value: a.id, label: a.name }))}
        />
        <Button
          disabled={!previewId || sum !== 100}
          loading={busy}
          onClick={() =>
            void run(async () =>
              setPreview(await post('/health-models/preview', { accountId: previewId, model: draft() })),
            )
          }
        >
          {t('health.models.preview')}
        </Button>
        {preview && (
          <span data-testid="health-preview">
            {preview.score ?? '—'}{' '}
            <BandTag
              band={preview.band ?? (preview.status === 'insufficient_data' ? 'insufficient_data' : null)}
            />
            {preview.incomplete && <Tag color="orange">{t('health.incomplete')}</Tag>}
          </span>
        )}
        <Button
          disabled={sum !== 100}
          loading={busy}
          onClick={() =>
            void run(async () =>
              setBacktest(await post<HealthBacktest>('/health-models/backtest', { model: draft() })),
            )
          }
        >
          {t('health.models.backtest')}
        </Button>
      </Space>
      {backtest && (
        <Alert
          style={{ marginTop: 12 }}
          type="info"
          message={
            backtest.churned.total + backtest.renewed.total === 0
              ? t('health.models.backtestEmpty')
              : t('health.models.backtestResult', {
                  c: backtest.churned.flaggedAtRisk,
                  ct: backtest.churned.total,
                  r: backtest.renewed.flaggedAtRisk,
                  rt: backtest.renewed.total,
                })
          }
        />
      )}
    </Drawer>
  )
}
