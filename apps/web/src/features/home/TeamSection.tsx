import type { CSSProperties, ReactNode } from 'react'
import { Card, Col, Progress, Row, Statistic, Typography } from 'antd'
import { Link } from 'react-router'
import { useTranslation } from 'react-i18next'
import { useAuth } from '../../app/auth'
import { useNames, useUsers } from '../../shared/api/lookups'
import { EmptyState, ErrorState, LoadingState } from '../../shared/ui/states'
import { formatMoney } from '../records/display'
import { RiskTag } from '../renewals/RiskTag'
import { apiLang } from '../dashboards/dashboards.queries'
import {
  useAtRisk,
  useOverdueHandoffs,
  usePipelineByOwner,
  useRenewalsDue,
  type HomeScope,
} from './home.queries'

/**
 * Home for the people who lead: the company (executives, administrators) or the teams a manager leads —
 * at-risk annual spend, open pipeline by owner, renewals due in 90 days and overdue handoffs, each over
 * the rows their role lets them see.
 */
export function TeamSection({ scope }: { scope: Exclude<HomeScope, { kind: 'personal' }> }) {
  const { t, i18n } = useTranslation()
  const lang = apiLang(i18n.language)
  const atRisk = useAtRisk(lang)
  const pipeline = usePipelineByOwner(lang)
  const renewals = useRenewalsDue()
  const handoffs = useOverdueHandoffs()
  const { me } = useAuth()
  const currency = me?.workspace.currency ?? 'CNY'
  const money = (n: number | string | null | undefined) => formatMoney(n, currency, i18n.language)
  const pipelineTotal = (pipeline.data?.rows ?? []).reduce((s, r) => s + Number(r[1] ?? 0), 0)
  const renewalTotal = (renewals.data ?? []).reduce((s, c) => s + Number(c.amount.amount), 0)
  const title = scope.kind === 'company' ? t('home.team.company') : t('home.team.mine')
  return (
    <section aria-labelledby="home-team-title" style={{ marginBottom: 24 }}>
      <Typography.Title level={2} id="home-team-title" style={{ fontSize: 16, margin: '0 0 12px' }}>
        {title}
      </Typography.Title>
      <Row gutter={[16, 16]} style={{ marginBottom: 16 }}>
        <Kpi
          label={t('home.team.atRiskArr')}
          loading={atRisk.isLoading}
          value={atRisk.data ? money(atRisk.data.totalAnnualSpend) : '—'}
          note={atRisk.data && t('home.team.accounts', { count: atRisk.data.total })}
          danger={!!atRisk.data?.total}
          to="/accounts?healthBand=at_risk"
        />
        <Kpi
          label={t('home.team.openPipeline')}
          loading={pipeline.isLoading}
          value={pipeline.data ? money(pipelineTotal) : '—'}
          note={
            pipeline.data &&
            t('home.team.deals', { count: pipeline.data.rows.reduce((s, r) => s + Number(r[2] ?? 0), 0) })
          }
          to="/pipeline"
        />
        <Kpi
          label={t('home.team.renewalsDue')}
          loading={renewals.isLoading}
          value={renewals.data ? money(renewalTotal) : '—'}
          note={renewals.data && t('home.team.contracts', { count: renewals.data.length })}
          to="/renewals"
        />
        <Kpi
          label={t('home.team.overdueHandoffs')}
          loading={handoffs.isLoading}
          value={handoffs.data ? String(handoffs.data.data.length) : '—'}
          note={t('home.team.handoffsNote')}
          danger={!!handoffs.data?.data.length}
          to="/handoffs"
        />
      </Row>
      <Row gutter={[16, 16]}>
        <Col xs={24} xl={12}>
          <PipelineByOwner query={pipeline} money={money} />
        </Col>
        <Col xs={24} xl={12}>
          <Card title={t('home.team.atRiskTitle')} extra={<Link to="/health">{t('home.viewAll')}</Link>}>
            <Loaded q={atRisk} empty={t('home.team.noAtRisk')} isEmpty={!atRisk.data?.accounts.length}>
              <ul aria-label={t('home.team.atRiskTitle')} style={listStyle}>
                {atRisk.data?.accounts.slice(0, 6).map((a) => (
                  <li key={a.accountId} style={itemStyle}>
                    <div style={{ flex: 1, minWidth: 0 }}>
                      <Link to={`/accounts/${a.accountId}`}>{a.name}</Link>
                      <div>
                        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                          {a.ownerName ?? t('home.team.noOwner')}
                        </Typography.Text>
                      </div>
                    </div>
                    <span className="num">{formatMoney(a.annualSpend, a.currency, i18n.language)}</span>
                    {a.healthScore !== null && (
                      <Typography.Text
                        className="num"
                        style={{ minWidth: 64, textAlign: 'right', color: DANGER }}
                      >
                        {t('home.healthScore', { score: Math.round(a.healthScore) })}
                      </Typography.Text>
                    )}
                  </li>
                ))}
              </ul>
            </Loaded>
          </Card>
        </Col>
        <Col xs={24} xl={12}>
          <RenewalsDueCard query={renewals} />
        </Col>
        <Col xs={24} xl={12}>
          <OverdueHandoffsCard query={handoffs} />
        </Col>
      </Row>
    </section>
  )
}

