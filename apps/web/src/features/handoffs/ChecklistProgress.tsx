import { Progress, Space, Typography } from 'antd'
import { useTranslation } from 'react-i18next'
import { progressOf } from './handoff-status'
import type { Handoff } from './handoffs.queries'

/** How much of the checklist is done: a bar (named for screen readers) and "7/10". */
export function ChecklistProgress({ h, width = 110 }: { h: Pick<Handoff, 'checklist'>; width?: number }) {
  const { t } = useTranslation()
  const p = progressOf(h)
  return (
    <Space size={8}>
      <Progress
        aria-label={t('handoffs.progress', { done: p.done, total: p.total })}
        percent={p.total ? Math.round((p.done / p.total) * 100) : 0}
        showInfo={false}
        size="small"
        style={{ width, margin: 0 }}
      />
      <Typography.Text>
        {p.done}/{p.total}
      </Typography.Text>
    </Space>
  )
}
