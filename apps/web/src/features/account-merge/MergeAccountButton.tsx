import { useState, type ReactNode } from 'react'
import { Button, Tooltip } from 'antd'
import { MergeOutlined } from '@ant-design/icons'
import { useTranslation } from 'react-i18next'
import { MergeModal } from './MergeModal'
import './account-merge.messages'

/** The account page's "Merge…" action: merge another account into this one (or this one into it). */
export function MergeAccountButton({ accountId, narrow }: { accountId: string; narrow?: boolean }) {
  const { t } = useTranslation()
  const [open, setOpen] = useState(false)
  const label = t('accountMerge.mergeAction')
  const button: ReactNode = (
    <Button
      size="small"
      icon={<MergeOutlined />}
      aria-label={narrow ? label : undefined}
      onClick={() => setOpen(true)}
      data-testid="account-merge"
    >
      {narrow ? null : t('accountMerge.merge')}
    </Button>
  )
  return (
    <>
      {narrow ? <Tooltip title={label}>{button}</Tooltip> : button}
      <MergeModal open={open} onClose={() => setOpen(false)} accountId={accountId} />
    </>
  )
}
