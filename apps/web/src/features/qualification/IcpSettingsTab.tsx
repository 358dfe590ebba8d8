import { useState } from 'react'
import {
  App as AntApp,
  Button,
  Card,
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
import { DeleteOutlined, PlusOutlined } from '@ant-design/icons'
import { useQueryClient } from '@tanstack/react-query'
import { Link } from 'react-router'
import { useTranslation } from 'react-i18next'
import {
  financialHealths,
  icpFields,
  icpNumericFields,
  industries,
  levels3,
  marketScopes,
  sizeBands,
  tiers,
} from '@openkam/contract'
import { can, useAuth } from '../../app/auth'
import { ApiError, del, patch, post } from '../../shared/api/client'
import { showUndo } from '../../shared/ui/undo'
import { EmptyState, ErrorState, LoadingState } from '../../shared/ui/states'
import {
  qualificationKeys,
  useIcps,
  useSaveSegmentSettings,
  useSegmentSettings,
  type Icp,
} from './qualification.queries'

/** Enum fields: their values and translation group, for the value picker. */
const enumFields: Record<string, { group: string; values: readonly string[] }> = {
  industry: { group: 'industry', values: industries },
  sizeBand: { group: 'sizeBand', values: sizeBands },
  marketScope: { group: 'marketScope', values: marketScopes },
  techMaturity: { group: 'level', values: levels3 },
  profitability: { group: 'level', values: levels3 },
  cashFlow: { group: 'level', values: levels3 },
  paymentRisk: { group: 'level', values: levels3 },
  financialHealth: { group: 'financialHealth', values: financialHealths },
  tier: { group: 'tier', values: tiers },
}

type DimRow = {
  field: string
  custom?: string
  /** Custom fields: what their values are — a number field takes a range, a text field values. */
  valueType?: 'number' | 'text'
  values?: string[]
  min?: number | null
  max?: number | null
  weight: number
}

const toRows = (icp?: Icp): DimRow[] =>
  (icp?.dimensions ?? []).map((d) => ({
    field: d.field.startsWith('custom.') ? 'custom' : d.field,
    custom: d.field.startsWith('custom.') ? d.field.slice(7) : undefined,
    valueType: d.field.startsWith('custom.')
      ? (d.valueType ?? (d.target.kind === 'range' ? 'number' : 'text'))
      : undefined,
    values: d.target.kind === 'values' ? d.target.values : undefined,
    min: d.target.kind === 'range' ? (d.target.min ?? null) : undefined,
    max: d.target.kind === 'range' ? (d.target.max ?? null) : undefined,
    weight: d.weight,
  }))

const isRange = (r: DimRow) =>
  icpNumericFields.includes(r.field) || (r.field === 'custom' && r.valueType === 'number')

/** What is wrong with a range before it goes to the server (translation key), or null. */
const rangeProblem = (r: DimRow) =>
  !isRange(r)
    ? null
    : r.min == null && r.max == null
      ? 'qualification.icps.rangeNeedsEnd'
      : r.min != null && r.max != null && r.min > r.max
        ? 'qualification.icps.minAboveMax'
        : null

const toDimensions = (rows: DimRow[]) =>
  rows.map((r) => ({
    field: r.field === 'custom' ? `custom.${r.custom ?? ''}` : r.field,
    ...(r.field === 'custom' ? { valueType: r.valueType ?? 'text' } : {}),
    weight: r.weight,
    target: isRange(r)
      ? { kind: 'range' as const, min: r.min ?? null, max: r.max ?? null }
      : { kind: 'values' as const, values: r.values ?? [] },
  }))

function IcpEditor({ icp, onClose }: { icp: Icp | 'new'; onClose: () => void }) {
  const { t } = useTranslation()
  const { message } = AntApp.useApp()
  const qc = useQueryClient()
  const existing = icp === 'new' ? undefined : icp
  const [name, setName] = useState(existing?.name ?? '')
  const [description, setDescription] = useState(existing?.description ?? '')
  const [active, setActive] = useState(existing?.active ?? true)
  const [rows, setRows] = useState<DimRow[]>(
    existing ? toRows(existing) : [{ field: 'industry', values: [], weight: 30 }],
  )
  const [errors, setErrors] = useState<{ path: string; message: string }[]>([])
  const [saving, setSaving] = useState(false)
  const total = rows.reduce((a, r) => a + (r.weight || 0), 0)
  const setRow = (i: number, patchRow: Partial<DimRow>) =>
    setRows((rs) => rs.map((r, j) => (j === i ? { ...r, ...patchRow } : r)))
  const errorOf = (i: number) =>
    errors
      .filter((e) => e.path.startsWith(`dimensions.${i}`))
      .map((e) => e.message)
      .join('; ')
  const submit = async () => {
    setSaving(true)
    setErrors([])
    const body = { name, description: description || null, active, dimensions: toDimensions(rows) }
    try {
      if (existing) await patch(`/icps/${existing.id}`, { ...body, version: existing.version })
      else await post('/icps', body)
      void message.success(t('qualification.icps.recomputing'))
      void qc.invalidateQueries({ queryKey: qualificationKeys.all })
      onClose()
    } catch (e) {
      if (e instanceof ApiError && e.errors.length) setErrors(e.errors)
      void message.error((e as Error).message)
    } finally {
      setSaving(false)
    }
  }
  return (
    <Drawer
      open
      width={860}
      onClose={onClose}
      title={existing ? t('qualification.icps.edit') : t('qualification.icps.new')}
      destroyOnHidden
      extra={
        <Button
          type="primary"
          loading={saving}
          onClick={() => void submit()}
          disabled={!name.trim() || !rows.length || rows.some((r) => rangeProblem(r) !== null)}
        >
          {t('qualification.icps.save')}
        </Button>
      }
    >
      <Form layout="vertical">
        <Form.Item label={t('qualification.icps.name')} required>
          <Input value={name} maxLength={200} onChange={(e) => setName(e.target.value)} />
        </Form.Item>
        <Form.Item label={t('qualification.icps.description')}>
          <Input.TextArea
            value={description}
            maxLength={2000}
            autoSize
            onChange={(e) => setDescription(e.target.value)}
          />
        </Form.Item>
        <Form.Item label={t('qualification.icps.active')}>
          <Switch checked={active} onChange={setActive} />
        </Form.Item>
      </Form>
      <Typography.Title level={5}>{t('qualification.icps.dimensions')}</Typography.Title>
      {rows.map((r, i) => {
        const enumDef = enumFields[r.field]
        const range = isRange(r)
        const problem = rangeProblem(r)
        const err = errorOf(i)
        return (
          <Card key={i} size="small" style={{ marginBottom: 8 }}>
            <Space wrap align="start">
              <Select
                aria-label={t('qualification.icps.field')}
                style={{ width: 200 }}
                showSearch={{ optionFilterProp: 'label' }}
                value={r.field}
                onChange={(v) =>
                  setRow(i, {
                    field: v,
                    valueType: v === 'custom' ? 'text' : undefined,
                    values: [],
                    min: null,
                    max: null,
                  })
                }
                options={[
                  ...icpFields.map((f) => ({ value: f, label: t(`fields.${f}`, { defaultValue: f }) })),
                  { value: 'custom', label: t('qualification.icps.customField') },
                ]}
              />
              {r.field === 'custom' && (
                <Input
                  aria-label={t('qualification.icps.customField')}
                  placeholder={t('qualification.icps.customField')}
                  style={{ width: 150 }}
                  value={r.custom}
                  onChange={(e) => setRow(i, { custom: e.target.value })}
                />
              )}
              {r.field === 'custom' && (
                <Select
                  aria-label={t('qualification.icps.valueType')}
                  style={{ width: 150 }}
                  value={r.valueType ?? 'text'}
                  onChange={(v) => setRow(i, { valueType: v, values: [], min: null, max: null })}
                  options={(['text', 'number'] as const).map((v) => ({
                    value: v,
                    label: t(`qualification.icps.valueTypes.${v}`),
                  }))}
                />
              )}
              {range ? (
                <Space>
                  <InputNumber
                    aria-label={t('qualification.icps.min')}
                    placeholder={t('qualification.icps.min')}
                    value={r.min ?? null}
                    status={problem ? 'error' : undefined}
                    onChange={(v) => setRow(i, { min: v })}
                    style={{ width: 140 }}
                  />
                  –
                  <InputNumber
                    aria-label={t('qualification.icps.max')}
                    placeholder={t('qualification.icps.max')}
                    value={r.max ?? null}
                    status={problem ? 'error' : undefined}
                    onChange={(v) => setRow(i, { max: v })}
                    style={{ width: 140 }}
                  />
                </Space>
              ) : (
                <Select
                  aria-label={t('qualification.icps.values')}
                  mode={enumDef ? 'multiple' : 'tags'}
                  style={{ minWidth: 260 }}
                  placeholder={t('qualification.icps.valuesPlaceholder')}
                  value={r.values ?? []}
                  onChange={(v: string[]) => setRow(i, { values: v })}
                  options={enumDef?.values.map((v) => ({
                    value: v,
                    label: t(`enums.${enumDef.group}.${v}`, { defaultValue: v }),
                  }))}
                />
              )}
              <Space>
                <InputNumber
                  aria-label={t('qualification.icps.weight')}
                  min={1}
                  max={100}
                  precision={0}
                  value={r.weight}
                  onChange={(v) => setRow(i, { weight: v ?? 1 })}
                  style={{ width: 80 }}
                />
                <Typography.Text type="secondary">
                  {t('qualification.icps.share', {
                    pct: total ? Math.round(((r.weight || 0) * 1000) / total) / 10 : 0,
                  })}
                </Typography.Text>
              </Space>
              <Button
                aria-label={t('common.delete')}
                icon={<DeleteOutlined />}
                onClick={() => setRows((rs) => rs.filter((_, j) => j !== i))}
              />
            </Space>
            {(problem || err) && (
              <Typography.Text type="danger" role="alert" style={{ display: 'block' }}>
                {[problem && t(problem), err].filter(Boolean).join('; ')}
              </Typography.Text>
            )}
          </Card>
        )
      })}
      <Button
        icon={<PlusOutlined />}
        onClick={() => setRows((rs) => [...rs, { field: 'region', values: [], weight: 10 }])}
      >
        {t('qualification.icps.addDimension')}
      </Button>
    </Drawer>
  )
}

function SizeThresholdsCard() {
  const { t } = useTranslation()
  const { message } = AntApp.useApp()
  const q = useSegmentSettings()
  const save = useSaveSegmentSettings()
  const [form] = Form.useForm()
  if (q.isLoading) return <LoadingState rows={3} />
  if (q.error || !q.data) return <ErrorState error={q.error} onRetry={() => void q.refetch()} />
  const th = q.data.thresholds
  return (
    <Card title={t('qualification.icps.thresholds')} style={{ marginTop: 24 }}>
      <Typography.Paragraph type="secondary">{t('qualification.icps.thresholdsHelp')}</Typography.Paragraph>
      <Form
        form={form}
        layout="horizontal"
        labelCol={{ flex: '160px' }}
        labelAlign="left"
        initialValues={{
          basis: th.basis,
          largeEmployees: th.large.employees,
          largeRevenue: th.large.revenue,
          growthEmployees: th.growth.employees,
          growthRevenue: th.growth.revenue,
        }}
        onFinish={async (v) => {
          try {
            await save.mutateAsync({
              version: q.data.version,
              thresholds: {
                basis: v.basis,
                large: { employees: v.largeEmployees, revenue: v.largeRevenue },
                growth: { employees: v.growthEmployees, revenue: v.growthRevenue },
              },
            })
            void message.success(t('qualification.icps.recomputing'))
          } catch (e) {
            void message.error(
              e instanceof ApiError && e.errors.length
                ? e.errors.map((x) => `${x.path}: ${x.message}`).join('; ')
                : (e as Error).message,
            )
          }
        }}
      >
        <Form.Item name="basis" label={t('qualification.icps.basis')}>
          <Select
            style={{ width: 150 }}
            options={(['employees', 'revenue'] as const).map((b) => ({
              value: b,
              label: t(`qualification.icps.bases.${b}`),
            }))}
          />
        </Form.Item>
        {(['large', 'growth'] as const).map((band) => (
          // One line per band: its employee and revenue starts side by side under the band's name.
          <Form.Item key={band} label={t(`qualification.icps.${band}From`)} required>
            <Space wrap>
              <Form.Item
                name={`${band}Employees`}
                noStyle
                rules={[{ required: true, message: t('qualification.icps.employees') }]}
              >
                <InputNumber
                  aria-label={`${t(`qualification.icps.${band}From`)} · ${t('qualification.icps.employees')}`}
                  min={1}
                  precision={0}
                  style={{ width: 200 }}
                  addonAfter={t('qualification.icps.employees')}
                />
              </Form.Item>
              <Form.Item
                name={`${band}Revenue`}
                noStyle
                rules={[{ required: true, message: t('qualification.icps.revenue') }]}
              >
                <InputNumber<number>
                  aria-label={`${t(`qualification.icps.${band}From`)} · ${t('qualification.icps.revenue')}`}
                  min={1}
                  style={{ width: 260 }}
                  formatter={(v) => `${v ?? ''}`.replace(/\B(?=(\d{3})+(?!\d))/g, ',')}
                  parser={(v) => Number((v ?? '').replace(/,/g, ''))}
                  addonAfter={t('qualification.icps.revenue')}
                />
              </Form.Item>
            </Space>
          </Form.Item>
        ))}
        <Form.Item label=" " colon={false}>
          <Button type="primary" htmlType="submit" loading={save.isPending}>
            {t('qualification.icps.save')}
          </Button>
        </Form.Item>
      </Form>
    </Card>
  )
}

/** Settings → ICP: ICP definitions (dimensions, targets, weights) and the size bands of the segments. */
export function IcpSettingsTab() {
  const { t } = useTranslation()
  const { me } = useAuth()
  const { message } = AntApp.useApp()
  const qc = useQueryClient()
  const q = useIcps()
  const [editing, setEditing] = useState<Icp | 'new' | null>(null)
  const editable = can(me, 'icps', 'update')
  const refresh = () => void qc.invalidateQueries({ queryKey: qualificationKeys.all })
  if (q.isLoading) return <LoadingState />
  if (q.error || !q.data) return <ErrorState error={q.error} onRetry={() => void q.refetch()} />
  return (
    <div>
      <Typography.Paragraph type="secondary">{t('qualification.icps.intro')}</Typography.Paragraph>
      <Space style={{ marginBottom: 12 }}>
        {can(me, 'icps', 'create') && (
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setEditing('new')}>
            {t('qualification.icps.new')}
          </Button>
        )}
        <Link to="/accounts?icpFit[gte]=70&sort=-icpFit">{t('qualification.icps.accountsLink')}</Link>
      </Space>
      {q.data.data.length === 0 ? (
        <EmptyState description={t('qualification.icps.empty')} />
      ) : (
        <Table
          rowKey="id"
          size="small"
          pagination={false}
          dataSource={q.data.data}
          columns={[
            {
              key: 'name',
              title: t('qualification.icps.name'),
              render: (_, r) => (
                <Space direction="vertical" size={0}>
                  <Typography.Text strong>{r.name}</Typography.Text>
                  {r.description && <Typography.Text type="secondary">{r.description}</Typography.Text>}
                </Space>
              ),
            },
            {
              key: 'active',
              title: t('qualification.icps.active'),
              render: (_, r) => (
                <Tag color={r.active ? 'green' : 'default'}>
                  {r.active ? t('common.yes') : t('common.no')}
                </Tag>
              ),
            },
            {
              key: 'dims',
              title: t('qualification.icps.dimensions'),
              render: (_, r) =>
                (r.dimensions ?? []).map((d) => (
                  <Tag key={d.field}>
                    {d.label ||
                      (d.field.startsWith('custom.')
                        ? d.field
                        : t(`fields.${d.field}`, { defaultValue: d.field }))}{' '}
                    · {d.weight}
                  </Tag>
                )),
            },
            {
              key: 'actions',
              title: '',
              render: (_, r) =>
                editable && (
                  <Space>
                    <Button size="small" onClick={() => setEditing(r)}>
                      {t('common.edit')}
                    </Button>
                    <Popconfirm
                      title={t('qualification.icps.confirmDelete')}
                      onConfirm={async () => {
                        try {
                          await del(`/icps/${r.id}`)
                          refresh()
                          showUndo(message, t('qualification.icps.deleted'), t('common.undo'), async () => {
                            await post(`/icps/${r.id}/restore`)
                            refresh()
                          })
                        } catch (e) {
                          void message.error((e as Error).message)
                        }
                      }}
                    >
                      <Button size="small" danger>
                        {t('common.delete')}
                      </Button>
                    </Popconfirm>
                  </Space>
                ),
            },
          ]}
        />
      )}
      {can(me, 'segment-settings', 'update') && <SizeThresholdsCard />}
      {editing && <IcpEditor icp={editing} onClose={() => setEditing(null)} />}
    </div>
  )
}
