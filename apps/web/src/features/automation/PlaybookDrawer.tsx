import { useState } from 'react'
import {
  Alert,
  App,
  Button,
  Card,
  Col,
  Drawer,
  Form,
  Input,
  InputNumber,
  Row,
  Select,
  Space,
  Typography,
  type FormInstance,
} from 'antd'
import { ArrowDownOutlined, ArrowUpOutlined, DeleteOutlined, PlusOutlined } from '@ant-design/icons'
import { useQueryClient } from '@tanstack/react-query'
import { PlaybookCreate, PlaybookUpdate, ticketPriorities, type Recipient } from '@openkam/contract'
import { useTranslation } from 'react-i18next'
import { ApiError, patch, post } from '../../shared/api/client'
import { automationKeys, type Playbook } from './automation.queries'
import { RecipientPicker } from './RecipientPicker'

type Step = {
  title: string
  description?: string
  assignee?: Recipient
  dueInDays: number
  priority: (typeof ticketPriorities)[number]
}
type Values = { name: string; description?: string; steps: Step[] }
type FieldName = NonNullable<Parameters<FormInstance<Values>['setFields']>[0][number]['name']>

const newStep = (): Step => ({ title: '', assignee: { kind: 'owner' }, dueInDays: 3, priority: 'normal' })
const valuesOf = (p: Playbook | null): Values =>
  p
    ? {
        name: p.name,
        description: p.description ?? '',
        steps: p.steps.map((s) => ({ ...s, description: s.description ?? '' })),
      }
    : { name: '', description: '', steps: [newStep()] }
/** `steps.0.title` → ['steps', 0, 'title'], the form's name of that input. */
const nameOf = (path: string) =>
  path.split('.').map((x) => (/^\d+$/.test(x) ? Number(x) : x)) as unknown as FieldName

