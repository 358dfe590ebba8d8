import { useState } from 'react'
import { Input, Modal, Typography } from 'antd'
import { useTranslation } from 'react-i18next'

/** Asks why a suggestion is dismissed; the reason is required (the server refuses without one too). */
export function DismissDialog({
  open,
  busy,
  onCancel,
  onDismiss,
}: {
  open: boolean
  busy: boolean
  onCancel: () => void
  onDismiss: (reason: string) => void
}) {
  const { t } = useTranslation()
  const [reason, setReason] = useState('')
  const [tried, setTried] = useState(false)
  const empty = !reason.trim()
  return (
    <Modal
      open={open}
      title={t('insightExpansion.dismiss.title')}
      okText={t('insightExpansion.dismiss.ok')}
      cancelText={t('common.cancel')}
      confirmLoading={busy}
      destroyOnHidden
      afterClose={() => {
        setReason('')
        setTried(false)
      }}
      onCancel={onCancel}
      onOk={() => {
        setTried(true)
        if (!empty) onDismiss(reason.trim())
      }}
    >
      <Typography.Paragraph>{t('insightExpansion.dismiss.ask')}</Typography.Paragraph>
      <Input.TextArea
        aria-label={t('insightExpansion.dismiss.reason')}
        data-testid="dismiss-reason"
        rows={3}
        maxLength={1000}
        value={reason}
        status={tried && empty ? 'error' : undefined}
        onChange={(e) => setReason(e.target.value)}
      />
      {tried && empty && (
        // A darker red than antd's danger text: 4.5:1 contrast on white.
        <div role="alert" style={{ color: '#a8071a', marginTop: 4 }}>
          {t('insightExpansion.dismiss.required')}
        </div>
      )}
    </Modal>
  )
}
