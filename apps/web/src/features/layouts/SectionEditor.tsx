import type { ReactNode } from 'react'
import { Button, Card, Input, Segmented, Select, Space, Tag, Tooltip, Typography } from 'antd'
import { ArrowDownOutlined, ArrowUpOutlined, DeleteOutlined, HolderOutlined } from '@ant-design/icons'
import { useDroppable } from '@dnd-kit/core'
import { SortableContext, useSortable, verticalListSortingStrategy } from '@dnd-kit/sortable'
import { CSS } from '@dnd-kit/utilities'
import type { LayoutCondition } from '@openkam/contract'
import { useTranslation } from 'react-i18next'
import { fieldOf, labelOf, type CollectionMeta } from '../records/meta'
import { ConditionEditor } from './ConditionEditor'
import { titleIn, type DraftSection, type Lang } from './layout-draft'

/** The droppable id of a section's field list (fields are identified by their paths). */
export const sectionDropId = (id: string) => `section:${id}`

type FieldRowProps = {
  path: string
  label: string
  type: ReactNode
  sections: { id: string; title: string }[]
  sectionId: string
  first: boolean
  last: boolean
  onStep: (by: -1 | 1) => void
  onMoveTo: (section: string) => void
}

/** One field in the designer: drag it by its handle, or move it with the buttons and the section menu. */
function FieldRow(p: FieldRowProps) {
  const { t } = useTranslation()
  const { attributes, listeners, setNodeRef, setActivatorNodeRef, transform, transition, isDragging } =
    useSortable({ id: p.path })
  return (
    <li
      ref={setNodeRef}
      className="layout-field"
      data-field={p.path}
      style={{
        transform: CSS.Translate.toString(transform),
        transition,
        opacity: isDragging ? 0.4 : 1,
        display: 'flex',
        alignItems: 'center',
        gap: 6,
        padding: '2px 6px',
        border: '1px solid var(--ant-color-border-secondary, #f0f0f0)',
        borderRadius: 6,
        background: 'var(--ant-color-bg-container, #fff)',
        marginBottom: 4,
      }}
    >
      <Button
        type="text"
        size="small"
        ref={setActivatorNodeRef}
        icon={<HolderOutlined />}
        aria-label={t('layouts.dragField', { field: p.label })}
        style={{ cursor: 'grab', touchAction: 'none' }}
        {...attributes}
        {...listeners}
      />
      <Typography.Text ellipsis style={{ flex: 1, minWidth: 0 }}>
        {p.label}
      </Typography.Text>
      {p.type}
      <Tooltip title={t('layouts.moveUp')}>
        <Button
          type="text"
          size="small"
          icon={<ArrowUpOutlined />}
          disabled={p.first}
          aria-label={t('layouts.moveFieldUp', { field: p.label })}
          onClick={() => p.onStep(-1)}
        />
      </Tooltip>
      <Tooltip title={t('layouts.moveDown')}>
        <Button
          type="text"
          size="small"
          icon={<ArrowDownOutlined />}
          disabled={p.last}
          aria-label={t('layouts.moveFieldDown', { field: p.label })}
          onClick={() => p.onStep(1)}
        />
      </Tooltip>
      <Select
        size="small"
        variant="borderless"
        style={{ width: 130 }}
        aria-label={t('layouts.sectionOf', { field: p.label })}
        value={p.sectionId}
        onChange={p.onMoveTo}
        options={p.sections.map((s) => ({ value: s.id, label: s.title }))}
      />
    </li>
  )
}

type Props = {
  meta: CollectionMeta
  section: DraftSection
  index: number
  count: number
  lang: Lang
  all: { id: string; title: string }[]
  problems: ('title' | 'value')[]
  /** Whether a field is the first or the last of the whole layout (its up / down buttons do nothing). */
  edge: (path: string) => { first: boolean; last: boolean }
  onChange: (s: DraftSection) => void
  onStepSection: (by: -1 | 1) => void
  onRemove: () => void
  onStepField: (path: string, by: -1 | 1) => void
  onMoveField: (path: string, to: string) => void
}