/** Create or edit a playbook in a drawer: its steps with assignee, due in days and priority, in order. */
export function PlaybookDrawer({ playbook, onClose }: { playbook: Playbook | null; onClose: () => void }) {
  const { t } = useTranslation()
  const { message, modal } = App.useApp()
  const qc = useQueryClient()
  const [form] = Form.useForm<Values>()
  const [base, setBase] = useState(playbook)
  const [busy, setBusy] = useState(false)
  const [problem, setProblem] = useState<string | null>(null)

  /** Puts each issue under its input; returns the ones no input shows. */
  const place = (issues: { path: string; message: string }[]) => {
    const known = ['name', 'description', 'steps']
    form.setFields(
      issues
        .filter((i) => known.includes(i.path.split('.')[0]!) && i.path !== 'steps')
        .map((i) => ({ name: nameOf(i.path), errors: [i.message] })),
    )
    const rest = issues.filter((i) => !known.includes(i.path.split('.')[0]!) || i.path === 'steps')
    setProblem(
      rest.length ? rest.map((i) => (i.path ? `${i.path}: ${i.message}` : i.message)).join('; ') : null,
    )
  }

  const submit = async () => {
    const v = form.getFieldsValue(true) as Values
    const steps = (v.steps ?? []).map((s) => ({
      title: s.title ?? '',
      ...(s.description ? { description: s.description } : {}),
      assignee: s.assignee,
      dueInDays: s.dueInDays ?? 0,
      priority: s.priority ?? 'normal',
    }))
    const body = base
      ? { version: base.version, name: v.name, description: v.description || null, steps }
      : { name: v.name, ...(v.description ? { description: v.description } : {}), steps }
    const checked = (base ? PlaybookUpdate : PlaybookCreate).safeParse(body)
    if (!checked.success)
      return place(checked.error.issues.map((i) => ({ path: i.path.join('.'), message: i.message })))
    setProblem(null)
    setBusy(true)
    try {
      if (base) await patch<Playbook>(`/playbooks/${base.id}`, body)
      else await post<Playbook>('/playbooks', body)
      void message.success(base ? t('common.saved') : t('common.created'))
      await qc.invalidateQueries({ queryKey: automationKeys.playbooks })
      onClose()
    } catch (e) {
      if (e instanceof ApiError && e.status === 409 && e.body.current) {
        const current = e.body.current as Playbook
        setBase(current)
        form.setFieldsValue(valuesOf(current))
        modal.warning({ title: t('common.conflictTitle'), content: t('playbooks.conflictBody') })
      } else if (e instanceof ApiError && e.errors.length) place(e.errors)
      else setProblem(e instanceof Error ? e.message : String(e))
    } finally {
      setBusy(false)
    }
  }

  return (
    <Drawer
      open
      onClose={onClose}
      size={640}
      title={base ? t('playbooks.edit', { name: base.name }) : t('playbooks.new')}
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
      {problem && <Alert type="error" showIcon title={problem} style={{ marginBottom: 16 }} />}
      <Form
        form={form}
        layout="vertical"
        requiredMark={false}
        initialValues={valuesOf(playbook)}
        onFinish={() => void submit()}
      >
        <Form.Item
          name="name"
          label={t('fields.name')}
          rules={[{ required: true, whitespace: true, message: t('settings.required') }]}
        >
          <Input maxLength={200} />
        </Form.Item>
        <Form.Item name="description" label={t('fields.description')}>
          <Input.TextArea maxLength={2000} autoSize={{ minRows: 2, maxRows: 4 }} />
        </Form.Item>
        <Typography.Title level={5}>{t('playbooks.steps')}</Typography.Title>
        <Form.List name="steps">
          {(fields, { add, remove, move }) => (
            <>
              {fields.map((f, i) => (
                <Card
                  key={f.key}
                  size="small"
                  style={{ marginBottom: 12 }}
                  title={t('playbooks.stepN', { n: i + 1 })}
                  extra={
                    <Space size={0}>
                      <Button
                        type="text"
                        size="small"
                        icon={<ArrowUpOutlined />}
                        disabled={i === 0}
                        onClick={() => move(i, i - 1)}
                        aria-label={t('playbooks.moveUp', { n: i + 1 })}
                        title={t('playbooks.moveUp', { n: i + 1 })}
                      />
                      <Button
                        type="text"
                        size="small"
                        icon={<ArrowDownOutlined />}
                        disabled={i === fields.length - 1}
                        onClick={() => move(i, i + 1)}
                        aria-label={t('playbooks.moveDown', { n: i + 1 })}
                        title={t('playbooks.moveDown', { n: i + 1 })}
                      />
                      <Button
                        type="text"
                        size="small"
                        danger
                        icon={<DeleteOutlined />}
                        disabled={fields.length === 1}
                        onClick={() => remove(i)}
                        aria-label={t('playbooks.removeStep', { n: i + 1 })}
                        title={t('playbooks.removeStep', { n: i + 1 })}
                      />
                    </Space>
                  }
                >
                  <Form.Item
                    name={[f.name, 'title']}
                    label={t('playbooks.stepTitle')}
                    rules={[{ required: true, whitespace: true, message: t('settings.required') }]}
                  >
                    <Input maxLength={300} placeholder={t('playbooks.stepTitlePlaceholder')} />
                  </Form.Item>
                  <Row gutter={12}>
                    <Col xs={24} md={10}>
                      <Form.Item name={[f.name, 'assignee']} label={t('automation.assignee')}>
                        <RecipientPicker />
                      </Form.Item>
                    </Col>
                    <Col xs={12} md={7}>
                      <Form.Item name={[f.name, 'dueInDays']} label={t('playbooks.dueAfterStart')}>
                        <InputNumber
                          min={0}
                          max={3650}
                          step={1}
                          style={{ width: '100%' }}
                          suffix={t('automation.days')}
                        />
                      </Form.Item>
                    </Col>
                    <Col xs={12} md={7}>
                      <Form.Item name={[f.name, 'priority']} label={t('fields.priority')}>
                        <Select
                          options={ticketPriorities.map((x) => ({
                            value: x,
                            label: t(`enums.priority.${x}`),
                          }))}
                        />
                      </Form.Item>
                    </Col>
                  </Row>
                  <Form.Item
                    name={[f.name, 'description']}
                    label={t('fields.description')}
                    style={{ marginBottom: 0 }}
                  >
                    <Input.TextArea maxLength={5000} autoSize={{ minRows: 1, maxRows: 4 }} />
                  </Form.Item>
                </Card>
              ))}
              <Button icon={<PlusOutlined />} onClick={() => add(newStep())} disabled={fields.length >= 50}>
                {t('playbooks.addStep')}
              </Button>
            </>
          )}
        </Form.List>
        <button type="submit" hidden aria-hidden tabIndex={-1} />
      </Form>
    </Drawer>
  )
}
