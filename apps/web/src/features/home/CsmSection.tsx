import { useMemo } from 'react'
import { Card, Col, Row, Typography } from 'antd'
import { Link } from 'react-router'
import { useTranslation } from 'react-i18next'
import { useNames } from '../../shared/api/lookups'
import { EnumTag } from '../records/display'
import { useLookedAfter, useMyTickets, useRenewalsDue } from './home.queries'
import { itemStyle, listStyle, Loaded, RenewalsDueCard } from './TeamSection'

/**
 * Home for a customer-success manager: the accounts they look after by health (weakest first), the
 * renewals of those accounts due in 90 days, and the tickets assigned to them.
 */
export function CsmSection() {
  const { t } = useTranslation()
  const accounts = useLookedAfter()
  const mine = useMemo(() => new Set((accounts.data?.data ?? []).map((a) => a.id)), [accounts.data])
  const renewals = useRenewalsDue(mine)
  const tickets = useMyTickets()
  const ticketAccounts = useNames(
    'accounts',
    (tickets.data?.data ?? []).map((x) => x.accountId),
  )
  const weakest = [...(accounts.data?.data ?? [])]
    .filter((a) => a.health)
    .sort((a, b) => a.health!.score - b.health!.score)
    .slice(0, 6)
  return (
    <section aria-labelledby="home-csm-title" style={{ marginBottom: 24 }}>
      <Typography.Title level={2} id="home-csm-title" style={{ fontSize: 16, margin: '0 0 12px' }}>
        {t('home.csm.title', { count: accounts.data?.data.length ?? 0 })}
      </Typography.Title>
      <Row gutter={[16, 16]}>
        <Col xs={24} xl={8}>
          <Card
            title={t('home.csm.weakest')}
            extra={<Link to="/accounts?csmId=me">{t('home.viewAll')}</Link>}
          >
            <Loaded q={accounts} isEmpty={!weakest.length} empty={t('home.csm.noAccounts')}>
              <ul aria-label={t('home.csm.weakest')} style={listStyle}>
                {weakest.map((a) => (
                  <li key={a.id} style={itemStyle}>
                    <Link to={`/accounts/${a.id}`} style={{ flex: 1, minWidth: 0 }}>
                      {a.name}
                    </Link>
                    <span className="num">
                      {t('home.healthScore', { score: Math.round(a.health!.score) })}
                    </span>
                    <EnumTag group="healthBand" value={a.health!.band} />
                  </li>
                ))}
              </ul>
            </Loaded>
          </Card>
        </Col>
        <Col xs={24} xl={8}>
          <RenewalsDueCard query={renewals} title={t('home.csm.renewals')} />
        </Col>
        <Col xs={24} xl={8}>
          <Card
            title={t('home.csm.tickets')}
            extra={<Link to="/tickets?assigneeId=me">{t('home.viewAll')}</Link>}
          >
            <Loaded q={tickets} isEmpty={!tickets.data?.data.length} empty={t('home.csm.noTickets')}>
              <ul aria-label={t('home.csm.tickets')} style={listStyle}>
                {tickets.data?.data.map((x) => (
                  <li key={x.id} style={itemStyle}>
                    <div style={{ flex: 1, minWidth: 0 }}>
                      <Link to={`/tickets/${x.id}`}>{x.subject}</Link>
                      <div>
                        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                          {ticketAccounts.data?.[x.accountId] ?? '…'}
                        </Typography.Text>
                      </div>
                    </div>
                    <EnumTag group="priority" value={x.priority} />
                  </li>
                ))}
              </ul>
            </Loaded>
          </Card>
        </Col>
      </Row>
    </section>
  )
}
