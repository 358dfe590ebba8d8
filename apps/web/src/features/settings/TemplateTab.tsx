import { useState } from 'react'
import { Alert, Button, Card, Space, Table, Typography, Upload } from 'antd'
import { DownloadOutlined, UploadOutlined } from '@ant-design/icons'
import { useQueryClient } from '@tanstack/react-query'
import { useTranslation } from 'react-i18next'
import type { TemplateFile, TemplatePlan } from '@openkam/contract'
import { ApiError, post } from '../../shared/api/client'
import './template.messages'

type KindPlan = TemplatePlan['kinds'][number]
type Failure = { message: string; errors: { path: string; message: string }[] }

/** Names in a cell: how many, then the first few (by name where the key is a template key). */
function Names({ list, names }: { list: string[]; names: Record<string, string> }) {
  if (!list.length) return <Typography.Text type="secondary">0</Typography.Text>
  const shown = list
    .slice(0, 4)
    .map((k) => names[k] ?? k)
    .join(', ')
  return (
    <span>
      <strong>{list.length}</strong>{' '}
      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
        {shown}
        {list.length > 4 ? ' …' : ''}
      </Typography.Text>
    </span>
  )
}

/** The kinds the file creates or changes something in; the rest summed up in one line below. */
function PlanTable({ plan }: { plan: TemplatePlan }) {
  const { t } = useTranslation()
  const moving = plan.kinds.filter((k) => k.created.length || k.changed.length)
  const unchanged = plan.kinds.reduce((n, k) => n + k.unchanged.length, 0)
  const left = plan.kinds.reduce((n, k) => n + k.left.length, 0)
  return (
    <>
      <Table<KindPlan>
        size="small"
        rowKey="kind"
        pagination={false}
        dataSource={moving}
        columns={[
          {
            title: t('workspaceTemplate.kind'),
            dataIndex: 'kind',
            render: (k: string) => t(`workspaceTemplate.kinds.${k}`, { defaultValue: k }),
          },
          {
            title: t('workspaceTemplate.created'),
            render: (_, r) => <Names list={r.created} names={r.names ?? {}} />,
          },
          {
            title: t('workspaceTemplate.changed'),
            render: (_, r) => <Names list={r.changed} names={r.names ?? {}} />,
          },
          {
            title: t('workspaceTemplate.unchanged'),
            responsive: ['md'],
            render: (_, r) => r.unchanged.length,
          },
          { title: t('workspaceTemplate.left'), responsive: ['md'], render: (_, r) => r.left.length },
        ]}
      />
      <Typography.Paragraph type="secondary" style={{ marginTop: 8, marginBottom: 0 }}>
        {t('workspaceTemplate.summary', { unchanged, left })}
      </Typography.Paragraph>
    </>
  )
}

const changes = (p: TemplatePlan) => p.kinds.some((k) => k.created.length || k.changed.length)

/**
 * Settings → Template (administrators, SPEC R-32): download the workspace's configuration as a template
 * file; upload one, see per kind what it would create and change, then import it.
 */
export function TemplateTab() {
  const { t } = useTranslation()
  const qc = useQueryClient()
  const [file, setFile] = useState<TemplateFile | null>(null)
  const [preview, setPreview] = useState<TemplatePlan | null>(null)
  const [result, setResult] = useState<TemplatePlan | null>(null)
  const [failure, setFailure] = useState<Failure | null>(null)
  const [busy, setBusy] = useState(false)

  const fail = (e: unknown) =>
    setFailure(
      e instanceof ApiError ? { message: e.message, errors: e.errors } : { message: String(e), errors: [] },
    )

  const choose = async (f: File) => {
    setFailure(null)
    setResult(null)
    setPreview(null)
    setFile(null)
    let parsed: TemplateFile
    try {
      parsed = JSON.parse(await f.text()) as TemplateFile
    } catch (e) {
      setFailure({ message: t('workspaceTemplate.notJson', { message: (e as Error).message }), errors: [] })
      return false
    }
    setBusy(true)
    try {
      setPreview(await post<TemplatePlan>('/workspace-template/preview', parsed))
      setFile(parsed)
    } catch (e) {
      fail(e)
    } finally {
      setBusy(false)
    }
    return false
  }

  const apply = async () => {
    if (!file) return
    setBusy(true)
    try {
      setResult(await post<TemplatePlan>('/workspace-template/import', file))
      setPreview(null)
      setFile(null)
      await qc.invalidateQueries()
    } catch (e) {
      fail(e)
    } finally {
      setBusy(false)
    }
  }

  const download = () => {
    const a = document.createElement('a')
    a.href = '/api/v1/workspace-template'
    a.download = ''
    document.body.appendChild(a)
    a.click()
    a.remove()
  }

  return (
    <Space direction="vertical" size="large" style={{ width: '100%' }}>
      <Card title={t('workspaceTemplate.exportTitle')}>
        <Typography.Paragraph type="secondary">{t('workspaceTemplate.exportIntro')}</Typography.Paragraph>
        <Button icon={<DownloadOutlined />} onClick={download}>
          {t('workspaceTemplate.download')}
        </Button>
      </Card>
      <Card title={t('workspaceTemplate.importTitle')}>
        <Typography.Paragraph type="secondary">{t('workspaceTemplate.importIntro')}</Typography.Paragraph>
        <Upload accept=".json,application/json" showUploadList={false} beforeUpload={choose}>
          <Button icon={<UploadOutlined />} loading={busy && !file}>
            {t('workspaceTemplate.choose')}
          </Button>
        </Upload>
        {failure && (
          <Alert
            type="error"
            showIcon
            role="alert"
            style={{ marginTop: 16 }}
            title={`${t('workspaceTemplate.failed')} ${failure.message}`}
            description={
              failure.errors.length ? (
                <ul style={{ margin: 0, paddingLeft: 18 }}>
                  {failure.errors.slice(0, 20).map((e) => (
                    <li key={e.path + e.message}>
                      <code>{e.path}</code> {e.message}
                    </li>
                  ))}
                </ul>
              ) : undefined
            }
          />
        )}
        {preview && file && (
          <div style={{ marginTop: 16 }} data-testid="template-preview">
            <Typography.Title level={5}>
              {t('workspaceTemplate.previewTitle', { name: file.name || '—' })}
            </Typography.Title>
            {file.notes?.length ? (
              <Alert
                type="info"
                style={{ marginBottom: 12 }}
                title={t('workspaceTemplate.notes')}
                description={file.notes
                  .slice(0, 10)
                  .map((n) => `${t(`workspaceTemplate.kinds.${n.kind}`, { defaultValue: n.kind })}: ${n.key}`)
                  .join('; ')}
              />
            ) : null}
            {changes(preview) ? (
              <PlanTable plan={preview} />
            ) : (
              <Alert type="success" title={t('workspaceTemplate.nothing')} />
            )}
            <Space style={{ marginTop: 12 }}>
              <Button type="primary" onClick={apply} loading={busy} disabled={!changes(preview)}>
                {t('workspaceTemplate.confirm')}
              </Button>
              <Button onClick={() => (setPreview(null), setFile(null))}>
                {t('workspaceTemplate.cancel')}
              </Button>
            </Space>
          </div>
        )}
        {result && (
          <div style={{ marginTop: 16 }} data-testid="template-result">
            <Alert
              type="success"
              showIcon
              style={{ marginBottom: 12 }}
              title={t('workspaceTemplate.resultTitle')}
            />
            <PlanTable plan={result} />
          </div>
        )}
      </Card>
    </Space>
  )
}
