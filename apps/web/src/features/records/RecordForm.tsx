import { useEffect, useMemo, useState, type ReactNode } from 'react'
import { Alert, App, Button, Drawer, Form, Modal, Space, Table, type FormInstance } from 'antd'
import { useQueryClient } from '@tanstack/react-query'
import { useTranslation } from 'react-i18next'
import { ApiError, patch, post } from '../../shared/api/client'
import { useShortcut } from '../../shared/ui/shortcuts'
import { FormSections, widthFor } from '../layouts/FormSections'
import { placeFields, shows, type PlacedSection } from '../layouts/layout'
import { useLayout } from '../layouts/layouts.queries'
import { FieldInput } from './FieldInput'
import { FieldValue } from './display'
import { labelOf, pathOf, recordFields, valueOf, type CollectionMeta, type Field } from './meta'
import { resources } from './resources'
import { useCollectionMeta } from './useCollectionMeta'
import { apiPathOf } from './paths'
import { MergeHistory, MergeModal } from '../account-merge'
import { DuplicatesModal, findDuplicates, takenAccount, type Duplicate } from '../duplicates'

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

const stamps = ['updatedAt', 'createdAt', 'lastContactedAt']
const editable = (f: Field) => !f.readOnly && !stamps.includes(f.key)
const same = (a: unknown, b: unknown) => JSON.stringify(a ?? null) === JSON.stringify(b ?? null)
const empty = (v: unknown) =>
  v === undefined || v === null || v === '' || (Array.isArray(v) && v.length === 0)
/** The form's name of a field: custom values are nested under `custom`, as the API wants them. */
const nameOf = (f: Field) => (f.custom ? ['custom', f.key] : f.key)
/** An error path of the API or of zod (`custom.size`, `['custom', 'size']`) as a form name. */
const errorName = (path: (string | number | symbol)[]) =>
  path[0] === 'custom' && path[1] !== undefined ? ['custom', String(path[1])] : String(path[0] ?? '')
/** The values of the fields in a record, as the form holds them. */
const formValues = (fields: Field[], r: Record<string, any>) => {
  // Every custom value, not only those of the fields known yet: a field whose description arrives
  // after the form opened finds its value in the form's store.
  const out: Record<string, any> = { custom: { ...(r.custom ?? {}) } }
  for (const f of fields) {
    if (f.custom) out.custom[f.key] = valueOf(f, r)
    else out[f.key] = r[f.key]
  }
  return out
}

/**
 * What a form shows: the fields the person may edit (of `fields` only, for a short form, plus the required
 * custom ones the API insists on) and, on an existing record, those they may only read (computed custom
 * fields, fields read-only for their role). Virtual filter keys are never fields of a form.
 */
export function formPlan(meta: CollectionMeta, editing: boolean, fields?: string[]) {
  const wanted = (f: Field) => !fields || fields.includes(f.key) || (!!f.custom && !!f.required)
  const all = recordFields(meta)
  const inputs = all.filter((f) => editable(f) && wanted(f))
  const shownReadOnly = editing
    ? all.filter(
        (f) => !fields && !stamps.includes(f.key) && f.readOnly && (!!f.custom || f.access === 'read'),
      )
    : []
  return { inputs, readOnly: shownReadOnly }
}

/** The paths of the fields in the sections that show for these values (all of them without a layout). */
export const visiblePaths = (sections: PlacedSection[] | null, values: Record<string, any> | undefined) =>
  sections
    ? new Set(sections.filter((s) => shows(s.visibleWhen, values)).flatMap((s) => s.fields.map(pathOf)))
    : null

type FieldsProps = {
  meta: CollectionMeta
  form: FormInstance
  /** The layout's sections; null for one plain column (a short form, or while the layout loads). */
  sections: PlacedSection[] | null
  /** The record edited (its read-only values are shown); absent on a new one. */
  record?: Record<string, any> | null
  fields?: string[]
  accountId?: string
  /** Shown in an empty section (the layout designer's preview). */
  emptyHint?: ReactNode
}

/**
 * The inside of a record form, laid out by the object's layout: each section with its title and columns,
 * shown while its condition holds for the values being edited. The layout designer previews with it.
 */
