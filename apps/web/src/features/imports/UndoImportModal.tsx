import { useEffect, useState } from 'react'
import { Alert, Button, Modal, Progress, Space, Spin, Table, Typography } from 'antd'
import { useQuery, useQueryClient } from '@tanstack/react-query'
import { useTranslation } from 'react-i18next'
import { get, post } from '../../shared/api/client'
import { errorText, importKeys, type Import, type ImportUndoResult } from './imports.queries'

/**
 * Undo of a whole import: says first what will happen (records deleted, fields put back, records left
 * alone), then follows the undo's progress and shows its outcome with the records it left alone and why.
 */
export function UndoImportModal({ rec, onClose }: { rec: Import; onClose: () => void }) {
  const { t } = useTranslation()
  const qc = useQueryClient()
  const [job, setJob] = useState<Import | null>(rec.undoState ? rec : null)
  const [error, setError] = useState<string | null>(null)
  const [busy, setBusy] = useState(false)
  const preview = useQuery({
    queryKey: ['imports', rec.id, 'undo-preview'],
    queryFn: () => get<ImportUndoResult>(`/imports/${rec.id}/undo-preview`),
    enabled: !job,
  })
  useEffect(() => {
    if (job?.undoState !== 'undoing') return
    const timer = setTimeout(async () => setJob(await get<Import>(`/imports/${rec.id}`)), 1000)
    return () => clearTimeout(timer)
  }, [job, rec.id])
  useEffect(() => {
    if (job?.undoState === 'undone') void qc.invalidateQueries({ queryKey: importKeys.all })
  }, [job?.undoState, qc])

  const undo = async () => {
    setBusy(true)
    setError(null)
    try {
      setJob(await post<Import>(`/imports/${rec.id}/undo`))
    } catch (e) {
      setError(errorText(e))
    } finally {
      setBusy(false)
    }
  }
  const p = preview.data
  const r = job?.undo
  const nothing = p && p.deleted + p.restored === 0
  return (
    <Modal
      open
      title={t('importHistory.undoTitle', { file: rec.fileName })}
      onCancel={onClose}
      footer={
        job ? (
          <Button onClick={onClose}>{t('common.close')}</Button>
        ) : (
          <Space>
            <Button onClick={onClose}>{t('common.cancel')}</Button>
            <Button
              danger
              type="primary"
              loading={busy}
              disabled={!p || !!nothing}
              onClick={() => void undo()}
            >
              {t('importHistory.undoConfirm')}
            </Button>
          </Space>
        )
      }
      width={640}
    >
      <Space direction="vertical" style={{ width: '100%' }}>
        {!job && preview.isLoading && <Spin tip={t('importHistory.undoLoading')}>&nbsp;</Spin>}
        {!job && preview.error && <Alert type="error" showIcon title={errorText(preview.error)} />}
        {!job && p && (
          <ul data-testid="undo-preview" style={{ paddingLeft: 20, margin: 0 }}>
            {nothing && <li>{t('importHistory.undoNothing')}</li>}
            {p.deleted > 0 && <li>{t('importHistory.undoWillDelete', { count: p.deleted })}</li>}
            {p.restored > 0 && <li>{t('importHistory.undoWillRestore', { count: p.restored })}</li>}
            {p.skipped > 0 && <li>{t('importHistory.undoWillSkip', { count: p.skipped })}</li>}
          </ul>
        )}
        {error && <Alert type="error" showIcon title={error} />}
        {r && job?.undoState === 'undoing' && (
          <>
            <Typography.Text>
              {t('importHistory.undoRunning', { processed: r.processed, total: r.total })}
            </Typography.Text>
            <Progress percent={r.total ? Math.round((r.processed / r.total) * 100) : 0} />
          </>
        )}
        {r && job?.undoState === 'undone' && (
          <Alert
            type={r.skipped ? 'warning' : 'success'}
            showIcon
            data-testid="undo-result"
            title={t('importHistory.undoDone', {
              deleted: r.deleted,
              restored: r.restored,
              skipped: r.skipped,
            })}
          />
        )}
        {r && r.skippedRecords.length > 0 && (
          <Table
            size="small"
            rowKey="entityId"
            title={() => t('importHistory.skippedRecords')}
            dataSource={r.skippedRecords}
            pagination={{ pageSize: 5, hideOnSinglePage: true }}
            columns={[
              {
                title: t('importHistory.record'),
                dataIndex: 'entityId',
                width: 140,
                render: (id: string) => <Typography.Text code>{id.slice(0, 8)}</Typography.Text>,
              },
              { title: t('importHistory.reason'), dataIndex: 'reason' },
            ]}
          />
        )}
      </Space>
    </Modal>
  )
}
