import { newSectionTitles } from '../../shared/i18n/both-languages'
import { useEffect, useMemo, useState } from 'react'
import { Alert, App, Button, Card, Col, Form, Row, Select, Space, Tag, Typography } from 'antd'
import { PlusOutlined } from '@ant-design/icons'
import {
  DndContext,
  DragOverlay,
  KeyboardSensor,
  PointerSensor,
  closestCorners,
  useSensor,
  useSensors,
  type DragEndEvent,
  type DragOverEvent,
} from '@dnd-kit/core'
import { sortableKeyboardCoordinates } from '@dnd-kit/sortable'
import { useSearchParams } from 'react-router'
import { useTranslation } from 'react-i18next'
import { useAuth } from '../../app/auth'
import { ApiError } from '../../shared/api/client'
import { EmptyState, ErrorState, LoadingState } from '../../shared/ui/states'
import { useObjectSchema } from '../fields'
import { RecordFormFields } from '../records/RecordForm'
import { collections, fieldOf, labelOf, type CollectionMeta } from '../records/meta'
import { useCollectionMeta } from '../records/useCollectionMeta'
import { isAdmin } from '../settings/common'
import { widthFor } from './FormSections'
import { placeFields, type PlacedSection } from './layout'
import {
  addSection,
  draftProblems,
  moveField,
  removeSection,
  stepField,
  stepSection,
  titleIn,
  toDraft,
  toSections,
  toUpdate,
  type DraftSection,
} from './layout-draft'
import { langOf, useLayout, useObjectList, useResetLayout, useSaveLayout } from './layouts.queries'
import { SectionEditor, sectionDropId } from './SectionEditor'

/** The form as people will see it, with its own values: conditions react to what is typed here. */
function LayoutPreview(props: { meta: CollectionMeta; sections: PlacedSection[]; emptyHint: string }) {
  const [form] = Form.useForm()
  return (
    <Form form={form} layout="vertical" component="div" className="layout-preview">
      <RecordFormFields {...props} form={form} />
    </Form>
  )
}