export function RecordFormFields({
  meta,
  form,
  sections,
  record,
  fields,
  accountId,
  emptyHint,
}: FieldsProps) {
  const { t } = useTranslation()
  const values = Form.useWatch([], { form, preserve: true }) as Record<string, any> | undefined
  const plan = formPlan(meta, !!record, fields)
  const inputs = new Set(plan.inputs.map(pathOf))
  const readOnly = new Set(plan.readOnly.map(pathOf))
  const flat: PlacedSection[] = [
    { id: 'all', title: '', columns: 1, fields: [...plan.inputs, ...plan.readOnly] },
  ]
  const render = (f: Field) => {
    const path = pathOf(f)
    if (inputs.has(path))
      return (
        <Form.Item name={nameOf(f)} label={labelOf(f, t)} required={f.required} extra={f.helpText}>
          <FieldInput field={f} accountId={accountId} recordId={record?.id} />
        </Form.Item>
      )
    if (readOnly.has(path))
      return (
        <Form.Item
          label={labelOf(f, t)}
          extra={f.computed ? t('customFields.computedHint') : (f.helpText ?? t('layouts.readOnlyHint'))}
        >
          <FieldValue field={f} record={record ?? {}} />
        </Form.Item>
      )
    return null
  }
  return <FormSections sections={sections ?? flat} values={values} render={render} emptyHint={emptyHint} />
}

/**
 * Create or edit a record in a drawer, laid out by the object's form layout. The shared zod schema checks
 * the values first; the API's field errors appear under their fields; a version conflict (409) shows what
 * changed. Only fields the person may edit, in sections that show, are sent.
 */
