import { useContext } from 'react'
import { Alert, Button, Card, Dropdown, Space, Typography } from 'antd'
import {
  ArrowDownOutlined,
  ArrowUpOutlined,
  DeleteOutlined,
  DownOutlined,
  PlusOutlined,
} from '@ant-design/icons'
import { actionTypes } from '@openkam/contract'
import { useTranslation } from 'react-i18next'
import { ApprovalForm, NotifyForm, PlaybookForm, TaskForm, WebhookForm } from './ActionForms'
import { ErrorsContext } from './Labeled'
import { AssignOwnerForm, UpdateFieldsForm } from './RecordActionForms'
import { newAction, newKey, type ActionCard, type ActionDraft, type ActionType } from './rule-draft'

function ActionForm({
  action,
  path,
  entity,
  onChange,
}: {
  action: ActionDraft
  path: string
  entity?: string
  onChange: (a: ActionDraft) => void
}) {
  switch (action.type) {
    case 'create_task':
      return <TaskForm action={action} path={path} entity={entity} onChange={onChange} />
    case 'notify':
      return <NotifyForm action={action} path={path} entity={entity} onChange={onChange} />
    case 'update_fields':
      return <UpdateFieldsForm action={action} path={path} entity={entity} onChange={onChange} />
    case 'assign_owner':
      return <AssignOwnerForm action={action} path={path} entity={entity} onChange={onChange} />
    case 'call_webhook':
      return <WebhookForm action={action} path={path} entity={entity} onChange={onChange} />
    case 'start_playbook':
      return <PlaybookForm action={action} path={path} entity={entity} onChange={onChange} />
    case 'start_approval':
      return <ApprovalForm action={action} path={path} entity={entity} onChange={onChange} />
  }
}

/** Errors about an action as a whole (e.g. `actions.2` or its type), which no input shows. */
function CardErrors({ path }: { path: string }) {
  const errors = useContext(ErrorsContext)
  const own = [...(errors[path] ?? []), ...(errors[`${path}.type`] ?? [])]
  if (!own.length) return null
  return <Alert type="error" showIcon title={own.join('; ')} style={{ marginTop: 8 }} />
}

/** The ordered actions of a rule, one card each: add, remove, move up and down. */
export function ActionsSection({
  actions,
  onChange,
  entity,
}: {
  actions: ActionCard[]
  onChange: (a: ActionCard[]) => void
  entity?: string
}) {
  const { t } = useTranslation()
  const topErrors = useContext(ErrorsContext).actions?.length
  const move = (i: number, by: -1 | 1) => {
    const next = [...actions]
    const [x] = next.splice(i, 1)
    next.splice(i + by, 0, x!)
    onChange(next)
  }
  const add = (type: ActionType) => onChange([...actions, { key: newKey(), action: newAction(type) }])
  return (
    <>
      {actions.length === 0 && (
        <Typography.Paragraph type={topErrors ? 'danger' : 'secondary'}>
          {t('automation.noActions')}
        </Typography.Paragraph>
      )}
      {actions.map((card, i) => {
        const path = `actions.${i}`
        const label = t(`automation.actionTypes.${card.action.type}`)
        return (
          <Card
            key={card.key}
            size="small"
            style={{ marginBottom: 12 }}
            title={
              <Space>
                <Typography.Text type="secondary">{i + 1}.</Typography.Text>
                {label}
              </Space>
            }
            extra={
              <Space size={0}>
                <Button
                  type="text"
                  size="small"
                  icon={<ArrowUpOutlined />}
                  disabled={i === 0}
                  onClick={() => move(i, -1)}
                  aria-label={t('automation.moveUp', { name: label })}
                  title={t('automation.moveUp', { name: label })}
                />
                <Button
                  type="text"
                  size="small"
                  icon={<ArrowDownOutlined />}
                  disabled={i === actions.length - 1}
                  onClick={() => move(i, 1)}
                  aria-label={t('automation.moveDown', { name: label })}
                  title={t('automation.moveDown', { name: label })}
                />
                <Button
                  type="text"
                  size="small"
                  danger
                  icon={<DeleteOutlined />}
                  onClick={() => onChange(actions.filter((_, j) => j !== i))}
                  aria-label={t('automation.removeAction', { name: label })}
                  title={t('automation.removeAction', { name: label })}
                />
              </Space>
            }
          >
            <ActionForm
              action={card.action}
              path={path}
              entity={entity}
              onChange={(action) => onChange(actions.map((x, j) => (j === i ? { ...x, action } : x)))}
            />
            <CardErrors path={path} />
          </Card>
        )
      })}
      <Dropdown
        trigger={['click']}
        menu={{
          items: actionTypes.map((type) => ({ key: type, label: t(`automation.actionTypes.${type}`) })),
          onClick: (e) => add(e.key as ActionType),
        }}
      >
        <Button icon={<PlusOutlined />} disabled={actions.length >= 20}>
          {t('automation.addAction')} <DownOutlined />
        </Button>
      </Dropdown>
    </>
  )
}
