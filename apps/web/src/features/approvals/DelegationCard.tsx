import { useEffect } from 'react'
import { App, Button, Card, DatePicker, Form, Popconfirm, Select, Space, Tag, Typography } from 'antd'
import dayjs, { type Dayjs } from 'dayjs'
import { useTranslation } from 'react-i18next'
import { useAuth } from '../../app/auth'
import { ApiError } from '../../shared/api/client'
import { useUsers } from '../../shared/api/lookups'
import { ErrorState, LoadingState } from '../../shared/ui/states'
import { formatTime } from './ApprovalParts'
import { useDelegation, useEndDelegation, useSetDelegation } from './approvals.queries'

type Values = { toUserId?: string; from?: Dayjs; until?: Dayjs }

/** Who decides my approvals while I am away (person, from, until); set or end it. */
export function DelegationCard() {
  const { t } = useTranslation()
  const { me } = useAuth()
  const { message } = App.useApp()
  const [form] = Form.useForm<Values>()
  const users = useUsers()
  const current = useDelegation()
  const save = useSetDelegation()
  const end = useEndDelegation()
  const d = current.data ?? null

  useEffect(() => {
    if (d) form.setFieldsValue({ toUserId: d.toUserId, from: dayjs(d.from), until: dayjs(d.until) })
  }, [d, form])

  if (current.isLoading) return <LoadingState rows={3} />
  if (current.isError) return <ErrorState error={current.error} onRetry={() => void current.refetch()} />

  const submit = async (v: Values) => {
    if (!v.toUserId || !v.from || !v.until) return
    try {
      await save.mutateAsync({
        toUserId: v.toUserId,
        from: v.from.toISOString(),
        until: v.until.toISOString(),
      })
      void message.success(t('approvals.delegation.saved'))
    } catch (e) {
      if (e instanceof ApiError && e.errors.length) {
        const known = ['toUserId', 'from', 'until']
        form.setFields(
          e.errors
            .filter((x) => known.includes(x.path))
            .map((x) => ({ name: x.path as keyof Values, errors: [x.message] })),
        )
        if (!e.errors.some((x) => known.includes(x.path))) void message.error(e.message)
      } else void message.error(t('approvals.failed', { reason: (e as Error).message }))
    }
  }

  return (
    <Card
      title={t('approvals.delegation.title')}
      style={{ maxWidth: 640, marginTop: 16 }}
      data-testid="delegation"
    >
      <Typography.Paragraph type="secondary">{t('approvals.delegation.help')}</Typography.Paragraph>
      {d && (
        <Typography.Paragraph>
          <Space wrap>
            <Tag color={d.active ? 'blue' : 'default'}>
              {t(d.active ? 'approvals.delegation.active' : 'approvals.delegation.scheduled')}
            </Tag>
            {t('approvals.delegation.summary', {
              who: d.toName ?? '—',
              from: formatTime(d.from),
              until: formatTime(d.until),
            })}
          </Space>
        </Typography.Paragraph>
      )}
      <Form<Values>
        form={form}
        layout="vertical"
        onFinish={(v) => void submit(v)}
        initialValues={{ from: dayjs().startOf('minute') }}
      >
        <Form.Item
          name="toUserId"
          label={t('approvals.delegation.person')}
          rules={[{ required: true, message: t('approvals.delegation.personNeeded') }]}
        >
          <Select
            showSearch={{ optionFilterProp: 'label' }}
            options={(users.data?.data ?? [])
              .filter((u) => u.active && u.id !== me?.id)
              .map((u) => ({ value: u.id, label: u.name }))}
          />
        </Form.Item>
        <Space wrap align="start">
          <Form.Item
            name="from"
            label={t('approvals.delegation.from')}
            rules={[{ required: true, message: t('approvals.delegation.dateNeeded') }]}
          >
            <DatePicker showTime={{ format: 'HH:mm' }} format="YYYY-MM-DD HH:mm" />
          </Form.Item>
          <Form.Item
            name="until"
            label={t('approvals.delegation.until')}
            rules={[{ required: true, message: t('approvals.delegation.dateNeeded') }]}
          >
            <DatePicker showTime={{ format: 'HH:mm' }} format="YYYY-MM-DD HH:mm" />
          </Form.Item>
        </Space>
        <Space>
          <Button type="primary" htmlType="submit" loading={save.isPending}>
            {t('approvals.delegation.save')}
          </Button>
          {d && (
            <Popconfirm
              title={t('approvals.delegation.endConfirm')}
              okText={t('approvals.delegation.end')}
              cancelText={t('common.cancel')}
              onConfirm={async () => {
                try {
                  await end.mutateAsync()
                  form.resetFields()
                  void message.success(t('approvals.delegation.ended'))
                } catch (e) {
                  void message.error(t('approvals.failed', { reason: (e as Error).message }))
                }
              }}
            >
              <Button danger loading={end.isPending}>
                {t('approvals.delegation.end')}
              </Button>
            </Popconfirm>
          )}
        </Space>
      </Form>
    </Card>
  )
}
