import { useEffect } from 'react'
import { Form, Input, Modal, Select } from 'antd'
import { useTranslation } from 'react-i18next'
import type { SavedReportCreate } from '@openkam/contract'
import { useTeams } from '../../shared/api/lookups'
import { useRoleOptions, type ReportFieldInfo } from './report-builder.queries'

export type SaveMeta = Pick<SavedReportCreate, 'name' | 'description' | 'dateField' | 'sharedWith'>
type Values = { name: string; description?: string; dateField?: string; roles: string[]; teams: string[] }

/** Name, description, the dashboards' date field and sharing of a report, before it is saved. */
export function SaveReportModal({
  open,
  asNew,
  initial,
  fields,
  saving,
  onSave,
  onCancel,
}: {
  open: boolean
  /** Save as a new report (the title says so). */
  asNew: boolean
  initial: SaveMeta
  fields: ReportFieldInfo[]
  saving: boolean
  onSave: (meta: SaveMeta) => void
  onCancel: () => void
}) {
  const { t } = useTranslation()
  const [form] = Form.useForm<Values>()
  const roles = useRoleOptions()
  const teams = useTeams()
  useEffect(() => {
    if (open)
      form.setFieldsValue({
        name: initial.name,
        description: initial.description ?? undefined,
        dateField: initial.dateField ?? undefined,
        roles: initial.sharedWith?.roles ?? [],
        teams: initial.sharedWith?.teams ?? [],
      })
  }, [open, initial, form])
  const dateFields = fields.filter(
    (f) => (f.kind === 'date' || f.kind === 'datetime') && !f.path.includes('.'),
  )

  return (
    <Modal
      open={open}
      title={asNew ? t('reportBuilder.saveAsTitle') : t('reportBuilder.saveTitle')}
      okText={t('reportBuilder.save')}
      cancelText={t('common.cancel')}
      confirmLoading={saving}
      onCancel={onCancel}
      onOk={() => form.submit()}
      destroyOnHidden
    >
      <Form<Values>
        form={form}
        layout="vertical"
        onFinish={(v) =>
          onSave({
            name: v.name.trim(),
            description: v.description?.trim() || null,
            dateField: v.dateField ?? null,
            sharedWith: { roles: v.roles ?? [], teams: v.teams ?? [] },
          })
        }
      >
        <Form.Item
          name="name"
          label={t('reportBuilder.name')}
          rules={[{ required: true, whitespace: true, message: t('reportBuilder.nameRequired') }]}
        >
          <Input maxLength={200} autoFocus />
        </Form.Item>
        <Form.Item name="description" label={t('reportBuilder.description')}>
          <Input.TextArea maxLength={2000} autoSize={{ minRows: 2, maxRows: 5 }} />
        </Form.Item>
        <Form.Item
          name="dateField"
          label={t('reportBuilder.dateField')}
          extra={t('reportBuilder.dateFieldHelp')}
        >
          <Select
            allowClear
            placeholder={t('reportBuilder.createdAt')}
            options={dateFields.map((f) => ({ value: f.path, label: f.label }))}
          />
        </Form.Item>
        <Form.Item name="roles" label={t('reportBuilder.shareRoles')}>
          <Select
            mode="multiple"
            loading={roles.isLoading}
            options={(roles.data?.data ?? []).map((r) => ({ value: r.key, label: r.name }))}
            showSearch={{ optionFilterProp: 'label' }}
          />
        </Form.Item>
        <Form.Item name="teams" label={t('reportBuilder.shareTeams')}>
          <Select
            mode="multiple"
            loading={teams.isLoading}
            options={(teams.data?.data ?? []).map((r) => ({ value: r.id, label: r.name }))}
            showSearch={{ optionFilterProp: 'label' }}
          />
        </Form.Item>
      </Form>
    </Modal>
  )
}
