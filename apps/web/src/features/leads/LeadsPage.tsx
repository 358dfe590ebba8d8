import { Space, Switch, Typography } from 'antd'
import { useSearchParams } from 'react-router'
import { useTranslation } from 'react-i18next'
import ListPage from '../records/ListPage'
import { useLeadScoring } from './leads.queries'

/** The leads list (the shared list machinery) with a hot-lead switch: score at or above the threshold. */
export default function LeadsPage() {
  const { t } = useTranslation()
  const [params, setParams] = useSearchParams()
  const scoring = useLeadScoring()
  const threshold = scoring.data?.threshold ?? 70
  const hot = params.has('score[gte]')
  const toggle = (on: boolean) => {
    const next = new URLSearchParams(params)
    next.delete('after')
    if (on) {
      next.set('score[gte]', String(threshold))
      next.set('sort', '-score')
    } else {
      next.delete('score[gte]')
      next.delete('sort')
    }
    setParams(next)
  }
  return (
    <>
      <Space style={{ float: 'right', marginTop: 4 }}>
        <Switch checked={hot} onChange={toggle} aria-label={t('leadScoring.hotOnly')} />
        <Typography.Text>{t('leadScoring.hotOnly')}</Typography.Text>
        <Typography.Text type="secondary">{t('leadScoring.threshold', { threshold })}</Typography.Text>
      </Space>
      <ListPage collection="leads" />
    </>
  )
}
