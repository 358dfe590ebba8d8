import { useEffect, useState } from 'react'
import { Alert, App, Button, Input, Select, Space, Spin, Tag, Typography } from 'antd'
import { useQuery, useQueryClient } from '@tanstack/react-query'
import { useTranslation } from 'react-i18next'
import { patch, post } from '../../shared/api/client'
import {
  errorText,
  postForm,
  useImportMappings,
  type ImportMappingSource,
  type ImportPreview,
} from './imports.queries'

export type MappingChoice = { mapping: Record<string, string | null>; source?: string }

/**
 * The import dialog's mapping step: the file's columns and the field each fills — from a saved mapping
 * of the same source (matched by the file's headers, or chosen by name), else the importer's guess — each
 * one editable; the mapping can be saved under a source's name for its next file.
 */
export function ImportMappingStep({
  collection,
  file,
  fieldLabel,
  onChange,
}: {
  collection: string
  file: File
  fieldLabel: (key: string) => string
  onChange: (v: MappingChoice) => void
}) {
  const { t } = useTranslation()
  const { message } = App.useApp()
  const qc = useQueryClient()
  const saved = useImportMappings(collection)
  // undefined: whatever matches the file's headers; '': none; else a saved mapping's id.
  const [chosen, setChosen] = useState<string | undefined>(undefined)
  const preview = useQuery({
    queryKey: ['imports', 'preview', collection, file.name, file.size, file.lastModified, chosen ?? '*'],
    queryFn: () =>
      postForm<ImportPreview>(
        '/imports/preview',
        { object: collection, source: chosen || undefined, mapping: chosen === '' ? '{}' : undefined },
        file,
      ),
    retry: false,
  })
  const [mapping, setMapping] = useState<Record<string, string | null>>({})
  const [edited, setEdited] = useState(false)
  const [name, setName] = useState('')
  const [saving, setSaving] = useState(false)
  const p = preview.data
  const source = chosen === '' ? null : (p?.source ?? null)
  useEffect(() => {
    if (!p) return
    setMapping(Object.fromEntries(p.columns.map((c) => [c.column, c.field])))
    setEdited(false)
  }, [p])
  useEffect(() => {
    if (p) onChange({ mapping, source: source?.id })
  }, [mapping, source?.id, p])

  const save = async (existing?: ImportMappingSource) => {
    setSaving(true)
    try {
      const body = { headers: p!.headers, mapping }
      const m = existing
        ? await patch<ImportMappingSource>(`/import-mappings/${existing.id}`, {
            ...body,
            version: existing.version,
          })
        : await post<ImportMappingSource>('/import-mappings', { ...body, name, object: collection })
      void message.success(t('importHistory.savedMapping', { name: m.name }))
      setName('')
      await qc.invalidateQueries({ queryKey: ['import-mappings'] })
      setChosen(m.id)
      void qc.invalidateQueries({ queryKey: ['imports', 'preview'] })
    } catch (e) {
      void message.error(errorText(e))
    } finally {
      setSaving(false)
    }
  }

  if (preview.isLoading) return <Spin tip={t('importHistory.readingFile')}>&nbsp;</Spin>
  if (preview.error) return <Alert type="error" showIcon title={errorText(preview.error)} />
  if (!p) return null
  const current = saved.data?.data.find((m) => m.id === source?.id)
  const options = [
    { value: '', label: t('importHistory.ignore') },
    ...p.fields.map((f) => ({
      value: f.key,
      label: `${fieldLabel(f.key)}${f.required ? ' *' : ''} (${f.key})`,
    })),
  ]
  return (
    <Space direction="vertical" style={{ width: '100%' }} data-testid="import-mapping-step">
      <Space wrap style={{ justifyContent: 'space-between', width: '100%' }}>
        <Typography.Text strong>
          {t('importHistory.mapStep')} · {t('importHistory.rows', { count: p.total })}
        </Typography.Text>
        <Select
          aria-label={t('importHistory.chooseSource')}
          style={{ minWidth: 220 }}
          placeholder={t('importHistory.chooseSource')}
          value={source?.id ?? (chosen === '' ? '' : undefined)}
          onChange={(v: string) => setChosen(v)}
          options={[
            { value: '', label: t('importHistory.noSource') },
            ...(saved.data?.data ?? []).map((m) => ({ value: m.id, label: m.name })),
          ]}
        />
      </Space>
      {source && <Alert type="info" showIcon title={t('importHistory.fromSaved', { name: source.name })} />}
      <Typography.Text type="secondary">{t('importHistory.mapHelp')}</Typography.Text>
      {!edited && p.errors.length > 0 && (
        <Alert type="warning" showIcon title={p.errors.map((e) => e.message).join(' · ')} />
      )}
      {/* A list, not a table: one line per column (two on a phone), scrolling when the file is wide. */}
      <div style={{ maxHeight: 320, overflowY: 'auto' }}>
        {p.columns.map((c) => (
          <div
            key={c.column}
            data-testid="import-mapping-row"
            style={{
              display: 'flex',
              flexWrap: 'wrap',
              alignItems: 'center',
              gap: 8,
              padding: '4px 0',
              borderBottom: '1px solid rgba(5, 5, 5, 0.06)',
            }}
          >
            <Typography.Text ellipsis style={{ flex: '1 1 160px', minWidth: 0 }} title={c.column}>
              {c.column}
            </Typography.Text>
            <Space size={4} style={{ flex: '2 1 240px' }}>
              <Select
                aria-label={c.column}
                showSearch
                optionFilterProp="label"
                style={{ width: 240, maxWidth: '60vw' }}
                value={mapping[c.column] ?? ''}
                options={options}
                onChange={(v: string) => {
                  setMapping((m) => ({ ...m, [c.column]: v || null }))
                  setEdited(true)
                }}
              />
              {c.from === 'saved' && <Tag color="blue">{t('importHistory.fromSavedHint')}</Tag>}
              {c.from === 'guess' && <Tag>{t('importHistory.guessed')}</Tag>}
            </Space>
          </div>
        ))}
      </div>
      <Space wrap>
        <Input
          aria-label={t('importHistory.saveAs')}
          placeholder={t('importHistory.saveAsPlaceholder')}
          value={name}
          maxLength={100}
          style={{ width: 260 }}
          onChange={(e) => setName(e.target.value)}
        />
        <Button disabled={!name.trim()} loading={saving} onClick={() => void save()}>
          {t('importHistory.saveMapping')}
        </Button>
        {current && edited && (
          <Button loading={saving} onClick={() => void save(current)}>
            {t('importHistory.updateMapping', { name: current.name })}
          </Button>
        )}
      </Space>
    </Space>
  )
}
