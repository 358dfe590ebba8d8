import { useState } from 'react'
import { Alert, Button, Select, Space, Typography } from 'antd'
import type { MessageInstance } from 'antd/es/message/interface'
import { useTranslation } from 'react-i18next'
import type { BulkUpdateResult } from '@openkam/contract'
import { post } from '../../../shared/api/client'
import { showUndo } from '../../../shared/ui/undo'

/**
 * Assigns the selected tickets to one person in one request (the ticket list's bulk update: all or
 * none, each change audited), with Undo putting every ticket back to whom it had.
 */
export function BulkAssign({
  ids,
  assignees,
  onDone,
  onChanged,
  message,
}: {
  ids: string[]
  assignees: { id: string; name: string }[]
  onDone: () => void
  onChanged: () => unknown
  message: MessageInstance
}) {
  const { t } = useTranslation()
  const [to, setTo] = useState<string>()
  const [saving, setSaving] = useState(false)
  const [error, setError] = useState<string | null>(null)
  const name = assignees.find((u) => u.id === to)?.name ?? ''

  const assign = async () => {
    if (!to) return
    setSaving(true)
    setError(null)
    try {
      const res = await post<BulkUpdateResult>('/tickets/bulk-update', { ids, set: { assigneeId: to } })
      await onChanged()
      onDone()
      setTo(undefined)
      showUndo(
        message,
        t('ticketQueue.assigned', { count: res.updated, name }),
        t('common.undo'),
        async () => {
          try {
            await post('/tickets/bulk-update', res.undo)
            message.success(t('ticketQueue.undone'))
          } catch (e) {
            message.error(t('ticketQueue.failed', { reason: (e as Error).message }))
          }
          await onChanged()
        },
      )
    } catch (e) {
      setError(t('ticketQueue.failed', { reason: (e as Error).message }))
    } finally {
      setSaving(false)
    }
  }

  return (
    <div className="queue-bulk" role="region" aria-label={t('ticketQueue.assignTo')}>
      <Space wrap>
        <Typography.Text strong>{t('ticketQueue.selected', { count: ids.length })}</Typography.Text>
        <Select
          showSearch
          optionFilterProp="label"
          aria-label={t('ticketQueue.assignTo')}
          placeholder={t('ticketQueue.assignTo')}
          className="queue-assignee"
          value={to}
          onChange={setTo}
          options={assignees.map((u) => ({ value: u.id, label: u.name, title: u.name }))}
        />
        <Button type="primary" disabled={!to} loading={saving} onClick={() => void assign()}>
          {t('ticketQueue.assign')}
        </Button>
        <Button onClick={onDone}>{t('ticketQueue.clear')}</Button>
      </Space>
      {error && <Alert type="error" showIcon message={error} className="queue-bulk-error" />}
    </div>
  )
}
