import { useEffect, useMemo, useState } from 'react'
import { Alert, App, Button, Form, Modal, Radio, Select, Space, Typography } from 'antd'
import { useQuery } from '@tanstack/react-query'
import { useTranslation } from 'react-i18next'
import { get, type Page } from '../../shared/api/client'
import {
  useSendPreview,
  useSendSurvey,
  type SendInput,
  type Survey,
  type SurveySendResult,
} from './surveys.queries'

type By = 'accounts' | 'tiers' | 'segments'
const tiers = ['strategic', 'growth', 'essential'] as const

/** Accounts matching a search, for the picker. */
function useAccountSearch(q: string) {
  return useQuery({
    queryKey: ['accounts', 'pick', q],
    queryFn: () =>
      get<Page<{ id: string; name: string }>>('/accounts', { q: q || undefined, limit: 20, sort: 'name' }),
    staleTime: 30_000,
  })
}

/**
 * Sends a survey: to chosen accounts, or every account of some tiers or segments. Before sending it
 * shows how many contacts will be invited and who is skipped (no e-mail, already invited, answered).
 */
export function SendSurveyModal({ survey, onClose }: { survey: Survey | null; onClose: () => void }) {
  const { t } = useTranslation()
  const { message } = App.useApp()
  const [by, setBy] = useState<By>('accounts')
  const [accountIds, setAccountIds] = useState<string[]>([])
  const [pickedTiers, setPickedTiers] = useState<string[]>([])
  const [segments, setSegments] = useState<string[]>([])
  const [search, setSearch] = useState('')
  const [result, setResult] = useState<SurveySendResult | null>(null)
  const accounts = useAccountSearch(search)
  const send = useSendSurvey(survey?.id ?? null)

  useEffect(() => {
    setBy('accounts')
    setAccountIds([])
    setPickedTiers([])
    setSegments([])
    setResult(null)
  }, [survey?.id])

  const input: SendInput = useMemo(
    () => (by === 'accounts' ? { accountIds } : by === 'tiers' ? { tiers: pickedTiers } : { segments }),
    [by, accountIds, pickedTiers, segments],
  )
  const chosen = (input.accountIds ?? input.tiers ?? input.segments ?? []).length > 0
  const preview = useSendPreview(survey?.id ?? null, input, !!survey && chosen && !result)
  const p = chosen ? preview.data : undefined

  const submit = async () => {
    try {
      const r = await send.mutateAsync(input)
      setResult(r)
      void message.success(t('surveys.send.done', { count: r.invited }))
    } catch (e) {
      void message.error(e instanceof Error ? e.message : String(e))
    }
  }

  return (
    <Modal
      open={!!survey}
      title={t('surveys.send.title', { name: survey?.name ?? '' })}
      onCancel={onClose}
      width={640}
      footer={
        result ? (
          <Button type="primary" onClick={onClose}>
            OK
          </Button>
        ) : (
          <Space>
            <Button onClick={onClose}>{t('common.cancel')}</Button>
            <Button
              type="primary"
              disabled={!p || p.invited === 0}
              loading={send.isPending}
              onClick={() => void submit()}
            >
              {t('surveys.send.submit', { count: p?.invited ?? 0 })}
            </Button>
          </Space>
        )
      }
    >
      {result ? (
        <>
          <Alert type="success" showIcon title={t('surveys.send.done', { count: result.invited })} />
          {result.emailNote && (
            <Alert
              type="warning"
              showIcon
              style={{ marginTop: 12 }}
              title={t('surveys.send.emailNote', { note: result.emailNote })}
            />
          )}
          {result.links.length > 0 && (
            <>
              <Typography.Title level={5} style={{ marginTop: 16 }}>
                {t('surveys.send.links')}
              </Typography.Title>
              <div style={{ maxHeight: 240, overflow: 'auto' }}>
                {result.links.map((l) => (
                  <Typography.Paragraph
                    key={l.invitationId}
                    copyable={{ text: l.url }}
                    ellipsis
                    style={{ marginBottom: 4 }}
                  >
                    {l.url}
                  </Typography.Paragraph>
                ))}
              </div>
            </>
          )}
        </>
      ) : (
        <Form layout="vertical">
          <Form.Item label={t('surveys.send.by')}>
            <Radio.Group value={by} onChange={(e) => setBy(e.target.value as By)} optionType="button">
              <Radio value="accounts">{t('surveys.send.byAccounts')}</Radio>
              <Radio value="tiers">{t('surveys.send.byTiers')}</Radio>
              <Radio value="segments">{t('surveys.send.bySegments')}</Radio>
            </Radio.Group>
          </Form.Item>
          {by === 'accounts' && (
            <Form.Item label={t('surveys.send.accounts')}>
              <Select
                mode="multiple"
                showSearch={{ filterOption: false, onSearch: setSearch }}
                value={accountIds}
                onChange={setAccountIds}
                placeholder={t('surveys.send.accountsPlaceholder')}
                loading={accounts.isFetching}
                options={(accounts.data?.data ?? []).map((a) => ({ value: a.id, label: a.name }))}
              />
            </Form.Item>
          )}
          {by === 'tiers' && (
            <Form.Item label={t('surveys.send.tiers')}>
              <Select
                mode="multiple"
                value={pickedTiers}
                onChange={setPickedTiers}
                options={tiers.map((k) => ({ value: k, label: t(`enums.tier.${k}`, { defaultValue: k }) }))}
              />
            </Form.Item>
          )}
          {by === 'segments' && (
            <Form.Item label={t('surveys.send.segments')}>
              <Select
                mode="tags"
                value={segments}
                onChange={setSegments}
                placeholder={t('surveys.send.segmentsPlaceholder')}
              />
            </Form.Item>
          )}
          {chosen && preview.isFetching && !p && (
            <Typography.Text type="secondary">{t('surveys.send.counting')}</Typography.Text>
          )}
          {preview.error && chosen && (
            <Alert
              type="error"
              showIcon
              title={preview.error instanceof Error ? preview.error.message : String(preview.error)}
            />
          )}
          {p && (
            <Space direction="vertical" style={{ width: '100%' }} aria-live="polite">
              <Alert
                type={p.invited ? 'info' : 'warning'}
                showIcon
                title={
                  p.invited
                    ? t('surveys.send.preview', { invited: p.invited, contacts: p.contacts })
                    : t('surveys.send.nobody')
                }
              />
              {p.withoutEmail > 0 && (
                <Typography.Text type="secondary">
                  {t('surveys.send.skippedNoEmail', { count: p.withoutEmail })}
                </Typography.Text>
              )}
              {p.alreadyInvited > 0 && (
                <Typography.Text type="secondary">
                  {t('surveys.send.skippedInvited', { count: p.alreadyInvited })}
                </Typography.Text>
              )}
              {p.alreadyAnswered > 0 && (
                <Typography.Text type="secondary">
                  {t('surveys.send.skippedAnswered', { count: p.alreadyAnswered })}
                </Typography.Text>
              )}
            </Space>
          )}
        </Form>
      )}
    </Modal>
  )
}
