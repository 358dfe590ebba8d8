import { useState } from 'react'
import {
  Alert,
  App as AntApp,
  Button,
  Descriptions,
  Drawer,
  Form,
  Input,
  Popconfirm,
  Radio,
  Select,
  Space,
  Tag,
  Typography,
} from 'antd'
import { Link, useSearchParams } from 'react-router'
import { useTranslation } from 'react-i18next'
import { can, useAuth } from '../../app/auth'
import { formatMoney } from '../records/display'
import { EmptyState, ErrorState, LoadingState } from '../../shared/ui/states'
import {
  useSaveSegmentSettings,
  useSegmentMatrix,
  useSegmentSettings,
  type SegmentMatrix,
} from './qualification.queries'

type Cell = SegmentMatrix['cells'][number]
type Metric = 'count' | 'arr' | 'avgHealth'

const value = (c: Cell, m: Metric) =>
  m === 'count' ? c.count : m === 'arr' ? Number(c.arr) : (c.avgHealth ?? 0)

/** Background of a cell: the darker, the larger its share of the largest cell (health: red → green). */
function shade(c: Cell, m: Metric, max: number) {
  if (!c.count) return undefined
  if (m === 'avgHealth') {
    if (c.avgHealth == null) return undefined
    const h = Math.max(0, Math.min(100, c.avgHealth))
    return `hsla(${Math.round((h / 100) * 120)}, 70%, 45%, 0.28)`
  }
  const share = max > 0 ? value(c, m) / max : 0
  return `rgba(31, 86, 214, ${(0.08 + share * 0.5).toFixed(2)})`
}