function Kpi(props: {
  label: string
  value: string
  note?: ReactNode
  loading: boolean
  danger?: boolean
  to: string
}) {
  return (
    <Col xs={12} lg={6}>
      <Link to={props.to} style={{ display: 'block', color: 'inherit', height: '100%' }}>
        <Card size="small" hoverable style={{ height: '100%' }}>
          <Statistic
            title={props.label}
            value={props.value}
            loading={props.loading}
            valueStyle={{ fontSize: 20, color: props.danger ? DANGER : undefined }}
          />
          {props.note && (
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {props.note}
            </Typography.Text>
          )}
        </Card>
      </Link>
    </Col>
  )
}

type Q = { isLoading: boolean; isError: boolean; error: unknown; refetch: () => unknown }

/** A card body that waits for its query, shows the error with a retry, or the empty state. */
export function Loaded({
  q,
  isEmpty,
  empty,
  children,
}: {
  q: Q
  isEmpty: boolean
  empty: string
  children: ReactNode
}) {
  if (q.isLoading) return <LoadingState rows={4} />
  if (q.isError) return <ErrorState error={q.error} onRetry={() => void q.refetch()} />
  if (isEmpty) return <EmptyState description={empty} />
  return <>{children}</>
}

function PipelineByOwner({
  query,
  money,
}: {
  query: ReturnType<typeof usePipelineByOwner>
  money: (n: number) => string
}) {
  const { t } = useTranslation()
  const rows = query.data?.rows ?? []
  const max = Math.max(1, ...rows.map((r) => Number(r[1] ?? 0)))
  const label = (id: unknown) =>
    id === null ? t('home.team.noOwner') : (query.data?.labels.ownerId?.[String(id)] ?? String(id))
  return (
    <Card title={t('home.team.pipelineByOwner')} extra={<Link to="/pipeline">{t('home.openBoard')}</Link>}>
      <Loaded q={query} isEmpty={!rows.length} empty={t('home.noPipeline')}>
        <ul aria-label={t('home.team.pipelineByOwner')} style={listStyle}>
          {rows.map((r) => (
            <li key={String(r[0])} style={{ ...itemStyle, flexWrap: 'wrap' }}>
              <Link
                to={`/opportunities?status=open${r[0] ? `&ownerId=${String(r[0])}` : ''}`}
                style={{ width: 96, flexShrink: 0 }}
              >
                {label(r[0])}
              </Link>
              <Progress
                percent={(Number(r[1] ?? 0) / max) * 100}
                showInfo={false}
                style={{ flex: 1, minWidth: 80, margin: 0 }}
                aria-hidden
              />
              <span className="num" style={{ minWidth: 120, textAlign: 'right' }}>
                {money(Number(r[1] ?? 0))}
              </span>
              <Typography.Text type="secondary" className="num" style={{ minWidth: 48, textAlign: 'right' }}>
                {t('home.team.deals', { count: Number(r[2] ?? 0) })}
              </Typography.Text>
            </li>
          ))}
        </ul>
      </Loaded>
    </Card>
  )
}

