import { useMemo, useState } from 'react'
import { Alert, App, Button, Modal, Select, Table, Typography } from 'antd'
import { PlayCircleOutlined } from '@ant-design/icons'
import { useMutation, useQueryClient } from '@tanstack/react-query'
import type { RuleEntity } from '@openkam/contract'
import { useTranslation } from 'react-i18next'
import { can, useAuth } from '../../app/auth'
import { post } from '../../shared/api/client'
import { useUsers } from '../../shared/api/lookups'
import { usePlaybooks } from './automation.queries'
import { recipientLabel } from './RecipientPicker'

/** "Start playbook" on a record: choose a playbook, see its steps, create its tasks for the record. */
export function StartPlaybookButton({
  relatedType,
  relatedId,
  onStarted,
}: {
  relatedType: RuleEntity
  relatedId: string
  onStarted?: () => void
}) {
  const { t } = useTranslation()
  const { me } = useAuth()
  const { message } = App.useApp()
  const qc = useQueryClient()
  const [open, setOpen] = useState(false)
  const [playbookId, setPlaybookId] = useState<string>()
  const playbooks = usePlaybooks(open)
  const users = useUsers()
  const names = useMemo(
    () => Object.fromEntries((users.data?.data ?? []).map((u) => [u.id, u.name])),
    [users.data],
  )
  const start = useMutation({
    mutationFn: (id: string) =>
      post<{ taskIds: string[] }>(`/playbooks/${id}/start`, { relatedType, relatedId }),
    onSuccess: (res) => {
      void message.success(t('playbooks.started', { count: res.taskIds.length }))
      void qc.invalidateQueries({ queryKey: ['360'] })
      void qc.invalidateQueries({ queryKey: ['tasks'] })
      onStarted?.()
      setOpen(false)
      setPlaybookId(undefined)
    },
  })
  if (!can(me, 'playbooks', 'read')) return null
  const chosen = playbooks.data?.data.find((p) => p.id === playbookId)
  return (
    <>
      <Button icon={<PlayCircleOutlined />} onClick={() => setOpen(true)}>
        {t('playbooks.start')}
      </Button>
      <Modal
        open={open}
        title={t('playbooks.start')}
        okText={t('playbooks.startOk')}
        cancelText={t('common.cancel')}
        okButtonProps={{ disabled: !playbookId }}
        confirmLoading={start.isPending}
        onOk={() => playbookId && start.mutate(playbookId)}
        onCancel={() => {
          setOpen(false)
          start.reset()
        }}
        destroyOnHidden
      >
        <label htmlFor="start-playbook" style={{ display: 'block', marginBottom: 4 }}>
          {t('automation.playbook')}
        </label>
        <Select
          id="start-playbook"
          style={{ width: '100%' }}
          showSearch={{ optionFilterProp: 'label' }}
          loading={playbooks.isLoading}
          placeholder={t('automation.choosePlaybook')}
          notFoundContent={playbooks.isError ? t('common.errorTitle') : t('playbooks.empty')}
          value={playbookId}
          onChange={(v: string) => setPlaybookId(v)}
          options={(playbooks.data?.data ?? []).map((p) => ({ value: p.id, label: p.name }))}
        />
        {chosen && (
          <>
            {chosen.description && (
              <Typography.Paragraph type="secondary" style={{ marginTop: 12 }}>
                {chosen.description}
              </Typography.Paragraph>
            )}
            <Table
              size="small"
              style={{ marginTop: 12 }}
              rowKey="n"
              pagination={false}
              dataSource={chosen.steps.map((s, n) => ({ ...s, n }))}
              columns={[
                { title: t('playbooks.stepTitle'), dataIndex: 'title' },
                {
                  title: t('automation.assignee'),
                  key: 'assignee',
                  render: (_, s) => recipientLabel(s.assignee, t, names),
                },
                {
                  title: t('playbooks.due'),
                  dataIndex: 'dueInDays',
                  render: (v: number) => t('playbooks.inDays', { count: v }),
                },
              ]}
            />
          </>
        )}
        {start.isError && (
          <Alert
            type="error"
            showIcon
            style={{ marginTop: 12 }}
            title={start.error instanceof Error ? start.error.message : String(start.error)}
          />
        )}
      </Modal>
    </>
  )
}