export function RecordForm({ collection, open, onClose, record, initial, fields, title, onSaved }: Props) {
  const { t } = useTranslation()
  const { message } = App.useApp()
  const qc = useQueryClient()
  const meta = useCollectionMeta(collection)!
  const [form] = Form.useForm()
  const [busy, setBusy] = useState(false)
  useShortcut('mod+s', () => form.submit(), open)
  /** A refusal of the whole change (e.g. approval_pending: the record waits for approval), shown above the form. */
  const [refusal, setRefusal] = useState<string | null>(null)
  const [conflict, setConflict] = useState<{
    current: Record<string, any>
    mine: Record<string, any>
  } | null>(null)
  // The version being edited: the record opened, or the current one after a conflict was reviewed.
  const [base, setBase] = useState(record)
  /** Accounts, contacts or leads that look like the one being saved (issue 18.7): shown before saving, once per save. */
  const [dupes, setDupes] = useState<Duplicate[] | null>(null)
  /** The merge dialog: the other account when chosen from the warning, '' to search for it. */
  const [mergeWith, setMergeWith] = useState<string | null>(null)
  const layout = useLayout(fields ? undefined : collection)
  const sections = useMemo(
    () => (layout.data && !fields ? placeFields(layout.data.sections, meta) : null),
    [layout.data, meta, fields],
  )
  const shown = formPlan(meta, !!record, fields).inputs
  const accountId = Form.useWatch('accountId', form) ?? initial?.accountId ?? record?.accountId

  useEffect(() => {
    if (!open) return
    form.resetFields()
    setBase(record)
    form.setFieldsValue(record ? formValues(shown, record) : (initial ?? {}))
  }, [open, record?.id, record?.version])

  const submit = async (force = false) => {
    const values = form.getFieldsValue(true) as Record<string, unknown>
    const body: Record<string, unknown> = {}
    const custom: Record<string, unknown> = {}
    // A section that does not show for these values sends nothing.
    const visible = visiblePaths(sections, values)
    for (const f of shown.filter((x) => !visible || visible.has(pathOf(x)))) {
      const v = f.custom ? (values.custom as Record<string, unknown> | undefined)?.[f.key] : values[f.key]
      const into = f.custom ? custom : body
      if (base) {
        if (!same(v, valueOf(f, base))) into[f.key] = v === '' || v === undefined ? null : v
      } else if (!empty(v)) into[f.key] = v
    }
    if (Object.keys(custom).length) body.custom = custom
    for (const [k, v] of Object.entries(initial ?? {}))
      if (!record && !(k in body) && v !== undefined) body[k] = v
    if (base) body.version = base.version
    const schema = base ? resources[collection]!.Update : resources[collection]!.Create
    const checked = schema.safeParse(body)
    if (!checked.success) {
      form.setFields(
        checked.error.issues
          .map((i) => ({ name: errorName(i.path), errors: [i.message] }))
          .filter((x) => x.name),
      )
      return
    }
    setBusy(true)
    setRefusal(null)
    if (!force) {
      const found = await findDuplicates(collection, body, base)
      if (found.length) {
        setDupes(found)
        setBusy(false)
        return
      }
    }
    /**
     * A 409 whose current record still has, in every field this form changes, the value the form started
     * from (someone — often the system, e.g. a tier or a score — changed other fields only) is not a
     * conflict: the change is sent once more on the current version. Otherwise the dialog shows both.
     */
    const send = async (): Promise<Record<string, any>> => {
      if (!base) return post<Record<string, any>>(apiPathOf(collection), body)
      try {
        return await patch<Record<string, any>>(`${apiPathOf(collection)}/${base.id}`, body)
      } catch (e) {
        const current = e instanceof ApiError && e.status === 409 ? e.body.current : undefined
        const now = current as Record<string, any> | undefined
        const mine = Object.keys(body).filter((k) => k !== 'version' && k !== 'custom')
        const untouched =
          !!now &&
          mine.every((k) => same(base[k], now[k])) &&
          Object.keys(custom).every((k) => same(base.custom?.[k], now.custom?.[k]))
        if (!untouched) throw e
        body.version = (current as { version: number }).version
        return patch<Record<string, any>>(`${apiPathOf(collection)}/${base.id}`, body)
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
      if (e instanceof ApiError && e.code.startsWith('approval_')) setRefusal(e.message)
      const existing = e instanceof ApiError && e.code === 'duplicate_account' ? e.body.existing : null
      if (existing) {
        setDupes([takenAccount(existing as { id: string; name: string })])
      } else if (e instanceof ApiError && e.status === 409 && e.body.current) {
        setConflict({ current: e.body.current as Record<string, any>, mine: body })
      } else if (e instanceof ApiError && e.errors.length) {
        form.setFields(e.errors.map((x) => ({ name: errorName(x.path.split('.')), errors: [x.message] })))
      } else {
        message.error(e instanceof Error ? e.message : String(e))
      }
    } finally {
      setBusy(false)
    }
  }

  const changed = conflict
    ? [
        ...Object.keys(conflict.mine)
          .filter((k) => k !== 'version' && k !== 'custom')
          .map((k) => ({
            key: k,
            field: t(`fields.${k}`),
            yours: conflict.mine[k],
            current: conflict.current[k],
          })),
        ...Object.keys((conflict.mine.custom as Record<string, unknown> | undefined) ?? {}).map((k) => {
          const f = meta.fields.find((x) => x.custom && x.key === k)
          return {
            key: `custom.${k}`,
            field: f ? labelOf(f, t) : k,
            yours: conflict.mine.custom[k],
            current: conflict.current.custom?.[k],
          }
        }),
      ]
    : []

  return (
    <Drawer
      open={open}
      onClose={onClose}
      size={widthFor(sections)}
      title={title ?? (record ? t('common.edit') : `${t('common.new')} · ${t(`nav.${meta.title}`)}`)}
      destroyOnHidden
      extra={
        <Space>
          {collection === 'accounts' && base && (
            <Button onClick={() => setMergeWith('')}>{t('accountMerge.mergeAction')}</Button>
          )}
          <Button onClick={onClose}>{t('common.cancel')}</Button>
          <Button type="primary" loading={busy} onClick={() => void submit()}>
            {t('common.save')}
          </Button>
        </Space>
      }
    >
      {refusal && <Alert type="warning" showIcon role="alert" title={refusal} style={{ marginBottom: 16 }} />}
      {collection === 'accounts' && base && <MergeHistory accountId={base.id} />}
      <Form form={form} layout="vertical" onFinish={() => void submit()}>
        <RecordFormFields
          meta={meta}
          form={form}
          sections={sections}
          record={base}
          fields={fields}
          accountId={accountId as string | undefined}
        />
        <button type="submit" hidden aria-hidden tabIndex={-1} />
      </Form>
      <DuplicatesModal
        collection={collection}
        candidates={dupes}
        onBack={() => setDupes(null)}
        onSaveAnyway={() => {
          setDupes(null)
          void submit(true)
        }}
        onMerge={
          base
            ? (c) => {
                setDupes(null)
                setMergeWith(c.id)
              }
            : undefined
        }
      />
      {collection === 'accounts' && base && (
        <MergeModal
          open={mergeWith !== null}
          onClose={() => setMergeWith(null)}
          accountId={base.id}
          otherId={mergeWith || undefined}
          onMerged={onClose}
        />
      )}
      <Modal
        open={!!conflict}
        title={t('common.conflictTitle')}
        onCancel={() => setConflict(null)}
        okText={t('common.conflictReload')}
        onOk={() => {
          const current = conflict!.current
          setConflict(null)
          form.setFieldsValue(formValues(shown, current))
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
