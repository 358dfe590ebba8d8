import { Button, DatePicker, Select, Space, Table, Tag, Typography } from 'antd'
import { ArrowLeftOutlined, PrinterOutlined } from '@ant-design/icons'
import dayjs, { type Dayjs } from 'dayjs'
import { Link, useParams, useSearchParams } from 'react-router'
import { useTranslation } from 'react-i18next'
import { useAuth } from '../../app/auth'
import { useUsers } from '../../shared/api/lookups'
import { setLang, type Lang } from '../../shared/i18n/i18n'
import { ErrorState, LoadingState } from '../../shared/ui/states'
import { EnumTag, formatMoney } from '../records/display'
import { useValueReport, type ValueReport } from './lifecycle.queries'
import { ValueOutcomes } from './ValueOutcomes'
import './value-report.css'

const DAY = 'YYYY-MM-DD'

function Kpi({ label, value, note }: { label: string; value: React.ReactNode; note?: React.ReactNode }) {
  return (
    <div className="kpi">
      <Typography.Text type="secondary">{label}</Typography.Text>
      <div className="value">{value}</div>
      {note && <Typography.Text type="secondary">{note}</Typography.Text>}
    </div>
  )
}

/** Sentences that say what the account got, from the numbers (only those the records support). */
function highlights(r: ValueReport, t: (k: string, o?: Record<string, unknown>) => string) {
  const out: string[] = []
  if (r.milestones.total)
    out.push(t('valueReport.hl.milestones', { confirmed: r.milestones.confirmed, total: r.milestones.total }))
  if (r.tickets.resolved)
    out.push(
      t('valueReport.hl.tickets', {
        count: r.tickets.resolved,
        rate: r.tickets.resolutionRate === null ? '—' : Math.round(r.tickets.resolutionRate * 100),
        hours: r.tickets.averageResolutionHours ?? '—',
      }),
    )
  if (r.tickets.satisfaction !== null)
    out.push(
      t('valueReport.hl.satisfaction', {
        score: r.tickets.satisfaction,
        count: r.tickets.satisfactionResponses,
      }),
    )
  if (r.meetings.held)
    out.push(
      t('valueReport.hl.meetings', {
        count: r.meetings.held,
        hours: Math.round(r.meetings.minutes / 6) / 10,
      }),
    )
  if (r.health)
    out.push(
      t('valueReport.hl.health', {
        score: Math.round(r.health.score),
        band: t(`enums.healthBand.${r.health.band}`),
      }),
    )
  return out
}

