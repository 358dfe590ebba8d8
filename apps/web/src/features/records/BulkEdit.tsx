import { useState } from 'react'
import { App, Button, Form, Modal, Select, Typography } from 'antd'
import { EditOutlined } from '@ant-design/icons'
import { useQueryClient } from '@tanstack/react-query'
import { useTranslation } from 'react-i18next'
import type { BulkUpdateResult } from '@openkam/contract'
import { post } from '../../shared/api/client'
import { showUndo } from '../../shared/ui/undo'
import { FieldInput } from './FieldInput'
import { isVirtual, labelOf, pathOf, type CollectionMeta, type Field } from './meta'

/**
 * The fields a person may change on many records at once: editable for them (field-level security),
 * not computed, not a file, not the record's own name.
 */
export const bulkEditable = (meta: CollectionMeta): Field[] =>
  meta.fields.filter(
    (f) =>
      !isVirtual(f) &&
      !f.readOnly &&
      f.access !== 'read' &&
      !f.computed &&
      f.type !== 'file' &&
      f.key !== meta.titleField &&
      !['createdAt', 'updatedAt'].includes(f.key),
  )

/** The change of one field as the API takes it (`{custom: {key: v}}` for a custom field). */
const setOf = (f: Field, value: unknown) =>
  f.custom ? { custom: { [f.key]: value ?? null } } : { [f.key]: value ?? null }

/**
 * "Edit field" on the selected records: pick a field, give its value with the field's own input, apply it
 * to all of them in one request (`POST /<collection>/bulk-update`). A refusal names the record and nothing
 * changes; a success offers Undo, which sends back the values before.
 */
export function BulkEdit({
  collection,
  meta,
  api,
  ids,
  onDone,
}: {
  collection: string
  meta: CollectionMeta
  api: string
  ids: string[]
  onDone: () => void
}) {
  const { t } = useTranslation()
  const { message } = App.useApp()
  const qc = useQueryClient()
  const [open, setOpen] = useState(false)
  const [path, setPath] = useState<string>()
  const [value, setValue] = useState<unknown>(null)
  const [error, setError] = useState<string | null>(null)
  const [saving, setSaving] = useState(false)
  const fields = bulkEditable(meta)
  const field = fields.find((f) => pathOf(f) === path)
  if (!fields.length) return null

  const close = () => {
    setOpen(false)
    setPath(undefined)
    setValue(null)
    setError(null)
  }
  const apply = async () => {
    if (!field) return
    setSaving(true)
    setError(null)
    try {
      const res = await post<BulkUpdateResult>(`${api}/bulk-update`, { ids, set: setOf(field, value) })
      await qc.invalidateQueries({ queryKey: [collection] })
      const label = labelOf(field, t)
      close()
      onDone()
      showUndo(
        message,
        t('lists.bulk.done', { count: res.updated, field: label }),
        t('common.undo'),
        async () => {
          try {
            await post(`${api}/bulk-update`, res.undo)
            message.success(t('lists.bulk.undone'))
          } catch (e) {
            message.error(t('lists.bulk.failed', { reason: (e as Error).message }))
          }
          await qc.invalidateQueries({ queryKey: [collection] })
        },
      )
    } catch (e) {
      setError(t('lists.bulk.failed', { reason: (e as Error).message }))
    } finally {
      setSaving(false)
    }
  }

  return (
    <>
      <Button icon={<EditOutlined />} onClick={() => setOpen(true)}>
        {t('lists.bulk.edit')}
      </Button>
      <Modal
        open={open}
        title={t('lists.bulk.title', { count: ids.length })}
        okText={t('lists.bulk.apply', { count: ids.length })}
        cancelText={t('common.cancel')}
        okButtonProps={{ disabled: !field }}
        confirmLoading={saving}
        onOk={() => void apply()}
        onCancel={close}
        destroyOnHidden
      >
        <Form layout="vertical">
          <Form.Item label={t('lists.bulk.field')} htmlFor="bulk-field">
            <Select
              id="bulk-field"
              showSearch={{ optionFilterProp: 'label' }}
              value={path}
              onChange={(p: string) => {
                setPath(p)
                setValue(null)
                setError(null)
              }}
              options={fields.map((f) => ({ value: pathOf(f), label: labelOf(f, t) }))}
            />
          </Form.Item>
          {field && (
            <Form.Item label={t('lists.bulk.value')} htmlFor="bulk-value" help={t('lists.bulk.emptyValue')}>
              <FieldInput key={path} id="bulk-value" field={field} value={value} onChange={setValue} />
            </Form.Item>
          )}
        </Form>
        {error && (
          <Typography.Text type="danger" role="alert">
            {error}
          </Typography.Text>
        )}
      </Modal>
    </>
  )
}
