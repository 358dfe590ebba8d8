import { useState } from 'react'
import { Alert, Form, Input, Modal, Radio, Select } from 'antd'
import { useTranslation } from 'react-i18next'
import { dashboardViews, metricKeys, type DashboardWidget } from '@openkam/contract'
import { useMetricCatalogue, useSavedReports } from './dashboards.queries'

type Kind = 'report' | 'metric' | 'view'
export type NewWidget = Pick<DashboardWidget, 'reportId' | 'metric' | 'view' | 'title'>
type Values = {
  kind: Kind
  reportId?: string
  metric?: DashboardWidget['metric']
  view?: DashboardWidget['view']
  title?: string
}

/** Picks what a new widget shows: a saved report, a metric of the catalogue or a fixed view. */
export function AddWidgetDialog({
  open,
  saving,
  onAdd,
  onClose,
}: {
  open: boolean
  saving: boolean
  onAdd: (w: NewWidget) => void
  onClose: () => void
}) {
  const { t } = useTranslation()
  const [form] = Form.useForm<Values>()
  const [kind, setKind] = useState<Kind>('report')
  const reports = useSavedReports(open)
  const catalogue = useMetricCatalogue()
  const metricOptions = (
    catalogue.data ?? metricKeys.map((key) => ({ key, label: key, description: '' }))
  ).map((m) => ({
    value: m.key,
    label: t(`dashboards.metricNames.${m.key}`, { defaultValue: m.label }),
    title: m.description,
  }))
  return (
    <Modal
      open={open}
      title={t('dashboards.widget.addTitle')}
      okText={t('dashboards.widget.add')}
      cancelText={t('common.cancel')}
      confirmLoading={saving}
      onCancel={onClose}
      onOk={() => form.submit()}
      destroyOnHidden
      afterClose={() => {
        form.resetFields()
        setKind('report')
      }}
    >
      <Form<Values>
        form={form}
        layout="vertical"
        initialValues={{ kind: 'report' }}
        onFinish={(v) =>
          onAdd({
            reportId: v.kind === 'report' ? v.reportId : undefined,
            metric: v.kind === 'metric' ? v.metric : undefined,
            view: v.kind === 'view' ? v.view : undefined,
            title: v.title?.trim() || undefined,
          })
        }
      >
        <Form.Item name="kind" label={t('dashboards.widget.kind')}>
          <Radio.Group
            optionType="button"
            onChange={(e) => setKind(e.target.value as Kind)}
            options={(['report', 'metric', 'view'] as const).map((k) => ({
              value: k,
              label: t(`dashboards.widget.kinds.${k}`),
            }))}
          />
        </Form.Item>
        {kind === 'report' && (
          <>
            {reports.isSuccess && !reports.data.length && (
              <Alert
                type="info"
                showIcon
                title={t('dashboards.widget.noReports')}
                style={{ marginBottom: 12 }}
              />
            )}
            {reports.isError && (
              <Alert
                type="error"
                showIcon
                title={(reports.error as Error).message}
                style={{ marginBottom: 12 }}
              />
            )}
            <Form.Item
              name="reportId"
              label={t('dashboards.widget.report')}
              rules={[{ required: true, message: t('dashboards.widget.reportPlaceholder') }]}
            >
              <Select
                showSearch={{ optionFilterProp: 'label' }}
                loading={reports.isLoading}
                placeholder={t('dashboards.widget.reportPlaceholder')}
                options={(reports.data ?? []).map((r) => ({
                  value: r.id,
                  label: r.name,
                }))}
              />
            </Form.Item>
          </>
        )}
        {kind === 'metric' && (
          <Form.Item
            name="metric"
            label={t('dashboards.widget.metric')}
            rules={[{ required: true, message: t('dashboards.widget.metricPlaceholder') }]}
          >
            <Select
              showSearch={{ optionFilterProp: 'label' }}
              loading={catalogue.isLoading}
              placeholder={t('dashboards.widget.metricPlaceholder')}
              options={metricOptions}
            />
          </Form.Item>
        )}
        {kind === 'view' && (
          <Form.Item
            name="view"
            label={t('dashboards.widget.view')}
            rules={[{ required: true, message: t('dashboards.widget.viewPlaceholder') }]}
          >
            <Select
              placeholder={t('dashboards.widget.viewPlaceholder')}
              options={dashboardViews.map((v) => ({
                value: v,
                label: t(`dashboards.views.${v}`),
                title: t(`dashboards.viewHelp.${v}`),
              }))}
              optionRender={(o) => (
                <div>
                  <div>{o.label}</div>
                  <div style={{ fontSize: 12, color: 'rgba(0,0,0,0.55)', whiteSpace: 'normal' }}>
                    {t(`dashboards.viewHelp.${o.value as (typeof dashboardViews)[number]}`)}
                  </div>
                </div>
              )}
            />
          </Form.Item>
        )}
        <Form.Item name="title" label={t('dashboards.widget.title')} extra={t('dashboards.widget.titleHelp')}>
          <Input maxLength={100} />
        </Form.Item>
      </Form>
    </Modal>
  )
}
