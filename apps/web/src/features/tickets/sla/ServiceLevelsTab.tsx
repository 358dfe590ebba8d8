import { useEffect, useState } from 'react'
import { Alert, App, Button, Card, Flex, Form, Input, Space, Switch, Table, Typography } from 'antd'
import { useQueryClient } from '@tanstack/react-query'
import { useTranslation } from 'react-i18next'
import { Link } from 'react-router'
import type { CalendarDay, WorkingHours } from '@openkam/contract'
import { useAuth } from '../../../app/auth'
import { api } from '../../../shared/api/client'
import { ErrorState, LoadingState } from '../../../shared/ui/states'
import { applyApiError, isAdmin } from '../../settings/common'
import { fetchPreset, slaKeys, useBusinessCalendar, type BusinessCalendar } from './sla.queries'

type Values = {
  timeZone: string
  week: { worked: boolean; start: string; end: string }[]
  extraDayHours: WorkingHours
  holidays: CalendarDay[]
  workdays: CalendarDay[]
}
const days = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const

const toValues = (c: BusinessCalendar): Values => ({
  timeZone: c.timeZone,
  week: c.week.map((h) => ({ worked: !!h, start: h?.start ?? '09:00', end: h?.end ?? '18:00' })),
  extraDayHours: c.extraDayHours,
  holidays: c.holidays,
  workdays: c.workdays,
})

/** Merges a preset's days into a list: the list's own entries win, sorted by date. */
const merge = (mine: CalendarDay[], theirs: CalendarDay[]) => {
  const byDate = new Map(theirs.map((d) => [d.date, d]))
  for (const d of mine) byDate.set(d.date, d)
  return [...byDate.values()].sort((a, b) => a.date.localeCompare(b.date))
}

/** One list of dates (holidays or extra working days): a date and a name per row. */
function DayList({ name, disabled }: { name: 'holidays' | 'workdays'; disabled: boolean }) {
  const { t } = useTranslation()
  return (
    <Form.List name={name}>
      {(fields, { add, remove }) => (
        <>
          <Table
            rowKey="key"
            size="small"
            pagination={fields.length > 10 ? { pageSize: 10, size: 'small' } : false}
            dataSource={fields}
            scroll={{ x: true }}
            locale={{ emptyText: t(`serviceLevels.${name}Empty`) }}
            columns={[
              {
                title: t('serviceLevels.date'),
                key: 'date',
                render: (_, f) => (
                  <Form.Item name={[f.name, 'date']} noStyle>
                    <Input type="date" aria-label={t('serviceLevels.date')} style={{ width: 160 }} />
                  </Form.Item>
                ),
              },
              {
                title: t('serviceLevels.dayName'),
                key: 'name',
                render: (_, f) => (
                  <Form.Item name={[f.name, 'name']} noStyle>
                    <Input aria-label={t('serviceLevels.dayName')} style={{ minWidth: 140 }} />
                  </Form.Item>
                ),
              },
              {
                title: '',
                key: 'remove',
                render: (_, f) =>
                  disabled ? null : (
                    <Button type="link" danger onClick={() => remove(f.name)}>
                      {t('serviceLevels.remove')}
                    </Button>
                  ),
              },
            ]}
          />
          {!disabled && (
            <Button style={{ marginTop: 8 }} onClick={() => add({ date: '', name: '' })}>
              {t(`serviceLevels.add.${name}`)}
            </Button>
          )}
        </>
      )}
    </Form.List>
  )
}

/**
 * Settings → Service levels: the business calendar tickets' due times are counted in (working hours per
 * weekday, time zone, holidays, extra working days) — administrators edit, everyone reads. The targets
 * per tier live in Settings → Service tiers.
 */
