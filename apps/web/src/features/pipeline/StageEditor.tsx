import { Button, Card, Checkbox, Form, Input, InputNumber, Select, Space, Typography } from 'antd'
import { ArrowDownOutlined, ArrowUpOutlined, DeleteOutlined, PlusOutlined } from '@ant-design/icons'
import { opportunityStages, ticketPriorities } from '@openkam/contract'
import { useTranslation } from 'react-i18next'
import { RecipientPicker } from '../automation/RecipientPicker'

/** One stage of a pipeline in the settings form: key, name, probability, goals, waivers, deliverables, tasks. */
export function StageEditor({
  name,
  index,
  count,
  editable,
  roleOptions,
  onMove,
  onRemove,
}: {
  /** The stage's name in the form's `stages` list. */
  name: number
  index: number
  count: number
  editable: boolean
  roleOptions: { value: string; label: string }[]
  onMove: (to: number) => void
  onRemove: () => void
}) {
  const { t } = useTranslation()
  const stageOptions = opportunityStages.map((s) => ({ value: s, label: t(`enums.stage.${s}`) }))
  return (
    <Card
      size="small"
      style={{ marginBottom: 12 }}
      title={t('gate.settings.stageN', { n: index + 1 })}
      extra={
        editable && (
          <Space size={0}>
            <Button
              type="text"
              icon={<ArrowUpOutlined />}
              aria-label={t('gate.settings.up')}
              disabled={index === 0}
              onClick={() => onMove(index - 1)}
            />
            <Button
              type="text"
              icon={<ArrowDownOutlined />}
              aria-label={t('gate.settings.down')}
              disabled={index === count - 1}
              onClick={() => onMove(index + 1)}
            />
            <Button
              type="text"
              danger
              icon={<DeleteOutlined />}
              aria-label={t('gate.settings.removeStage')}
              disabled={count === 1}
              onClick={onRemove}
            />
          </Space>
        )
      }
    >
      <Space align="start" wrap>
        <Form.Item name={[name, 'key']} label={t('gate.settings.stageKey')} rules={[{ required: true }]}>
          <Select style={{ width: 200 }} options={stageOptions} />
        </Form.Item>
        <Form.Item
          name={[name, 'name']}
          label={t('gate.settings.stageName')}
          rules={[{ required: true, whitespace: true }]}
        >
          <Input style={{ width: 260 }} maxLength={100} />
        </Form.Item>
        <Form.Item
          name={[name, 'probability']}
          label={t('gate.settings.probability')}
          rules={[{ required: true }]}
        >
          <InputNumber min={0} max={100} suffix="%" style={{ width: 110 }} />
        </Form.Item>
      </Space>
      <Form.Item name={[name, 'goals']} label={t('gate.settings.goals')}>
        <Input.TextArea autoSize={{ minRows: 1, maxRows: 4 }} maxLength={2000} />
      </Form.Item>
      <Form.Item
        name={[name, 'waiverRoles']}
        label={t('gate.settings.waiverRoles')}
        extra={t('gate.settings.waiverRolesHelp')}
      >
        <Select mode="multiple" options={roleOptions} />
      </Form.Item>
      <Typography.Text strong>{t('gate.settings.deliverables')}</Typography.Text>
      <Form.List name={[name, 'deliverables']}>
        {(items, ops) => (
          <div style={{ margin: '6px 0 12px' }}>
            {items.map((d) => (
              <Space key={d.key} align="start" wrap style={{ display: 'flex' }}>
                <Form.Item
                  name={[d.name, 'key']}
                  rules={[
                    {
                      required: true,
                      pattern: /^[a-z][a-z0-9_]{1,59}$/,
                      message: t('gate.settings.keyRule'),
                    },
                  ]}
                >
                  <Input
                    placeholder={t('gate.settings.deliverableKey')}
                    aria-label={t('gate.settings.deliverableKey')}
                    style={{ width: 220 }}
                  />
                </Form.Item>
                <Form.Item name={[d.name, 'label']} rules={[{ required: true, whitespace: true }]}>
                  <Input
                    placeholder={t('gate.settings.deliverableLabel')}
                    aria-label={t('gate.settings.deliverableLabel')}
                    style={{ width: 280 }}
                  />
                </Form.Item>
                <Form.Item name={[d.name, 'required']} valuePropName="checked" initialValue>
                  <Checkbox>{t('gate.settings.required')}</Checkbox>
                </Form.Item>
                <Button
                  type="text"
                  danger
                  icon={<DeleteOutlined />}
                  aria-label={t('common.delete')}
                  onClick={() => ops.remove(d.name)}
                />
              </Space>
            ))}
            <Button
              size="small"
              icon={<PlusOutlined />}
              onClick={() => ops.add({ key: '', label: '', required: true })}
            >
              {t('gate.settings.addDeliverable')}
            </Button>
          </div>
        )}
      </Form.List>
      <Typography.Text strong>{t('gate.settings.tasks')}</Typography.Text>
      <Typography.Paragraph type="secondary" style={{ fontSize: 13, margin: 0 }}>
        {t('gate.settings.tasksHelp')}
      </Typography.Paragraph>
      <Form.List name={[name, 'tasks']}>
        {(items, ops) => (
          <div style={{ margin: '6px 0 0' }}>
            {items.map((d) => (
              <Space key={d.key} align="start" wrap style={{ display: 'flex' }}>
                <Form.Item name={[d.name, 'title']} rules={[{ required: true, whitespace: true }]}>
                  <Input
                    placeholder={t('gate.settings.taskTitle')}
                    aria-label={t('gate.settings.taskTitle')}
                    style={{ width: 320 }}
                    maxLength={300}
                  />
                </Form.Item>
                <Form.Item name={[d.name, 'assignee']} rules={[{ required: true }]}>
                  <RecipientPicker aria-label={t('gate.settings.assignee')} style={{ width: 200 }} />
                </Form.Item>
                <Form.Item name={[d.name, 'dueInDays']}>
                  <InputNumber
                    min={0}
                    max={3650}
                    placeholder={t('gate.settings.dueInDays')}
                    aria-label={t('gate.settings.dueInDays')}
                    style={{ width: 130 }}
                  />
                </Form.Item>
                <Form.Item name={[d.name, 'priority']} initialValue="normal">
                  <Select
                    aria-label={t('fields.priority')}
                    style={{ width: 110 }}
                    options={ticketPriorities.map((p) => ({
                      value: p,
                      label: t(`enums.priority.${p}`, { defaultValue: p }),
                    }))}
                  />
                </Form.Item>
                <Button
                  type="text"
                  danger
                  icon={<DeleteOutlined />}
                  aria-label={t('common.delete')}
                  onClick={() => ops.remove(d.name)}
                />
              </Space>
            ))}
            <Button
              size="small"
              icon={<PlusOutlined />}
              onClick={() => ops.add({ title: '', assignee: { kind: 'owner' }, priority: 'normal' })}
            >
              {t('gate.settings.addTask')}
            </Button>
          </div>
        )}
      </Form.List>
    </Card>
  )
}
