import { useEffect } from 'react'
import { App, Form, Input, InputNumber, Modal, Select } from 'antd'
import { useTranslation } from 'react-i18next'
import { ApiError } from '../../shared/api/client'
import { useSaveSurvey, type Survey, type SurveyInput } from './surveys.queries'

/** Creates a survey, or edits one (its kind is fixed once it has answers — the server says so). */
export function SurveyFormModal({
  open,
  survey,
  onClose,
}: {
  open: boolean
  survey: Survey | null
  onClose: () => void
}) {
  const { t } = useTranslation()
  const { message } = App.useApp()
  const [form] = Form.useForm<SurveyInput>()
  const save = useSaveSurvey()

  useEffect(() => {
    if (!open) return
    form.resetFields()
    form.setFieldsValue(
      survey
        ? {
            name: survey.name ?? '',
            kind: (survey.kind ?? 'nps') as SurveyInput['kind'],
            questionZh: survey.questionZh,
            questionEn: survey.questionEn,
            expiresInDays: survey.expiresInDays ?? 14,
            audience: survey.audience,
          }
        : { kind: 'nps', expiresInDays: 14 },
    )
  }, [open, survey, form])

  const submit = async () => {
    const v = await form.validateFields()
    const body = {
      ...v,
      questionZh: v.questionZh?.trim() || null,
      questionEn: v.questionEn?.trim() || null,
      audience: v.audience?.trim() || null,
    }
    try {
      await save.mutateAsync(survey ? { id: survey.id, version: survey.version, ...body } : body)
      void message.success(t('surveys.saved'))
      onClose()
    } catch (e) {
      if (e instanceof ApiError && e.errors.length)
        form.setFields(e.errors.map((f) => ({ name: f.path as keyof SurveyInput, errors: [f.message] })))
      else void message.error(e instanceof Error ? e.message : String(e))
    }
  }

  return (
    <Modal
      open={open}
      title={survey ? t('surveys.editSurvey') : t('surveys.newSurvey')}
      onCancel={onClose}
      onOk={() => void submit()}
      confirmLoading={save.isPending}
      destroyOnHidden
    >
      <Form form={form} layout="vertical" requiredMark="optional">
        <Form.Item
          name="name"
          label={t('surveys.fields.name')}
          rules={[{ required: true, whitespace: true, max: 200 }]}
        >
          <Input />
        </Form.Item>
        <Form.Item name="kind" label={t('surveys.fields.kind')} rules={[{ required: true }]}>
          <Select
            options={(['nps', 'csat'] as const).map((k) => ({ value: k, label: t(`surveys.kind.${k}`) }))}
          />
        </Form.Item>
        <Form.Item
          name="questionZh"
          label={t('surveys.fields.questionZh')}
          extra={t('surveys.fields.questionHelp')}
        >
          <Input.TextArea autoSize={{ minRows: 1, maxRows: 3 }} maxLength={500} />
        </Form.Item>
        <Form.Item name="questionEn" label={t('surveys.fields.questionEn')}>
          <Input.TextArea autoSize={{ minRows: 1, maxRows: 3 }} maxLength={500} />
        </Form.Item>
        <Form.Item
          name="expiresInDays"
          label={t('surveys.fields.expiresInDays')}
          rules={[{ required: true, type: 'integer', min: 1, max: 365 }]}
        >
          <InputNumber min={1} max={365} precision={0} />
        </Form.Item>
        <Form.Item
          name="audience"
          label={t('surveys.fields.audience')}
          extra={t('surveys.fields.audienceHelp')}
        >
          <Input maxLength={1000} />
        </Form.Item>
      </Form>
    </Modal>
  )
}
