import { Tag } from 'antd'
import { useTranslation } from 'react-i18next'
import { EnumTag } from '../records/display'

/** Renewal risk: the account's health band, or "not scored". */
export function RiskTag({ risk }: { risk: string | null }) {
  const { t } = useTranslation()
  return risk ? <EnumTag group="healthBand" value={risk} /> : <Tag>{t('renewals.notScored')}</Tag>
}
