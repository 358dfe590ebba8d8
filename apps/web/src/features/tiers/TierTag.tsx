import { Tag } from 'antd'
import { useTranslation } from 'react-i18next'

const colors: Record<string, string> = { strategic: 'gold', growth: 'blue', essential: 'default' }

/** A tier as a coloured tag ("—" without one). */
export function TierTag({ tier }: { tier: string | null | undefined }) {
  const { t } = useTranslation()
  if (!tier) return <>—</>
  return <Tag color={colors[tier]}>{t(`tiers.names.${tier}`)}</Tag>
}
