import { Typography } from 'antd'
import { useTranslation } from 'react-i18next'
import { formatMoney } from '../records/display'
import type { RenewalContract } from './renewals.queries'

/**
 * A renewal's amount and end date as two labelled fields (term above value), so they never run together
 * as one string ("¥3,961,0002026-12-07") in any language. The days left turn orange within `soonDays`.
 */
export function RenewalFacts({
  contract: c,
  soonDays,
}: {
  contract: Pick<RenewalContract, 'amount' | 'endDate' | 'daysLeft'>
  soonDays: number
}) {
  const { t, i18n } = useTranslation()
  const soon = c.daysLeft <= soonDays
  return (
    <dl className="renewal-facts">
      <div>
        <dt>{t('renewals.amount')}</dt>
        <dd className="num" data-testid="renewal-amount">
          {formatMoney(c.amount.amount, c.amount.currency, i18n.language)}
        </dd>
      </div>
      <div>
        <dt>{t('renewals.endDate')}</dt>
        <dd data-testid="renewal-end">
          <span className="num">{c.endDate}</span>{' '}
          <Typography.Text
            type={soon ? undefined : 'secondary'}
            style={soon ? { color: '#ad4e00' } : undefined}
          >
            ({t('renewals.daysLeft', { count: c.daysLeft })})
          </Typography.Text>
        </dd>
      </div>
    </dl>
  )
}
