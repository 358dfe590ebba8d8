import { useEffect, useState } from 'react'
import { App, Button, Drawer, Form, Modal, Space, Table } from 'antd'
import { useQueryClient } from '@tanstack/react-query'
import { useTranslation } from 'react-i18next'
import { ApiError, patch, post } from '../../shared/api/client'
import { FieldInput } from './FieldInput'
import { collections, type Field } from './meta'
import { resources } from './resources'

type Props = {
  collection: string
  open: boolean
  onClose: () => void
  /** The record to edit; absent to create one. */
  record?: Record<string, any> | null
  /** Values preset on a new record (e.g. its account). */
  initial?: Record<string, unknown>
  /** Fields to show; all editable fields of the collection by default. */
  fields?: string[]
  title?: string
  onSaved?: (rec: Record<string, any>) => void
}

const editable = (f: Field) => !f.readOnly && !['updatedAt', 'createdAt', 'lastContactedAt'].includes(f.key)
const same = (a: unknown, b: unknown) => JSON.stringify(a ?? null) === JSON.stringify(b ?? null)

/**
 * Create or edit a record in a drawer. The shared zod schema checks the values first; the API's field
 * errors appear under their fields; a version conflict (409) shows what changed.
 */
export function RecordForm({ collection, open, onClose, record, initial, fields, title, onSaved }: Props) {
  const { t } = useTranslation()
  const { message } = App.useApp()
  const qc = useQueryClient()
  const meta = collections[collection]!
  const [form] = Form.useForm()
  const [busy, setBusy] = useState(false)
  const [conflict, setConflict] = useState<{
    current: Record<string, any>
    mine: Record<string, any>
  } | null>(null)
  // The version being edited: the record opened, or the current one after a conflict was reviewed.
  const [base, setBase] = useState(record)
  const shown = meta.fields.filter((f) => editable(f) && (!fields || fields.includes(f.key)))
  const accountId = Form.useWatch('accountId', form) ?? initial?.accountId ?? record?.accountId

  useEffect(() => {
    if (!open) return
    form.resetFields()
    setBase(record)
    form.setFieldsValue(
      record ? Object.fromEntries(shown.map((f) => [f.key, record[f.key]])) : (initial ?? {}),
    )
  }, [open, record?.id, record?.version])

  const submit = async () => {
    const values = form.getFieldsValue() as Record<string, unknown>
    const body: Record<string, unknown> = {}
    for (const f of shown) {
      const v = values[f.key]
      if (base) {
        if (!same(v, base[f.key])) body[f.key] = v === '' ? null : v
      } else if (v !== undefined && v !== null && v !== '' && !(Array.isArray(v) && v.length === 0))
        body[f.key] = v
    }
    for (const [k, v] of Object.entries(initial ?? {}))
      if (!record && !(k in body) && v !== undefined) body[k] = v
    if (base) body.version = base.version
    const schema = base ? resources[collection]!.Update : resources[collection]!.Create
    const checked = schema.safeParse(body)
    if (!checked.success) {
      form.setFields(
        checked.error.issues
          .map((i) => ({ name: String(i.path[0] ?? ''), errors: [i.message] }))
          .filter((x) => x.name),
      )
      return
    }
    setBusy(true)
    /**
     * A 409 whose current record still has, in every field this form changes, the value the form started
     * from (someone — often the system, e.g. a tier or a score — changed other fields only) is not a
     * conflict: the change is sent once more on the current version. Otherwise the dialog shows both.
     */
    const send = async (): Promise<Record<string, any>> => {
      if (!base) return post<Record<string, any>>(`/${collection}`, body)
      try {
        return await patch<Record<string, any>>(`/${collection}/${base.id}`, body)
      } catch (e) {
        const current = e instanceof ApiError && e.status === 409 ? e.body.current : undefined
        const mine = Object.keys(body).filter((k) => k !== 'version')
        if (!current || !mine.every((k) => same(base[k], (current as Record<string, unknown>)[k]))) throw e
        body.version = (current as { version: number }).version
        return patch<Record<string, any>>(`/${collection}/${base.id}`, body)
      }
    }
    try {
      const saved = await send()
      message.success(record ? t('common.saved') : t('common.created'))
      await qc.invalidateQueries({ queryKey: [collection] })
      await qc.invalidateQueries({ queryKey: ['360'] })
      onSaved?.(saved)
      onClose()
    } catch (e) {
      if (e instanceof ApiError && e.status === 409 && e.body.current) {
        setConflict({ current: e.body.current as Record<string, any>, mine: body })
      } else if (e instanceof ApiError && e.errors.length) {
        form.setFields(e.errors.map((x) => ({ name: x.path.split('.')[0]!, errors: [x.message] })))
      } else {
        message.error(e instanceof Error ? e.message : String(e))
      }
    } finally {
      setBusy(false)
    }
  }

  const changed = conflict
    ? Object.keys(conflict.mine)
        .filter((k) => k !== 'version')
        .map((k) => ({
          key: k,
          field: t(`fields.${k}`),
          yours: conflict.mine[k],
          current: conflict.current[k],
        }))
    : []

  return (
    <Drawer
      open={open}
      onClose={onClose}
      size={520}
      title={title ?? (record ? t('common.edit') : `${t('common.new')} · ${t(`nav.${meta.title}`)}`)}
      destroyOnHidden
      extra={
        <Space>
          <Button onClick={onClose}>{t('common.cancel')}</Button>
          <Button type="primary" loading={busy} onClick={() => void submit()}>
            {t('common.save')}
          </Button>
        </Space>
      }
    >
      <Form form={form} layout="vertical" onFinish={() => void submit()}>
        {shown.map((f) => (
          <Form.Item key={f.key} name={f.key} label={t(`fields.${f.key}`)} required={f.required}>
            <FieldInput field={f} accountId={accountId as string | undefined} recordId={base?.id} />
          </Form.Item>
        ))}
        <button type="submit" hidden aria-hidden tabIndex={-1} />
      </Form>
      <Modal
        open={!!conflict}
        title={t('common.conflictTitle')}
        onCancel={() => setConflict(null)}
        okText={t('common.conflictReload')}
        onOk={() => {
          const current = conflict!.current
          setConflict(null)
          form.setFieldsValue(Object.fromEntries(shown.map((f) => [f.key, current[f.key]])))
          setBase(current)
        }}
      >
        <p>{t('common.conflictBody')}</p>
        <Table
          size="small"
          pagination={false}
          rowKey="key"
          dataSource={changed}
          columns={[
            { title: t('common.field'), dataIndex: 'field' },
            { title: t('common.yours'), dataIndex: 'yours', render: (v) => JSON.stringify(v) },
            { title: t('common.current'), dataIndex: 'current', render: (v) => JSON.stringify(v) },
          ]}
        />
      </Modal>
    </Drawer>
  )
}