/** The customer value report of an account (SPEC R-09), laid out to print or save as PDF. */
export default function ValueReportPage() {
  const { id } = useParams()
  const { t, i18n } = useTranslation()
  const { me } = useAuth()
  const [params, setParams] = useSearchParams()
  const from = params.get('from') ?? undefined
  const to = params.get('to') ?? undefined
  const report = useValueReport(id!, from, to)
  const users = useUsers()
  const r = report.data
  if (report.isLoading) return <LoadingState rows={12} />
  if (report.isError || !r) return <ErrorState error={report.error} onRetry={() => void report.refetch()} />
  const money = (amount: string, currency: string) => formatMoney(amount, currency, i18n.language)
  const person = (uid: string | null) =>
    uid ? (users.data?.data.find((u) => u.id === uid)?.name ?? '—') : '—'
  const lines = highlights(r, t as never)

  return (
    <div>
      <div className="page-header no-print">
        <Link to={`/accounts/${r.account.id}`}>
          <ArrowLeftOutlined /> {r.account.name}
        </Link>
        <Space wrap>
          <DatePicker.RangePicker
            aria-label={t('valueReport.period')}
            allowClear={false}
            value={[dayjs(r.period.from), dayjs(r.period.to)]}
            onChange={(v) => {
              const [a, b] = (v ?? []) as [Dayjs | null, Dayjs | null]
              if (a && b) setParams({ from: a.format(DAY), to: b.format(DAY) }, { replace: true })
            }}
          />
          <Select<Lang>
            aria-label={t('valueOutcomes.language')}
            title={t('valueOutcomes.printHint')}
            value={i18n.language === 'en' ? 'en' : 'zh-CN'}
            onChange={(l) => void setLang(l)}
            options={[
              { value: 'zh-CN', label: '中文' },
              { value: 'en', label: 'English' },
            ]}
            style={{ width: 110 }}
          />
          <Button type="primary" icon={<PrinterOutlined />} onClick={() => window.print()}>
            {t('valueReport.print')}
          </Button>
        </Space>
      </div>
      <article className="value-report">
        <Typography.Text type="secondary">
          {me?.workspace.name} · {t('valueReport.title')}
        </Typography.Text>
        <h1>{r.account.name}</h1>
        <Space wrap>
          {r.account.tier && <EnumTag group="tier" value={r.account.tier} />}
          {r.account.lifecycleStage && <EnumTag group="lifecycleStage" value={r.account.lifecycleStage} />}
          <Typography.Text type="secondary">
            {t('valueReport.periodText', { from: r.period.from, to: r.period.to })}
          </Typography.Text>
        </Space>
        <div>
          <Typography.Text type="secondary">
            {t('valueReport.team', { owner: person(r.account.ownerId), csm: person(r.account.csmId) })} ·{' '}
            {t('valueReport.generated', { date: dayjs(r.generatedAt).format('YYYY-MM-DD HH:mm') })}
          </Typography.Text>
        </div>

        {r.valueGoal && (
          <section className="goal">
            <Typography.Text strong>{t('valueReport.goal')}</Typography.Text>
            <div>{r.valueGoal}</div>
          </section>
        )}

        <div className="kpis">
          <Kpi
            label={t('valueReport.contractValue')}
            value={
              r.contracts.activeValue.length
                ? r.contracts.activeValue.map((v) => money(v.amount, v.currency)).join(' + ')
                : '—'
            }
            note={t('valueReport.activeContracts', { count: r.contracts.activeCount })}
          />
          <Kpi
            label={t('valueReport.health')}
            value={r.health ? Math.round(r.health.score) : '—'}
            note={
              r.health ? <EnumTag group="healthBand" value={r.health.band} /> : t('valueReport.notScored')
            }
          />
          <Kpi
            label={t('valueReport.ticketsResolved')}
            value={`${r.tickets.resolved} / ${r.tickets.opened}`}
            note={
              r.tickets.averageResolutionHours !== null
                ? t('valueReport.avgHours', { hours: r.tickets.averageResolutionHours })
                : undefined
            }
          />
          <Kpi
            label={t('valueReport.satisfaction')}
            value={r.tickets.satisfaction === null ? '—' : `${r.tickets.satisfaction} / 5`}
            note={t('valueReport.responses', { count: r.tickets.satisfactionResponses })}
          />
          <Kpi
            label={t('valueReport.meetings')}
            value={r.meetings.held}
            note={t('valueReport.hours', { hours: Math.round(r.meetings.minutes / 6) / 10 })}
          />
          <Kpi
            label={t('valueReport.milestones')}
            value={`${r.milestones.confirmed} / ${r.milestones.total}`}
            note={t('valueReport.confirmedByYou')}
          />
        </div>

        <ValueOutcomes report={r} editable />

        {lines.length > 0 && (
          <section>
            <Typography.Title level={4}>{t('valueReport.highlights')}</Typography.Title>
            <ul>
              {lines.map((l) => (
                <li key={l}>{l}</li>
              ))}
            </ul>
          </section>
        )}

        <section>
          <Typography.Title level={4}>{t('valueReport.milestoneList')}</Typography.Title>
          <Table
            size="small"
            rowKey="id"
            pagination={false}
            dataSource={r.milestones.items}
            locale={{ emptyText: t('milestones.empty') }}
            columns={[
              { key: 'title', title: t('fields.title'), dataIndex: 'title' },
              { key: 'dueDate', title: t('fields.dueDate'), render: (_, m) => m.dueDate ?? '—' },
              {
                key: 'status',
                title: t('fields.status'),
                render: (_, m) => <Tag>{t(`milestones.status.${m.status}`)}</Tag>,
              },
              {
                key: 'confirmed',
                title: t('valueReport.confirmed'),
                render: (_, m) =>
                  m.confirmedAt ? `${m.confirmedByName ?? ''} · ${dayjs(m.confirmedAt).format(DAY)}` : '—',
              },
            ]}
          />
        </section>

        <section>
          <Typography.Title level={4}>{t('valueReport.contracts')}</Typography.Title>
          <Table
            size="small"
            rowKey="id"
            pagination={false}
            dataSource={r.contracts.items}
            columns={[
              { key: 'number', title: t('fields.number'), dataIndex: 'number' },
              {
                key: 'status',
                title: t('fields.status'),
                render: (_, c) => <EnumTag group="contractStatus" value={c.status} />,
              },
              {
                key: 'amount',
                title: t('fields.amount'),
                render: (_, c) => <span className="num">{money(c.amount.amount, c.amount.currency)}</span>,
              },
              { key: 'start', title: t('fields.startDate'), render: (_, c) => c.startDate ?? '—' },
              { key: 'end', title: t('fields.endDate'), render: (_, c) => c.endDate ?? '—' },
            ]}
          />
        </section>

        {r.renewals.length > 0 && (
          <section>
            <Typography.Title level={4}>{t('valueReport.renewals')}</Typography.Title>
            <ul>
              {r.renewals.map((c) => (
                <li key={c.contractId}>
                  {t('valueReport.renewalLine', {
                    number: c.number,
                    date: c.endDate,
                    count: c.daysLeft,
                    amount: money(c.amount.amount, c.amount.currency),
                  })}
                </li>
              ))}
            </ul>
          </section>
        )}
      </article>
    </div>
  )
}
