import { useEffect, useState } from 'react'
import {
  Alert,
  Button,
  Checkbox,
  Collapse,
  Descriptions,
  Modal,
  Progress,
  Radio,
  Space,
  Table,
  Tag,
  Typography,
  Upload,
} from 'antd'
import { InboxOutlined } from '@ant-design/icons'
import { useQueryClient } from '@tanstack/react-query'
import { useTranslation } from 'react-i18next'
import { Link } from 'react-router'
import { ApiError, appHeaders, get } from '../../shared/api/client'
import { useObjectSchema } from '../fields/fields.queries'
import { ImportMappingStep, type MappingChoice } from '../imports/ImportMappingStep'

type ImportRec = {
  id: string
  status: string
  total: number
  processed: number
  created: number
  updated: number
  skippedDuplicates: number
  failed: number
  errorCount: number
  message: string | null
  errors: { row: number; column: string | null; field: string | null; message: string }[]
  columns: { column: string; field: string | null }[]
}

/**
 * The main columns of an import file, by the server's field names (which always work as headers, as do
 * their English and Chinese labels); every other field of the object imports by its name too. `*`: required.
 */
const importColumns: Record<string, string[]> = {
  accounts: ['name*', 'industry', 'creditCode', 'domain', 'annualSpend.amount', 'tier', 'region', 'owner'],
  contacts: ['account*', 'accountCreditCode', 'name*', 'title', 'email', 'phone', 'buyingRole', 'owner'],
  activities: ['account*', 'kind*', 'subject*', 'occurredAt', 'contactEmails', 'owner'],
  leads: [
    'name*',
    'company',
    'title',
    'email',
    'phone',
    'source',
    'status',
    'industry',
    'region',
    'employees',
    'domain',
    'creditCode',
    'notes',
    'owner',
  ],
}

/** Custom fields that are computed, not imported. */
const COMPUTED = new Set(['formula', 'rollup'])

/**
 * Import a CSV or Excel file into accounts, contacts, activities, leads or a custom object (its name,
 * fields and their labels from `GET /objects/:key`), with progress and a per-row report.
 */
