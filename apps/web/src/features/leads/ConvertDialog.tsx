import { useState } from 'react'
import { Alert, App, Form, Input, InputNumber, Modal, Radio, Space, Typography } from 'antd'
import { useQueryClient } from '@tanstack/react-query'
import { useNavigate } from 'react-router'
import { useTranslation } from 'react-i18next'
import { ApiError, post } from '../../shared/api/client'
import { ErrorState, LoadingState } from '../../shared/ui/states'
import { useConvertCandidates, type Candidate } from './leads.queries'

type Lead = { id: string; name: string; company: string | null }

/**
 * Converts a lead: shows the existing accounts that look like its company first, and lets the person
 * link to one of them or create a new account; then the contact and the opportunity are created.
 */
export function ConvertDialog({ lead, open, onClose }: { lead: Lead; open: boolean; onClose: () => void }) {
  const { t } = useTranslation()
  const { message } = App.useApp()
  const qc = useQueryClient()
  const navigate = useNavigate()
  const q = useConvertCandidates(lead.id, open)
  const [choice, setChoice] = useState<string | null>(null)
  const [busy, setBusy] = useState(false)
  const [form] = Form.useForm<{ opportunityName: string; amount?: number }>()
  const candidates = q.data?.data ?? []
  const picked = choice ?? candidates[0]?.id ?? 'new'
  const submit = async () => {
    const v = await form.validateFields()
    setBusy(true)
    try {
      const res = await post<{ accountId: string }>(`/leads/${lead.id}/convert`, {
        ...(picked === 'new' ? { createNew: true } : { accountId: picked }),
        opportunityName: v.opportunityName || undefined,
        amount: v.amount !== undefined && v.amount !== null ? String(v.amount) : undefined,
      })
      message.success(t('leadScoring.convert.done'))
      await qc.invalidateQueries({ queryKey: ['leads'] })
      onClose()
      navigate(`/accounts/${res.accountId}`)
    } catch (e) {
      if (e instanceof ApiError && e.code === 'possible_duplicate') await q.refetch()
      message.error(e instanceof Error ? e.message : String(e))
    } finally {
      setBusy(false)
    }
  }
  const label = (c: Candidate) => (
    <Space direction="vertical" size={0}>
      <span>{t('leadScoring.convert.link', { name: c.name })}</span>
      <Typography.Text type="secondary">
        {t(`leadScoring.convert.on.${c.on}`)}
        {c.domain ? ` · ${c.domain}` : ''}
      </Typography.Text>
    </Space>
  )
  return (
    <Modal
      open={open}
      title={t('leadScoring.convert.title')}
      onCancel={onClose}
      onOk={() => void submit()}
      okText={t('leadScoring.convert.action')}
      confirmLoading={busy}
      okButtonProps={{ disabled: q.isLoading || !!q.error }}
      destroyOnHidden
    >
      {q.isLoading ? (
        <LoadingState rows={3} />
      ) : q.error ? (
        <ErrorState error={q.error} onRetry={() => void q.refetch()} />
      ) : (
        <>
          {candidates.length ? (
            <Alert
              type="warning"
              showIcon
              message={t('leadScoring.convert.candidates')}
              style={{ marginBottom: 12 }}
            />
          ) : (
            <Alert
              type="info"
              showIcon
              message={t('leadScoring.convert.none')}
              style={{ marginBottom: 12 }}
            />
          )}
          <Radio.Group
            value={picked}
            onChange={(e) => setChoice(e.target.value)}
            style={{ marginBottom: 16 }}
          >
            <Space direction="vertical">
              {candidates.map((c) => (
                <Radio key={c.id} value={c.id}>
                  {label(c)}
                </Radio>
              ))}
              <Radio value="new">{t('leadScoring.convert.createNew')}</Radio>
            </Space>
          </Radio.Group>
          <Form form={form} layout="vertical" initialValues={{ opportunityName: lead.company ?? lead.name }}>
            <Form.Item name="opportunityName" label={t('leadScoring.convert.opportunityName')}>
              <Input maxLength={200} />
            </Form.Item>
            <Form.Item name="amount" label={t('leadScoring.convert.amount')}>
              <InputNumber min={0} style={{ width: 200 }} addonAfter="CNY" />
            </Form.Item>
          </Form>
        </>
      )}
    </Modal>
  )
}