/** One section of the designer: its titles, columns, condition and fields. */
export function SectionEditor(p: Props) {
  const { t } = useTranslation()
  const { section: s } = p
  const { setNodeRef, isOver } = useDroppable({ id: sectionDropId(s.id) })
  const title = titleIn(s, p.lang) || t('layouts.untitled')
  const typeTag = (path: string) => {
    const f = fieldOf(p.meta, path)
    return f?.custom ? <Tag style={{ marginInlineEnd: 0 }}>{t('layouts.customTag')}</Tag> : null
  }
  return (
    <Card
      size="small"
      data-section-editor={s.id}
      title={
        <Space>
          <Typography.Text strong>{title}</Typography.Text>
          <Typography.Text type="secondary" style={{ fontWeight: 'normal' }}>
            {t('layouts.fieldCount', { count: s.fields.length })}
          </Typography.Text>
        </Space>
      }
      extra={
        <Space size={0}>
          <Button
            type="text"
            size="small"
            icon={<ArrowUpOutlined />}
            disabled={p.index === 0}
            aria-label={t('layouts.moveSectionUp', { section: title })}
            onClick={() => p.onStepSection(-1)}
          />
          <Button
            type="text"
            size="small"
            icon={<ArrowDownOutlined />}
            disabled={p.index === p.count - 1}
            aria-label={t('layouts.moveSectionDown', { section: title })}
            onClick={() => p.onStepSection(1)}
          />
          <Button
            type="text"
            size="small"
            danger
            icon={<DeleteOutlined />}
            disabled={p.count < 2}
            aria-label={t('layouts.removeSection', { section: title })}
            onClick={p.onRemove}
          />
        </Space>
      }
      style={{ marginBottom: 12 }}
    >
      <Space wrap size={[12, 8]} style={{ marginBottom: 8 }}>
        <Input
          prefix={
            <Typography.Text type="secondary" data-walk-exempt>
              EN
            </Typography.Text>
          }
          aria-label={t('layouts.titleEn', { index: p.index + 1 })}
          status={p.problems.includes('title') ? 'error' : undefined}
          value={s.titles.en}
          maxLength={100}
          style={{ width: 220 }}
          onChange={(e) => p.onChange({ ...s, titles: { ...s.titles, en: e.target.value } })}
        />
        <Input
          prefix={
            <Typography.Text type="secondary" data-walk-exempt>
              中文
            </Typography.Text>
          }
          aria-label={t('layouts.titleZh', { index: p.index + 1 })}
          status={p.problems.includes('title') ? 'error' : undefined}
          value={s.titles['zh-CN']}
          maxLength={100}
          style={{ width: 220 }}
          onChange={(e) => p.onChange({ ...s, titles: { ...s.titles, 'zh-CN': e.target.value } })}
        />
        <Space size={6}>
          <Typography.Text id={`cols-${s.id}`}>{t('layouts.columns')}</Typography.Text>
          <Segmented
            aria-labelledby={`cols-${s.id}`}
            size="small"
            value={s.columns}
            options={[1, 2, 3].map((n) => ({ value: n, label: String(n) }))}
            onChange={(n) => p.onChange({ ...s, columns: Number(n) })}
          />
        </Space>
      </Space>
      {p.problems.includes('title') && (
        <Typography.Paragraph type="danger" style={{ marginBottom: 8 }}>
          {t('layouts.titleNeeded')}
        </Typography.Paragraph>
      )}
      <div style={{ marginBottom: 8 }}>
        <ConditionEditor
          meta={p.meta}
          own={s.fields}
          value={s.visibleWhen}
          sectionTitle={title}
          invalid={p.problems.includes('value')}
          onChange={(c: LayoutCondition | undefined) => {
            const { visibleWhen: _old, ...rest } = s
            p.onChange(c ? { ...rest, visibleWhen: c } : rest)
          }}
        />
      </div>
      <SortableContext id={s.id} items={s.fields} strategy={verticalListSortingStrategy}>
        <ul
          ref={setNodeRef}
          aria-label={t('layouts.fieldsOf', { section: title })}
          style={{
            listStyle: 'none',
            margin: 0,
            padding: 6,
            minHeight: 44,
            borderRadius: 6,
            border: `1px dashed ${isOver ? 'var(--ant-color-primary, #1677ff)' : 'var(--ant-color-border, #d9d9d9)'}`,
          }}
        >
          {s.fields.map((path) => {
            const f = fieldOf(p.meta, path)
            const edge = p.edge(path)
            return (
              <FieldRow
                key={path}
                path={path}
                label={f ? labelOf(f, t) : path}
                type={typeTag(path)}
                sections={p.all}
                sectionId={s.id}
                first={edge.first}
                last={edge.last}
                onStep={(by) => p.onStepField(path, by)}
                onMoveTo={(to) => p.onMoveField(path, to)}
              />
            )
          })}
          {!s.fields.length && <Typography.Text type="secondary">{t('layouts.dropHere')}</Typography.Text>}
        </ul>
      </SortableContext>
    </Card>
  )
}