export function ServiceLevelsTab() {
  const { t } = useTranslation()
  const { me } = useAuth()
  const { message } = App.useApp()
  const qc = useQueryClient()
  const q = useBusinessCalendar()
  const [form] = Form.useForm<Values>()
  const [loadingPreset, setLoadingPreset] = useState(false)
  const admin = isAdmin(me)
  useEffect(() => {
    if (q.data) form.setFieldsValue(toValues(q.data))
  }, [q.data, form])
  if (q.isLoading) return <LoadingState />
  if (q.error || !q.data) return <ErrorState error={q.error} onRetry={() => void q.refetch()} />
  const save = async (v: Values) => {
    try {
      await api('PUT', '/business-calendar', {
        version: q.data!.version,
        timeZone: v.timeZone,
        week: v.week.map((d) => (d.worked ? { start: d.start, end: d.end } : null)),
        extraDayHours: v.extraDayHours,
        holidays: v.holidays,
        workdays: v.workdays,
      })
      message.success(t('serviceLevels.saved'))
      await qc.invalidateQueries({ queryKey: slaKeys.all })
    } catch (e) {
      const rest = applyApiError(form, e, ['timeZone'])
      if (rest) message.error(rest)
    }
  }
  const loadChina = async () => {
    setLoadingPreset(true)
    try {
      const p = await fetchPreset('cn')
      form.setFieldsValue({
        holidays: merge(form.getFieldValue('holidays') ?? [], p.holidays),
        workdays: merge(form.getFieldValue('workdays') ?? [], p.workdays),
      })
      message.info(t('serviceLevels.presetLoaded', { years: p.years.join('–') }))
    } catch (e) {
      message.error(e instanceof Error ? e.message : String(e))
    } finally {
      setLoadingPreset(false)
    }
  }
  return (
    <Card>
      <Typography.Paragraph type="secondary">
        {t('serviceLevels.intro')}{' '}
        <Link to="/settings/tiers" style={{ textDecoration: 'underline' }}>
          {t('serviceLevels.targetsLink')}
        </Link>
      </Typography.Paragraph>
      <Form form={form} layout="vertical" disabled={!admin} onFinish={(v) => void save(v)}>
        <Form.Item
          name="timeZone"
          label={t('serviceLevels.timeZone')}
          extra={
            <>
              {t('serviceLevels.timeZoneHelp')} <code>Asia/Shanghai</code>
            </>
          }
          rules={[{ required: true }]}
        >
          <Input style={{ maxWidth: 260 }} />
        </Form.Item>
        <Typography.Title level={5}>{t('serviceLevels.week')}</Typography.Title>
        <Form.List name="week">
          {(fields) => (
            <Flex vertical gap={8} style={{ marginBottom: 16 }}>
              {fields.map((f, i) => (
                <Space key={f.key} wrap align="center">
                  <span style={{ display: 'inline-block', width: 72 }}>
                    {t(`serviceLevels.days.${days[i]!}`)}
                  </span>
                  <Form.Item name={[f.name, 'worked']} valuePropName="checked" noStyle>
                    <Switch
                      aria-label={t('serviceLevels.worked', { day: t(`serviceLevels.days.${days[i]!}`) })}
                    />
                  </Form.Item>
                  <Form.Item noStyle shouldUpdate>
                    {() =>
                      form.getFieldValue(['week', f.name, 'worked']) ? (
                        <Space>
                          <Form.Item name={[f.name, 'start']} noStyle>
                            <Input
                              type="time"
                              aria-label={t('serviceLevels.from', {
                                day: t(`serviceLevels.days.${days[i]!}`),
                              })}
                              style={{ width: 120 }}
                            />
                          </Form.Item>
                          –
                          <Form.Item name={[f.name, 'end']} noStyle>
                            <Input
                              type="time"
                              aria-label={t('serviceLevels.to', { day: t(`serviceLevels.days.${days[i]!}`) })}
                              style={{ width: 120 }}
                            />
                          </Form.Item>
                        </Space>
                      ) : null
                    }
                  </Form.Item>
                </Space>
              ))}
            </Flex>
          )}
        </Form.List>
        <Typography.Title level={5}>{t('serviceLevels.holidays')}</Typography.Title>
        <Typography.Paragraph type="secondary">{t('serviceLevels.holidaysHelp')}</Typography.Paragraph>
        {admin && (
          <Button style={{ marginBottom: 8 }} loading={loadingPreset} onClick={() => void loadChina()}>
            {t('serviceLevels.loadChina')}
          </Button>
        )}
        <DayList name="holidays" disabled={!admin} />
        <Typography.Title level={5} style={{ marginTop: 24 }}>
          {t('serviceLevels.workdays')}
        </Typography.Title>
        <Typography.Paragraph type="secondary">{t('serviceLevels.workdaysHelp')}</Typography.Paragraph>
        <Space wrap style={{ marginBottom: 8 }}>
          <span>{t('serviceLevels.extraDayHours')}</span>
          <Form.Item name={['extraDayHours', 'start']} noStyle>
            <Input type="time" aria-label={t('serviceLevels.extraFrom')} style={{ width: 120 }} />
          </Form.Item>
          –
          <Form.Item name={['extraDayHours', 'end']} noStyle>
            <Input type="time" aria-label={t('serviceLevels.extraTo')} style={{ width: 120 }} />
          </Form.Item>
        </Space>
        <DayList name="workdays" disabled={!admin} />
        <Alert style={{ marginTop: 16 }} type="info" message={t('serviceLevels.rulesHint')} />
        {admin ? (
          <Button style={{ marginTop: 16 }} type="primary" htmlType="submit">
            {t('common.save')}
          </Button>
        ) : (
          <Alert style={{ marginTop: 16 }} type="warning" message={t('serviceLevels.readOnly')} />
        )}
      </Form>
    </Card>
  )
}
