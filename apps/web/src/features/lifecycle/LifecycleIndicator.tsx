import { Steps, Tooltip } from 'antd'
import { useTranslation } from 'react-i18next'
import { lifecycleStages } from '@openkam/contract'
import { useLifecycle } from './lifecycle.queries'

/** The account's place in its lifecycle (lead nurturing → … → renewal), with the reason on hover. */
export function LifecycleIndicator({ accountId }: { accountId: string }) {
  const { t } = useTranslation()
  const lc = useLifecycle(accountId)
  if (!lc.data) return null
  const current = lifecycleStages.indexOf(lc.data.stage)
  return (
    <div role="group" style={{ marginTop: 10, maxWidth: 720 }} aria-label={t('lifecycle.label')}>
      <Tooltip title={t(`lifecycle.reasons.${lc.data.reason}`)}>
        <Steps
          size="small"
          current={current}
          items={lifecycleStages.map((s) => ({ title: t(`enums.lifecycleStage.${s}`) }))}
        />
      </Tooltip>
    </div>
  )
}
