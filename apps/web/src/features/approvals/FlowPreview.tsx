import { useState } from 'react'
import { Alert, Button, List, Select, Space, Tag, Typography } from 'antd'
import { useQuery } from '@tanstack/react-query'
import { useTranslation } from 'react-i18next'
import { get, type Page } from '../../shared/api/client'
import { useUsers } from '../../shared/api/lookups'
import { apiPathOf } from '../records/paths'
import { modeLabel } from './ApprovalTimeline'
import { usePreview } from './approvals.queries'

type Named = { id: string; name?: string; number?: string; title?: string; subject?: string }
const nameOf = (r: Named) => r.name ?? r.number ?? r.title ?? r.subject ?? r.id

/** Pick a record (and who would submit it): who would approve it under the saved flow, step by step. */
export function FlowPreview({ flowId, object }: { flowId: string; object: string }) {
  const { t } = useTranslation()
  const users = useUsers()
  const [q, setQ] = useState('')
  const [recordId, setRecordId] = useState<string>()
  const [submitterId, setSubmitterId] = useState<string>()
  const records = useQuery({
    queryKey: [object, 'pick', q, 'approval-preview'],
    queryFn: () => get<Page<Named>>(apiPathOf(object), { q, limit: 20 }),
  })
  const preview = usePreview()
  const p = preview.data
  return (
    <div data-testid="flow-preview">
      <Typography.Paragraph type="secondary">{t('approvals.designer.previewHelp')}</Typography.Paragraph>
      <Space wrap style={{ marginBottom: 12 }}>
        <Select
          aria-label={t('approvals.designer.previewRecord')}
          placeholder={t('approvals.designer.previewRecord')}
          style={{ minWidth: 260 }}
          showSearch={{ filterOption: false, onSearch: setQ }}
          loading={records.isFetching}
          value={recordId}
          onChange={setRecordId}
          options={(records.data?.data ?? []).map((r) => ({ value: r.id, label: nameOf(r) }))}
        />
        <Select
          aria-label={t('approvals.designer.previewSubmitter')}
          placeholder={t('approvals.designer.previewSubmitter')}
          style={{ minWidth: 200 }}
          allowClear
          showSearch={{ optionFilterProp: 'label' }}
          value={submitterId}
          onChange={setSubmitterId}
          options={(users.data?.data ?? []).map((u) => ({ value: u.id, label: u.name }))}
        />
        <Button
          disabled={!recordId}
          loading={preview.isPending}
          onClick={() => recordId && preview.mutate({ flowId, recordId, submitterId })}
        >
          {t('approvals.designer.previewRun')}
        </Button>
      </Space>
      {preview.isError && <Alert type="error" showIcon title={preview.error.message} />}
      {p && !p.applies && <Alert type="info" showIcon title={t('approvals.designer.previewNotApplies')} />}
      {p && p.applies && (
        <List
          size="small"
          bordered
          dataSource={p.steps}
          renderItem={(s, i) => (
            <List.Item>
              <Space orientation="vertical" size={2}>
                <Space wrap size={6}>
                  <Typography.Text strong>{t('approvals.stepN', { n: i + 1, name: s.name })}</Typography.Text>
                  {s.applies ? (
                    <Tag>{modeLabel(s, t)}</Tag>
                  ) : (
                    <Tag>{t('approvals.designer.previewSkipped')}</Tag>
                  )}
                </Space>
                {s.applies && (
                  <Typography.Text>
                    {s.approvers.length
                      ? s.approvers.map((a) => a.name).join(', ')
                      : t('approvals.designer.previewNobody')}
                  </Typography.Text>
                )}
              </Space>
            </List.Item>
          )}
        />
      )}
    </div>
  )
}