/** The segment matrix: size × demand maturity, a heat-map table; a cell opens its strategy and accounts. */
export function SegmentMatrixTab() {
  const { t, i18n } = useTranslation()
  const { me } = useAuth()
  const [params, setParams] = useSearchParams()
  const industry = params.get('industry') ?? undefined
  const [metric, setMetric] = useState<Metric>('count')
  const [selected, setSelected] = useState<Cell | null>(null)
  const q = useSegmentMatrix(industry)
  if (q.isLoading) return <LoadingState />
  if (q.error || !q.data) return <ErrorState error={q.error} onRetry={() => void q.refetch()} />
  const m = q.data
  const sizes = m.sizes.filter((s) => s !== 'unknown' || m.cells.some((c) => c.size === s && c.count > 0))
  const max = Math.max(0, ...m.cells.map((c) => value(c, metric)))
  const cellOf = (size: string, maturity: string) =>
    m.cells.find((c) => c.size === size && c.maturity === maturity)!
  const setIndustry = (v?: string) => {
    const next = new URLSearchParams(params)
    if (v) next.set('industry', v)
    else next.delete('industry')
    setParams(next, { replace: true })
  }
  return (
    <>
      <Typography.Paragraph type="secondary">{t('qualification.matrix.help')}</Typography.Paragraph>
      <Space wrap style={{ marginBottom: 12 }}>
        <Select
          aria-label={t('qualification.matrix.industry')}
          style={{ minWidth: 200 }}
          value={industry ?? ''}
          onChange={(v) => setIndustry(v || undefined)}
          options={[
            { value: '', label: t('qualification.matrix.allIndustries') },
            ...m.industries.map((x) => ({
              value: x.industry,
              label: `${t(`enums.industry.${x.industry}`, { defaultValue: x.industry })} (${x.count})`,
            })),
          ]}
        />
        <span>{t('qualification.matrix.metric')}</span>
        <Radio.Group
          optionType="button"
          value={metric}
          onChange={(e) => setMetric(e.target.value as Metric)}
          options={[
            { value: 'count', label: t('qualification.matrix.count') },
            { value: 'arr', label: t('qualification.matrix.arr') },
            { value: 'avgHealth', label: t('qualification.matrix.avgHealth') },
          ]}
        />
      </Space>
      {m.total === 0 ? (
        <EmptyState description={t('qualification.matrix.empty')} />
      ) : (
        <div style={{ overflowX: 'auto' }}>
          <table
            className="segment-matrix"
            style={{ borderCollapse: 'collapse', width: '100%', minWidth: 720 }}
          >
            <thead>
              <tr>
                <th style={th}>{t('qualification.matrix.size')}</th>
                {m.maturities.map((mt) => (
                  <th key={mt} scope="col" style={th}>
                    {t(`qualification.matrix.maturities.${mt}`)}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {sizes.map((size) => (
                <tr key={size}>
                  <th scope="row" style={{ ...th, textAlign: 'left' }}>
                    {t(`qualification.matrix.sizes.${size}`)}
                  </th>
                  {m.maturities.map((mt) => {
                    const c = cellOf(size, mt)
                    return (
                      <td key={mt} style={{ ...td, background: shade(c, metric, max) }}>
                        <button
                          type="button"
                          onClick={() => setSelected(c)}
                          style={cellButton}
                          aria-label={`${t(`qualification.matrix.sizes.${size}`)} · ${t(`qualification.matrix.maturities.${mt}`)}: ${t('qualification.matrix.accounts', { count: c.count })}`}
                        >
                          <Typography.Text strong style={{ fontSize: 18 }}>
                            {c.count}
                          </Typography.Text>
                          <div>
                            <Typography.Text type="secondary">
                              {formatMoney(c.arr, 'CNY', i18n.language)}
                              {c.avgHealth != null && ` · ♥ ${c.avgHealth}`}
                            </Typography.Text>
                          </div>
                          {c.serviceLevel && <Tag style={{ marginTop: 4 }}>{c.serviceLevel}</Tag>}
                        </button>
                      </td>
                    )
                  })}
                </tr>
              ))}
            </tbody>
          </table>
          {m.unsegmented > 0 && (
            <Typography.Paragraph type="secondary" style={{ marginTop: 8 }}>
              {t('qualification.matrix.unsegmented', { count: m.unsegmented })}
            </Typography.Paragraph>
          )}
        </div>
      )}
      <CellDrawer
        cell={selected}
        industry={industry}
        editable={can(me, 'segment-settings', 'update')}
        onClose={() => setSelected(null)}
      />
    </>
  )
}

const th: React.CSSProperties = { padding: 8, borderBottom: '1px solid #f0f0f0', fontWeight: 600 }
const td: React.CSSProperties = { padding: 0, border: '1px solid #f0f0f0', verticalAlign: 'top' }
const cellButton: React.CSSProperties = {
  all: 'unset',
  display: 'block',
  boxSizing: 'border-box',
  width: '100%',
  minHeight: 88,
  padding: 10,
  cursor: 'pointer',
}

function CellDrawer({
  cell,
  industry,
  editable,
  onClose,
}: {
  cell: Cell | null
  industry?: string
  editable: boolean
  onClose: () => void
}) {
  const { t, i18n } = useTranslation()
  const { message } = AntApp.useApp()
  const settings = useSegmentSettings()
  const save = useSaveSegmentSettings()
  const [form] = Form.useForm<{ strategy?: string; serviceLevel?: string }>()
  if (!cell) return null
  const title = `${t(`qualification.matrix.sizes.${cell.size}`)} · ${t(`qualification.matrix.maturities.${cell.maturity}`)}`
  const key = industry ? `${industry}:${cell.key}` : cell.key
  const own = settings.data?.cells[key]
  const write = async (value: { strategy?: string; serviceLevel?: string } | null) => {
    if (!settings.data) return
    try {
      await save.mutateAsync({ version: settings.data.version, cells: { [key]: value } })
      void message.success(t(value ? 'qualification.matrix.saved' : 'qualification.matrix.cleared'))
      onClose()
    } catch (e) {
      void message.error((e as Error).message)
    }
  }
  return (
    <Drawer open onClose={onClose} title={title} width={520} destroyOnHidden>
      <Descriptions column={1} size="small" bordered>
        <Descriptions.Item label={t('qualification.matrix.accounts', { count: cell.count })}>
          {cell.count > 0 ? (
            <Link to={`/accounts?segment=${encodeURIComponent(cell.segments.join(','))}`}>
              {t('qualification.matrix.showAccounts')}
            </Link>
          ) : (
            '—'
          )}
        </Descriptions.Item>
        <Descriptions.Item label={t('qualification.matrix.arr')}>
          {formatMoney(cell.arr, 'CNY', i18n.language)}
        </Descriptions.Item>
        <Descriptions.Item label={t('qualification.matrix.avgHealth')}>
          {cell.avgHealth ?? '—'}
        </Descriptions.Item>
        <Descriptions.Item label={t('qualification.matrix.serviceLevel')}>
          {cell.serviceLevel ?? '—'}
        </Descriptions.Item>
        <Descriptions.Item label={t('qualification.matrix.strategy')}>
          {cell.strategy ?? (
            <Typography.Text type="secondary">{t('qualification.matrix.noStrategy')}</Typography.Text>
          )}
        </Descriptions.Item>
      </Descriptions>
      {editable && (
        <div style={{ marginTop: 20 }}>
          <Typography.Title level={5}>
            {t('qualification.matrix.editTitle', { cell: title })} ·{' '}
            {industry
              ? t('qualification.matrix.scopeIndustry', {
                  industry: t(`enums.industry.${industry}`, { defaultValue: industry }),
                })
              : t('qualification.matrix.scopeGeneral')}
          </Typography.Title>
          {settings.error && <Alert type="error" message={(settings.error as Error).message} />}
          <Form
            form={form}
            layout="vertical"
            initialValues={own ?? { strategy: cell.strategy ?? '', serviceLevel: cell.serviceLevel ?? '' }}
            onFinish={(v) =>
              void write({ strategy: v.strategy || undefined, serviceLevel: v.serviceLevel || undefined })
            }
          >
            <Form.Item name="strategy" label={t('qualification.matrix.strategy')}>
              <Input.TextArea autoSize={{ minRows: 3, maxRows: 8 }} maxLength={4000} />
            </Form.Item>
            <Form.Item name="serviceLevel" label={t('qualification.matrix.serviceLevel')}>
              <Input maxLength={200} />
            </Form.Item>
            <Space>
              <Button type="primary" htmlType="submit" loading={save.isPending} disabled={!settings.data}>
                {t('qualification.matrix.save')}
              </Button>
              {own && (
                <Popconfirm title={t('qualification.matrix.confirmClear')} onConfirm={() => void write(null)}>
                  <Button danger>{t('qualification.matrix.clear')}</Button>
                </Popconfirm>
              )}
            </Space>
          </Form>
        </div>
      )}
    </Drawer>
  )
}
