import { useEffect, useState } from 'react'
import { Alert, Form, Modal, Select } from 'antd'
import { useTranslation } from 'react-i18next'
import type { SharedWith } from '@openkam/contract'
import { useTeams } from '../../shared/api/lookups'
import { useRoles } from './dashboards.queries'

/** The role key that shares with everyone in the workspace. */
export const EVERYONE = '*'

/** Chooses the roles and teams a dashboard is shared with (read-only for them). */
export function ShareDialog({
  open,
  name,
  value,
  saving,
  error,
  onSave,
  onClose,
}: {
  open: boolean
  name: string
  value: SharedWith
  saving: boolean
  error: string | null
  onSave: (v: SharedWith) => void
  onClose: () => void
}) {
  const { t } = useTranslation()
  const roles = useRoles()
  const teams = useTeams()
  const [draft, setDraft] = useState<SharedWith>(value)
  useEffect(() => {
    if (open) setDraft(value)
  }, [open, value])
  return (
    <Modal
      open={open}
      title={t('dashboards.share.title', { name })}
      okText={t('common.save')}
      cancelText={t('common.cancel')}
      confirmLoading={saving}
      onCancel={onClose}
      onOk={() => onSave(draft)}
    >
      {error && <Alert type="error" showIcon role="alert" title={error} style={{ marginBottom: 12 }} />}
      <Form layout="vertical">
        <Form.Item
          label={t('dashboards.share.roles')}
          extra={t('dashboards.share.rolesHelp')}
          htmlFor="share-roles"
        >
          <Select
            id="share-roles"
            mode="multiple"
            allowClear
            loading={roles.isLoading}
            value={draft.roles}
            onChange={(v) => setDraft({ ...draft, roles: v })}
            optionFilterProp="label"
            options={[
              { value: EVERYONE, label: t('dashboards.share.everyone') },
              ...(roles.data?.data ?? []).map((r) => ({
                value: r.key,
                label: t(`enums.role.${r.key}`, { defaultValue: r.name }),
              })),
            ]}
          />
        </Form.Item>
        <Form.Item
          label={t('dashboards.share.teams')}
          extra={t('dashboards.share.teamsHelp')}
          htmlFor="share-teams"
        >
          <Select
            id="share-teams"
            mode="multiple"
            allowClear
            loading={teams.isLoading}
            value={draft.teams}
            onChange={(v) => setDraft({ ...draft, teams: v })}
            optionFilterProp="label"
            options={(teams.data?.data ?? []).map((x) => ({ value: x.id, label: x.name }))}
          />
        </Form.Item>
      </Form>
    </Modal>
  )
}