export function ImportModal({
  collection,
  open,
  onClose,
}: {
  collection: string
  open: boolean
  onClose: () => void
}) {
  const { t } = useTranslation()
  const qc = useQueryClient()
  const schema = useObjectSchema(collection)
  const custom = schema.data && !schema.data.builtIn ? schema.data : null
  const [file, setFile] = useState<File | null>(null)
  const [mode, setMode] = useState<'all_or_nothing' | 'valid_rows'>('all_or_nothing')
  const [skipDuplicates, setSkipDuplicates] = useState(false)
  const [updateDuplicates, setUpdateDuplicates] = useState(false)
  const [choice, setChoice] = useState<MappingChoice | null>(null)
  const [dryRun, setDryRun] = useState(false)
  const [busy, setBusy] = useState(false)
  const [error, setError] = useState<string | null>(null)
  const [result, setResult] = useState<ImportRec | null>(null)

  useEffect(() => {
    if (!result || ['done', 'failed'].includes(result.status)) return
    const timer = setTimeout(async () => setResult(await get<ImportRec>(`/imports/${result.id}`)), 1000)
    return () => clearTimeout(timer)
  }, [result])
  useEffect(() => {
    if (result?.status === 'done') void qc.invalidateQueries({ queryKey: [collection] })
  }, [result?.status, collection, qc])

  const reset = () => {
    setFile(null)
    setChoice(null)
    setResult(null)
    setError(null)
  }
  const submit = async () => {
    if (!file) return
    setBusy(true)
    setError(null)
    try {
      const form = new FormData()
      form.append('object', collection)
      form.append('mode', mode)
      form.append('onDuplicate', updateDuplicates ? 'update' : skipDuplicates ? 'skip' : 'report')
      form.append('dryRun', String(dryRun))
      // The columns as mapped in the dialog (a saved mapping, the guess, or the person's edits).
      if (choice) form.append('mapping', JSON.stringify(choice.mapping))
      if (choice?.source) form.append('source', choice.source)
      form.append('file', file)
      const res = await fetch('/api/v1/imports', {
        method: 'POST',
        body: form,
        credentials: 'same-origin',
        headers: appHeaders(),
      })
      const body = await res.json()
      if (!res.ok) throw new ApiError(res.status, body.code, body.detail, body.errors ?? [], body)
      setResult(body)
    } catch (e) {
      setError(
        e instanceof ApiError
          ? [e.message, ...e.errors.map((x) => `${x.path}: ${x.message}`)].join(' · ')
          : String(e),
      )
    } finally {
      setBusy(false)
    }
  }
  const running = result && !['done', 'failed'].includes(result.status)
  /** A field's name in the UI language: import-only fields (owner e-mail, account name …) have their own. */
  const fieldLabel = (key: string) => {
    const own = custom?.fields.find((f) => (f.custom ? `custom.${f.key}` : f.key) === key)
    if (own) return own.label
    return t(`imports.fields.${key}`, {
      defaultValue: t(`fields.${key.split('.')[0]}`, { defaultValue: key }),
    })
  }
  // A custom object's file: its name, owner and the fields one may write (required ones marked).
  const columns = custom
    ? [
        'name*',
        'owner',
        ...custom.fields
          .filter((f) => f.custom && f.access === 'edit' && !COMPUTED.has(f.type))
          .map((f) => `custom.${f.key}${f.required ? '*' : ''}`),
      ]
    : importColumns[collection]
  const what = custom ? custom.pluralLabel : t(`nav.${collection}`)
  const note = custom
    ? t('imports.notes.customObject')
    : t(`imports.notes.${collection}`, { defaultValue: '' })
  return (
    <Modal
      open={open}
      width={720}
      title={t('imports.title', { what })}
      onCancel={() => {
        reset()
        onClose()
      }}
      footer={
        result ? (
          <Space>
            <Link to={`/settings/import-history?object=${collection}`}>{t('importHistory.openHistory')}</Link>
            <Button onClick={reset}>{t('imports.another')}</Button>
          </Space>
        ) : (
          <Space>
            <Link to={`/settings/import-history?object=${collection}`}>{t('importHistory.openHistory')}</Link>
            <Button type="primary" disabled={!file} loading={busy} onClick={() => void submit()}>
              {dryRun ? t('imports.check') : t('imports.start')}
            </Button>
          </Space>
        )
      }
    >
      {!result && (
        <Space direction="vertical" style={{ width: '100%' }} size="middle">
          <Upload.Dragger
            accept=".csv,.xlsx"
            maxCount={1}
            beforeUpload={(f) => {
              setFile(f)
              setChoice(null)
              return false
            }}
            onRemove={() => {
              setFile(null)
              setChoice(null)
            }}
            fileList={file ? [{ uid: '1', name: file.name, status: 'done' }] : []}
          >
            <p className="ant-upload-drag-icon">
              <InboxOutlined />
            </p>
            <p>{t('imports.drop')}</p>
            <Typography.Text type="secondary">{t('imports.hint')}</Typography.Text>
          </Upload.Dragger>
          {file && (
            <ImportMappingStep
              key={`${file.name}:${file.size}:${file.lastModified}`}
              collection={collection}
              file={file}
              fieldLabel={fieldLabel}
              onChange={setChoice}
            />
          )}
          {columns && !file && (
            <div>
              <Typography.Text type="secondary">
                {t('imports.columns')} ({t('imports.requiredMark')}):{' '}
              </Typography.Text>
              {columns.map((c) => {
                const key = c.replace('*', '')
                return (
                  <Tag key={key} color={c.endsWith('*') ? 'blue' : undefined} style={{ marginBottom: 4 }}>
                    {fieldLabel(key)}
                    {c.endsWith('*') && ' *'} <Typography.Text code>{key}</Typography.Text>
                  </Tag>
                )
              })}
            </div>
          )}
          {note && <Typography.Text type="secondary">{note}</Typography.Text>}
          <Radio.Group value={mode} onChange={(e) => setMode(e.target.value)} aria-label={t('imports.mode')}>
            <Radio value="all_or_nothing">{t('imports.allOrNothing')}</Radio>
            <Radio value="valid_rows">{t('imports.validRows')}</Radio>
          </Radio.Group>
          <Space>
            <Checkbox
              checked={skipDuplicates}
              onChange={(e) => {
                setSkipDuplicates(e.target.checked)
                if (e.target.checked) setUpdateDuplicates(false)
              }}
            >
              {t('imports.skipDuplicates')}
            </Checkbox>
            <Checkbox
              checked={updateDuplicates}
              onChange={(e) => {
                setUpdateDuplicates(e.target.checked)
                if (e.target.checked) setSkipDuplicates(false)
              }}
            >
              {t('importHistory.updateDuplicates')}
            </Checkbox>
            <Checkbox checked={dryRun} onChange={(e) => setDryRun(e.target.checked)}>
              {t('imports.dryRun')}
            </Checkbox>
          </Space>
          {error && <Alert type="error" showIcon title={error} />}
        </Space>
      )}
      {result && (
        <Space direction="vertical" style={{ width: '100%' }}>
          {running && (
            <Progress percent={result.total ? Math.round((result.processed / result.total) * 100) : 0} />
          )}
          <Alert
            type={result.status === 'failed' || result.failed > 0 ? 'warning' : 'success'}
            showIcon
            title={result.message ?? result.status}
          />
          <Descriptions size="small" column={{ xs: 2, sm: 5 }}>
            <Descriptions.Item label={t('imports.total')}>{result.total}</Descriptions.Item>
            <Descriptions.Item label={t('imports.created')}>{result.created}</Descriptions.Item>
            <Descriptions.Item label={t('importHistory.updated')}>{result.updated ?? 0}</Descriptions.Item>
            <Descriptions.Item label={t('imports.skipped')}>{result.skippedDuplicates}</Descriptions.Item>
            <Descriptions.Item label={t('imports.failed')}>{result.failed}</Descriptions.Item>
          </Descriptions>
          {result.errors.length > 0 && (
            <Table
              size="small"
              rowKey={(r) => `${r.row}:${r.column}:${r.message}`}
              dataSource={result.errors}
              pagination={{ pageSize: 8 }}
              columns={[
                { title: t('imports.row'), dataIndex: 'row', width: 70 },
                { title: t('imports.column'), dataIndex: 'column', width: 160 },
                { title: t('imports.reason'), dataIndex: 'message' },
              ]}
            />
          )}
          {result.columns?.length > 0 && (
            <Collapse
              size="small"
              items={[
                {
                  key: 'mapping',
                  label: t('imports.mapping'),
                  children: (
                    <Table
                      size="small"
                      rowKey="index"
                      dataSource={result.columns.map((c, index) => ({ ...c, index }))}
                      pagination={{ pageSize: 8, hideOnSinglePage: true }}
                      columns={[
                        { title: t('imports.column'), dataIndex: 'column', width: 200 },
                        {
                          title: t('imports.field'),
                          dataIndex: 'field',
                          render: (f: string | null) =>
                            f ? (
                              <>
                                {fieldLabel(f)} <Typography.Text code>{f}</Typography.Text>
                              </>
                            ) : (
                              <Typography.Text type="secondary">{t('imports.ignored')}</Typography.Text>
                            ),
                        },
                      ]}
                    />
                  ),
                },
              ]}
            />
          )}
        </Space>
      )}
    </Modal>
  )
}
