import { useState } from 'react'
import { App, Button, Popconfirm, Space, Table, Typography } from 'antd'
import { DeleteOutlined, EditOutlined, PlusOutlined } from '@ant-design/icons'
import { useTranslation } from 'react-i18next'
import type { ValueFigure } from '@openkam/contract'
import type { ValueReport } from './lifecycle.queries'
import { ValueKpiForm } from './ValueKpiForm'
import { useSaveKpi } from './value-kpi.queries'

type Kpi = ValueReport['figures']['kpis'][number]
const DAY = 86_400_000

/** A signed number: +12.5, −3 (a real minus sign), 0. */
export const signed = (v: number, lang: string) =>
  `${v > 0 ? '+' : v < 0 ? '−' : ''}${Math.abs(v).toLocaleString(lang === 'zh-CN' ? 'zh-CN' : 'en-US')}`

/** The change of a figure with its sign and percent, coloured by whether it got better; "no data" when unknown. */
function Change({ f }: { f: Pick<ValueFigure, 'change' | 'changePercent' | 'improved'> }) {
  const { t, i18n } = useTranslation()
  if (f.change === null)
    return <Typography.Text type="secondary">{t('valueOutcomes.noData')}</Typography.Text>
  const text =
    f.changePercent !== null ? `${signed(f.changePercent, i18n.language)}%` : signed(f.change, i18n.language)
  const word = f.change === 0 ? 'same' : f.improved ? 'better' : 'worse'
  return (
    <Typography.Text type={f.change === 0 ? 'secondary' : f.improved ? 'success' : 'danger'} strong>
      {text} <span className="outcome-word">({t(`valueOutcomes.${word}`)})</span>
    </Typography.Text>
  )
}

const shown = (v: number | null, noData: string) => (v === null ? noData : v.toLocaleString())

/** The value report's measured outcomes: usage, tickets, goals met and the customer's KPIs. */
export function ValueOutcomes({ report, editable }: { report: ValueReport; editable: boolean }) {
  const { t } = useTranslation()
  const { message } = App.useApp()
  const g = report.figures
  const { remove } = useSaveKpi(report.account.id)
  const [editing, setEditing] = useState<Kpi | 'new' | null>(null)
  const noData = t('valueOutcomes.noData')
  const days = Math.round((Date.parse(report.period.to) - Date.parse(report.period.from)) / DAY) + 1
  const rows: { key: string; f: ValueFigure }[] = [
    { key: 'usageEvents', f: g.usage.events },
    { key: 'activeUsers', f: g.usage.activeUsers },
    { key: 'ticketsOpened', f: g.tickets.opened },
    { key: 'medianHours', f: g.tickets.medianResolutionHours },
    { key: 'meanHours', f: g.tickets.meanResolutionHours },
  ]
  return (
    <section className="outcomes">
      <Typography.Title level={4}>{t('valueOutcomes.title')}</Typography.Title>
      <Typography.Paragraph type="secondary">
        {t('valueOutcomes.intro', { days, from: g.previousPeriod.from, to: g.previousPeriod.to })}
      </Typography.Paragraph>
      <Table
        size="small"
        rowKey="key"
        pagination={false}
        dataSource={rows}
        columns={[
          { key: 'm', title: t('valueOutcomes.metric'), render: (_, r) => t(`valueOutcomes.${r.key}`) },
          { key: 'b', title: t('valueOutcomes.before'), render: (_, r) => shown(r.f.previous, noData) },
          { key: 'n', title: t('valueOutcomes.now'), render: (_, r) => shown(r.f.current, noData) },
          { key: 'c', title: t('valueOutcomes.change'), render: (_, r) => <Change f={r.f} /> },
        ]}
      />
      <p className="goals-line">
        <Typography.Text strong>{t('valueOutcomes.goals')}: </Typography.Text>
        {g.goals.milestonesTotal
          ? t('valueOutcomes.goalsLine', {
              confirmed: g.goals.milestonesConfirmed,
              total: g.goals.milestonesTotal,
              percent: g.goals.metPercent,
            })
          : t('valueOutcomes.noGoals')}
      </p>
      <Space className="kpi-head" align="baseline">
        <Typography.Title level={5}>{t('valueOutcomes.kpis')}</Typography.Title>
        {editable && (
          <Button className="no-print" size="small" icon={<PlusOutlined />} onClick={() => setEditing('new')}>
            {t('valueOutcomes.add')}
          </Button>
        )}
      </Space>
      <Table
        size="small"
        rowKey="id"
        pagination={false}
        dataSource={g.kpis}
        locale={{ emptyText: t('valueOutcomes.kpisEmpty') }}
        columns={[
          { key: 'name', title: t('valueOutcomes.kpiName'), dataIndex: 'name' },
          {
            key: 'before',
            title: t('valueOutcomes.before'),
            render: (_, k: Kpi) => `${shown(k.before, noData)} ${k.unit ?? ''}`,
          },
          {
            key: 'after',
            title: t('valueOutcomes.now'),
            render: (_, k: Kpi) => `${shown(k.after, noData)} ${k.unit ?? ''}`,
          },
          { key: 'change', title: t('valueOutcomes.change'), render: (_, k: Kpi) => <Change f={k} /> },
          {
            key: 'note',
            title: t('valueOutcomes.note'),
            render: (_, k: Kpi) => [k.measuredOn, k.note].filter(Boolean).join(' · ') || '—',
          },
          ...(editable
            ? [
                {
                  key: 'actions',
                  className: 'no-print',
                  render: (_: unknown, k: Kpi) => (
                    <Space size={4}>
                      <Button
                        size="small"
                        type="text"
                        aria-label={t('valueOutcomes.edit')}
                        icon={<EditOutlined />}
                        onClick={() => setEditing(k)}
                      />
                      <Popconfirm
                        title={t('valueOutcomes.removeConfirm')}
                        onConfirm={async () => {
                          await remove.mutateAsync(k.id)
                          void message.success(t('valueOutcomes.removed'))
                        }}
                      >
                        <Button
                          size="small"
                          type="text"
                          danger
                          aria-label={t('valueOutcomes.remove')}
                          icon={<DeleteOutlined />}
                        />
                      </Popconfirm>
                    </Space>
                  ),
                },
              ]
            : []),
        ]}
      />
      {editing && (
        <ValueKpiForm
          accountId={report.account.id}
          kpi={editing === 'new' ? null : editing}
          onClose={() => setEditing(null)}
        />
      )}
    </section>
  )
}
