import { useState } from 'react'
import { App, Button, Form, Input, Modal, Space, Tag, Upload } from 'antd'
import { PaperClipOutlined } from '@ant-design/icons'
import { useTranslation } from 'react-i18next'
import type { Approval } from '@openkam/contract'
import { useAuth } from '../../app/auth'
import { ApiError } from '../../shared/api/client'
import { uploadFile } from '../pipeline/pipeline.queries'
import { useDecide, useRecall } from './approvals.queries'

type Decision = 'approve' | 'reject'

/**
 * Approve or reject the current step with a comment (a rejection needs one: the server's field error is
 * shown under the comment), and recall for the submitter while the request is pending.
 */
export function ApprovalActions({ approval: a, size }: { approval: Approval; size?: 'small' | 'middle' }) {
  const { t } = useTranslation()
  const { me } = useAuth()
  const { message, modal } = App.useApp()
  const decide = useDecide()
  const recall = useRecall()
  const [open, setOpen] = useState<Decision | null>(null)
  const [comment, setComment] = useState('')
  const [error, setError] = useState<string | null>(null)
  const [files, setFiles] = useState<{ id: string; name: string }[]>([])
  const [uploading, setUploading] = useState(false)
  const mayDecide = !!me && a.status === 'pending' && a.canDecide.includes(me.id)
  const mayRecall = !!me && a.status === 'pending' && a.submittedBy === me.id
  if (!mayDecide && !mayRecall) return null
  const label = a.recordName ?? a.flowName

  const start = (d: Decision) => {
    setComment('')
    setError(null)
    setFiles([])
    setOpen(d)
  }
  const send = async () => {
    if (!open) return
    setError(null)
    try {
      await decide.mutateAsync({ id: a.id, decision: open, comment, fileIds: files.map((f) => f.id) })
      void message.success(t(open === 'approve' ? 'approvals.approvedMsg' : 'approvals.rejectedMsg'))
      setOpen(null)
    } catch (e) {
      const field = e instanceof ApiError && e.errors.some((x) => x.path === 'comment')
      if (field) setError((e as ApiError).message)
      else void message.error(t('approvals.failed', { reason: (e as Error).message }))
    }
  }
  const doRecall = () =>
    modal.confirm({
      title: t('approvals.recallConfirm', { name: label }),
      content: t('approvals.recallHelp'),
      okText: t('approvals.recall'),
      cancelText: t('common.cancel'),
      onOk: async () => {
        try {
          await recall.mutateAsync(a.id)
          void message.success(t('approvals.recalledMsg'))
        } catch (e) {
          void message.error(t('approvals.failed', { reason: (e as Error).message }))
        }
      },
    })

  return (
    <>
      <Space size={4} wrap>
        {mayDecide && (
          <>
            <Button
              size={size}
              type="primary"
              onClick={() => start('approve')}
              aria-label={t('approvals.approveOf', { name: label })}
            >
              {t('approvals.approve')}
            </Button>
            <Button
              size={size}
              danger
              onClick={() => start('reject')}
              aria-label={t('approvals.rejectOf', { name: label })}
            >
              {t('approvals.reject')}
            </Button>
          </>
        )}
        {mayRecall && (
          <Button size={size} onClick={doRecall} aria-label={t('approvals.recallOf', { name: label })}>
            {t('approvals.recall')}
          </Button>
        )}
      </Space>
      <Modal
        open={!!open}
        title={t(open === 'reject' ? 'approvals.rejectTitle' : 'approvals.approveTitle', { name: label })}
        okText={t(open === 'reject' ? 'approvals.reject' : 'approvals.approve')}
        okButtonProps={{ danger: open === 'reject', loading: decide.isPending }}
        cancelText={t('common.cancel')}
        onOk={() => void send()}
        onCancel={() => setOpen(null)}
        destroyOnHidden
      >
        <Form layout="vertical" onFinish={() => void send()}>
          <Form.Item
            label={t(open === 'reject' ? 'approvals.reasonLabel' : 'approvals.commentLabel')}
            htmlFor="approval-comment"
            validateStatus={error ? 'error' : undefined}
            help={error ?? undefined}
          >
            <Input.TextArea
              id="approval-comment"
              autoFocus
              rows={3}
              maxLength={4000}
              value={comment}
              onChange={(e) => setComment(e.target.value)}
            />
          </Form.Item>
          <Form.Item label={t('approvals.attachments')} extra={t('approvals.attachmentsHelp')}>
            <Space wrap>
              {files.map((f) => (
                <Tag key={f.id} closable onClose={() => setFiles((all) => all.filter((x) => x.id !== f.id))}>
                  {f.name}
                </Tag>
              ))}
              <Upload
                showUploadList={false}
                beforeUpload={(file) => {
                  setUploading(true)
                  uploadFile(file)
                    .then((stored) => setFiles((all) => [...all, { id: stored.id, name: stored.name }]))
                    .catch((e: Error) => void message.error(t('approvals.failed', { reason: e.message })))
                    .finally(() => setUploading(false))
                  return false
                }}
              >
                <Button
                  size="small"
                  icon={<PaperClipOutlined />}
                  loading={uploading}
                  disabled={files.length >= 10}
                >
                  {t('approvals.attach')}
                </Button>
              </Upload>
            </Space>
          </Form.Item>
        </Form>
      </Modal>
    </>
  )
}