/** Contracts ending in the next 90 days: account, contract, amount and date on their own lines, risk. */
export function RenewalsDueCard({
  query,
  title,
}: {
  query: ReturnType<typeof useRenewalsDue>
  title?: string
}) {
  const { t, i18n } = useTranslation()
  const rows = query.data ?? []
  return (
    <Card
      title={title ?? t('home.team.renewalsTitle')}
      extra={<Link to="/renewals">{t('home.viewAll')}</Link>}
    >
      <Loaded q={query} isEmpty={!rows.length} empty={t('home.team.noRenewals')}>
        <ul aria-label={title ?? t('home.team.renewalsTitle')} style={listStyle}>
          {rows.slice(0, 6).map((c) => (
            <li key={c.contractId} style={itemStyle}>
              <div style={{ flex: 1, minWidth: 0 }}>
                <Link to={`/accounts/${c.accountId}`}>{c.accountName}</Link>
                <div>
                  <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                    <Link to={`/contracts/${c.contractId}`}>{c.number}</Link>
                    {' · '}
                    {t('renewals.endsOn', { date: c.endDate, count: c.daysLeft })}
                  </Typography.Text>
                </div>
              </div>
              <span className="num">{formatMoney(c.amount.amount, c.amount.currency, i18n.language)}</span>
              <RiskTag risk={c.risk} />
            </li>
          ))}
        </ul>
      </Loaded>
    </Card>
  )
}

function OverdueHandoffsCard({ query }: { query: ReturnType<typeof useOverdueHandoffs> }) {
  const { t } = useTranslation()
  const rows = query.data?.data ?? []
  const accounts = useNames(
    'accounts',
    rows.map((h) => h.accountId),
  )
  // People by name from the directory (users are not a records collection for name lookups).
  const users = useUsers()
  const people = { data: Object.fromEntries((users.data?.data ?? []).map((u) => [u.id, u.name])) }
  return (
    <Card title={t('home.team.handoffsTitle')} extra={<Link to="/handoffs">{t('home.viewAll')}</Link>}>
      <Loaded q={query} isEmpty={!rows.length} empty={t('home.team.noHandoffs')}>
        <ul aria-label={t('home.team.handoffsTitle')} style={listStyle}>
          {rows.slice(0, 6).map((h) => {
            const days = Math.max(0, Math.floor((Date.now() - Date.parse(h.dueAt)) / 86_400_000))
            return (
              <li key={h.id} style={itemStyle}>
                <div style={{ flex: 1, minWidth: 0 }}>
                  <Link to={`/handoffs/${h.id}`}>{accounts.data?.[h.accountId] ?? '…'}</Link>
                  <div>
                    <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                      {h.salesOwnerId ? (people.data?.[h.salesOwnerId] ?? '…') : t('home.team.noOwner')}
                    </Typography.Text>
                  </div>
                </div>
                <Typography.Text style={{ color: DANGER }}>
                  {t('home.team.overdueBy', { count: days })}
                </Typography.Text>
              </li>
            )
          })}
        </ul>
      </Loaded>
    </Card>
  )
}

/** A red dark enough to read on white (WCAG AA for small text). */
const DANGER = '#cf1322'

export const listStyle: CSSProperties = { listStyle: 'none', margin: 0, padding: 0 }
export const itemStyle: CSSProperties = {
  display: 'flex',
  alignItems: 'center',
  gap: 10,
  padding: '8px 8px',
  borderBottom: '1px solid #f0f0f0',
  borderRadius: 4,
}