/** Settings → Form layouts (administrators): sections, columns, field order and conditions, with a preview. */
export function LayoutsTab() {
  const { t, i18n } = useTranslation()
  const { me } = useAuth()
  const { message, modal } = App.useApp()
  const lang = langOf(i18n.language)
  const [params, setParams] = useSearchParams()
  const objects = useObjectList()
  const object = params.get('object') ?? 'accounts'
  const schema = useObjectSchema(object)
  const layout = useLayout(object)
  const save = useSaveLayout(object)
  const resetLayout = useResetLayout(object)
  const [draft, setDraft] = useState<DraftSection[] | null>(null)
  const [dragging, setDragging] = useState<string | null>(null)
  const sensors = useSensors(
    useSensor(PointerSensor, { activationConstraint: { distance: 4 } }),
    useSensor(KeyboardSensor, { coordinateGetter: sortableKeyboardCoordinates }),
  )

  // The description with every field the administrator sees (built-in ones once the object model has answered).
  const described = useCollectionMeta(object)
  const meta = schema.data ? described : undefined
  const saved = useMemo(() => (layout.data ? toDraft(layout.data.sections) : null), [layout.data])
  // A fresh copy whenever the object or its saved layout changes.
  useEffect(() => setDraft(saved), [saved])

  if (!isAdmin(me)) return <EmptyState description={t('layouts.adminOnly')} />

  const dirty = !!draft && !!saved && JSON.stringify(draft) !== JSON.stringify(saved)
  const problems = draft ? draftProblems(draft) : new Map()
  const objectOptions = (objects.data?.data ?? []).map((o) => ({
    value: o.key,
    label: o.builtIn
      ? t(`nav.${collections[o.key]?.title ?? o.key}`, { defaultValue: o.pluralLabel })
      : o.pluralLabel,
  }))
  const choose = (key: string) => {
    const go = () => setParams({ object: key })
    if (!dirty) return go()
    modal.confirm({ title: t('layouts.discardTitle'), content: t('layouts.discardBody'), onOk: go })
  }

  const header = (
    <Space wrap style={{ marginBottom: 16 }}>
      <Typography.Text id="layout-object">{t('layouts.object')}</Typography.Text>
      <Select
        aria-labelledby="layout-object"
        showSearch={{ optionFilterProp: 'label' }}
        style={{ width: 220 }}
        loading={objects.isLoading}
        value={object}
        onChange={choose}
        options={objectOptions.length ? objectOptions : [{ value: object, label: object }]}
      />
      {layout.data && (
        <Tag color={layout.data.designed ? 'blue' : 'default'}>
          {layout.data.designed
            ? t('layouts.designed', { version: layout.data.version })
            : t('layouts.default')}
        </Tag>
      )}
    </Space>
  )
  if (layout.isError || schema.isError)
    return (
      <>
        {header}
        <ErrorState
          error={layout.error ?? schema.error}
          onRetry={() => void Promise.all([layout.refetch(), schema.refetch()])}
        />
      </>
    )
  if (!draft || !meta || !layout.data)
    return (
      <>
        {header}
        <LoadingState />
      </>
    )

  const reload = async () => {
    const r = await layout.refetch()
    if (r.data) setDraft(toDraft(r.data.sections))
  }
  const submit = async () => {
    if (problems.size) return void message.error(t('layouts.fixFirst'))
    try {
      const res = await save.mutateAsync(toUpdate(draft, layout.data!.version))
      setDraft(toDraft(res.sections))
      message.success(t('layouts.saved'))
    } catch (e) {
      if (e instanceof ApiError && e.status === 409)
        modal.confirm({
          title: t('layouts.conflictTitle'),
          content: t('layouts.conflictBody'),
          okText: t('layouts.reload'),
          onOk: reload,
        })
      else if (e instanceof ApiError && e.errors.length)
        message.error(
          `${e.message}: ${e.errors
            .map((x) => {
              const [, i, what, j] = x.path.split('.')
              const s = draft[Number(i)]
              const where = s ? titleIn(s, lang) : x.path
              const field = what === 'fields' && s ? s.fields[Number(j)] : undefined
              return `${where}${field ? ` · ${field}` : ''} — ${x.message}`
            })
            .join('; ')}`,
        )
      else message.error(e instanceof Error ? e.message : String(e))
    }
  }
  // Back to the default for everyone: the designed layout is removed on the server (audited).
  const reset = () =>
    modal.confirm({
      title: t('layouts.resetTitle'),
      content: t('layouts.resetBody'),
      okText: t('layouts.reset'),
      okButtonProps: { danger: true },
      onOk: async () => {
        try {
          const res = await resetLayout.mutateAsync()
          setDraft(toDraft(res.sections))
          message.success(t('layouts.resetDone'))
        } catch (e) {
          message.error(e instanceof Error ? e.message : String(e))
        }
      },
    })

  // Dragging: a field is found by its path; a section's list by its drop id.
  const containerOf = (id: string) =>
    draft.find((s) => sectionDropId(s.id) === id || s.fields.includes(id))?.id
  const onDragOver = ({ active, over }: DragOverEvent) => {
    if (!over) return
    const from = containerOf(String(active.id))
    const to = containerOf(String(over.id))
    if (!from || !to || from === to) return
    const target = draft.find((s) => s.id === to)!
    const at = target.fields.indexOf(String(over.id))
    setDraft(moveField(draft, String(active.id), to, at < 0 ? undefined : at))
  }
  const onDragEnd = ({ active, over }: DragEndEvent) => {
    setDragging(null)
    if (!over || active.id === over.id) return
    const to = containerOf(String(over.id))
    if (!to) return
    const target = draft.find((s) => s.id === to)!
    const at = target.fields.indexOf(String(over.id))
    setDraft(moveField(draft, String(active.id), to, at < 0 ? undefined : at))
  }
  const all = draft.map((s) => ({ id: s.id, title: titleIn(s, lang) || t('layouts.untitled') }))
  const order = draft.flatMap((s) => s.fields)
  const placed = placeFields(toSections(draft, lang), meta)
  const label = (path: string) => {
    const f = fieldOf(meta, path)
    return f ? labelOf(f, t) : path
  }

  return (
    <>
      {header}
      <Typography.Paragraph type="secondary">{t('layouts.help')}</Typography.Paragraph>
      <Row gutter={[24, 16]}>
        <Col xs={24} xl={12}>
          <DndContext
            sensors={sensors}
            collisionDetection={closestCorners}
            onDragStart={({ active }) => setDragging(String(active.id))}
            onDragOver={onDragOver}
            onDragEnd={onDragEnd}
            onDragCancel={() => setDragging(null)}
            accessibility={{
              screenReaderInstructions: { draggable: t('layouts.a11yInstructions') },
              announcements: {
                onDragStart: ({ active }) => t('layouts.a11y.start', { field: label(String(active.id)) }),
                onDragOver: ({ active, over }) =>
                  over
                    ? t('layouts.a11y.over', {
                        field: label(String(active.id)),
                        section: all.find((s) => s.id === containerOf(String(over.id)))?.title ?? '',
                      })
                    : '',
                onDragEnd: ({ active }) => t('layouts.a11y.end', { field: label(String(active.id)) }),
                onDragCancel: ({ active }) => t('layouts.a11y.cancel', { field: label(String(active.id)) }),
              },
            }}
          >
            {draft.map((s, i) => (
              <SectionEditor
                key={s.id}
                meta={meta}
                section={s}
                index={i}
                count={draft.length}
                lang={lang}
                all={all}
                problems={problems.get(i) ?? []}
                edge={(path) => ({ first: order[0] === path, last: order.at(-1) === path })}
                onChange={(next) => setDraft(draft.map((x, j) => (j === i ? next : x)))}
                onStepSection={(by) => setDraft(stepSection(draft, i, by))}
                onRemove={() => setDraft(removeSection(draft, i))}
                onStepField={(path, by) => setDraft(stepField(draft, path, by))}
                onMoveField={(path, to) => setDraft(moveField(draft, path, to))}
              />
            ))}
            <DragOverlay>
              {dragging && (
                <div className="layout-field-overlay">
                  <Tag color="blue">{label(dragging)}</Tag>
                </div>
              )}
            </DragOverlay>
          </DndContext>
          <Button icon={<PlusOutlined />} onClick={() => setDraft(addSection(draft, newSectionTitles))}>
            {t('layouts.addSection')}
          </Button>
        </Col>
        <Col xs={24} xl={12}>
          <div style={{ position: 'sticky', top: 16 }}>
            <Space wrap style={{ marginBottom: 12 }}>
              <Button type="primary" onClick={() => void submit()} loading={save.isPending} disabled={!dirty}>
                {t('common.save')}
              </Button>
              <Button onClick={() => setDraft(saved)} disabled={!dirty}>
                {t('layouts.discard')}
              </Button>
              <Button
                onClick={reset}
                loading={resetLayout.isPending}
                disabled={!layout.data?.designed}
                title={layout.data?.designed ? undefined : t('layouts.resetNothing')}
              >
                {t('layouts.reset')}
              </Button>
              {dirty && <Tag color="orange">{t('layouts.unsaved')}</Tag>}
            </Space>
            {problems.size > 0 && (
              <Alert type="warning" showIcon title={t('layouts.fixFirst')} style={{ marginBottom: 12 }} />
            )}
            <Card
              size="small"
              title={t('layouts.preview')}
              extra={<Typography.Text type="secondary">{t('layouts.previewHint')}</Typography.Text>}
              aria-label={t('layouts.preview')}
              style={{ maxWidth: widthFor(placed) }}
            >
              <LayoutPreview
                key={object}
                meta={meta}
                sections={placed}
                emptyHint={t('layouts.emptySection')}
              />
            </Card>
          </div>
        </Col>
      </Row>
    </>
  )
}
