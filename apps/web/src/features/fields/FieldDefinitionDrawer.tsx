import { useEffect, useState } from 'react'
import {
  Alert,
  App,
  AutoComplete,
  Button,
  Drawer,
  Form,
  Input,
  InputNumber,
  Select,
  Space,
  Switch,
} from 'antd'
import { customFieldTypes, formulaResultTypes, rollupFns, type ObjectField } from '@openkam/contract'
import { useTranslation } from 'react-i18next'
import { ApiError } from '../../shared/api/client'
import { FieldInput } from '../records/FieldInput'
import { collections, customFieldOf } from '../records/meta'
import { useObjectChoices } from '../objects/object-choices'
import {
  bodyOf,
  customizableObjects,
  formNameOf,
  formValuesOf,
  hasDefault,
  hasOptions,
  hasPattern,
  hasRange,
  suggestKey,
  type FieldFormValues,
} from './field-form'
import { useSaveFieldDefinition, type FieldDefinition } from './fields.queries'
import { OptionsEditor } from './OptionsEditor'

type Props = { object: string; definition: FieldDefinition | null; open: boolean; onClose: () => void }

/** The inputs an API error path can land on; other errors are listed above the form. */
const known = new Set(
  'type key label labels options defaultValue helpText min max pattern formula resultType relation rollup'.split(
    ' ',
  ),
)
const numeric = ['number', 'money', 'decimal', 'percent']
const pointers = ['account', 'contact', 'opportunity', 'user']

/** Create or change a custom field; the API's messages appear under the inputs they are about. */
export function FieldDefinitionDrawer({ object, definition, open, onClose }: Props) {
  const { t, i18n } = useTranslation()
  const { message } = App.useApp()
  const [form] = Form.useForm<FieldFormValues>()
  const save = useSaveFieldDefinition()
  const [problem, setProblem] = useState<string | null>(null)
  const [keyTouched, setKeyTouched] = useState(false)
  const type = Form.useWatch('type', form) ?? 'text'
  const options = Form.useWatch('options', form)
  const min = Form.useWatch('min', form)
  const max = Form.useWatch('max', form)
  const rollupObject = Form.useWatch(['rollup', 'object'], form)
  const rollupFn = Form.useWatch(['rollup', 'fn'], form)

  useEffect(() => {
    if (!open) return
    form.resetFields()
    setProblem(null)
    setKeyTouched(!!definition)
    form.setFieldsValue(
      definition ? formValuesOf(definition) : { type: 'text', labels: {}, options: [], filterable: false },
    )
  }, [open, definition?.id, definition?.version])

  const objects = useObjectChoices()
  const objectLabel = objects.label
  const objectOptions = customizableObjects.map((o) => ({ value: o, label: objectLabel(o) }))
  const relatedFields = (types: string[]) =>
    (collections[rollupObject ?? '']?.fields ?? [])
      .filter((f) => types.includes(f.type))
      .map((f) => ({ value: f.key, label: `${t(`fields.${f.key}`)} (${f.key})` }))

  // The default value is edited with the input the field itself will have.
  const defaultField = customFieldOf({
    key: 'defaultValue',
    label: '',
    type,
    required: false,
    filterable: false,
    sortable: false,
    custom: true,
    readOnly: false,
    access: 'edit',
    options: (options ?? []).filter((o) => o?.value && o.label),
    ...(typeof min === 'number' ? { min } : {}),
    ...(typeof max === 'number' ? { max } : {}),
  } satisfies ObjectField)

  const submit = async () => {
    setProblem(null)
    const values = await form.validateFields().catch(() => null)
    if (!values) return
    const { object: _o, key: _k, ...rest } = bodyOf(values, object)
    try {
      await save.mutateAsync(
        definition
          ? { id: definition.id, body: { ...rest, version: definition.version } }
          : { body: bodyOf(values, object) },
      )
      message.success(definition ? t('common.saved') : t('common.created'))
      onClose()
    } catch (e) {
      if (!(e instanceof ApiError)) return setProblem(e instanceof Error ? e.message : String(e))
      if (e.code === 'field_key_taken') return form.setFields([{ name: 'key', errors: [e.message] }])
      if (e.status === 422)
        return form.setFields([
          { name: 'type', errors: [t('customFields.form.unconvertible', { detail: e.message })] },
        ])
      if (e.status === 409) return setProblem(t('customFields.form.versionConflict'))
      const labels = form.getFieldValue('labels') as FieldFormValues['labels']
      form.setFields(e.errors.map((x) => ({ name: formNameOf(x.path, labels), errors: [x.message] })))
      const rest = e.errors.filter((x) => !known.has(x.path.split('.')[0] ?? ''))
      if (!e.errors.length || rest.length)
        setProblem([e.message, ...rest.map((x) => `${x.path}: ${x.message}`)].join(' · '))
    }
  }

  const label = definition
    ? (definition.labels[i18n.language.startsWith('zh') ? 'zh-CN' : 'en'] ?? definition.label)
    : ''
  return (
    <Drawer
      open={open}
      onClose={onClose}
      size={640}
      destroyOnHidden
      title={
        definition
          ? t('customFields.editField', { label })
          : `${t('customFields.newField')} · ${objectLabel(object)}`
      }
      extra={
        <Space>
          <Button onClick={onClose}>{t('common.cancel')}</Button>
          <Button type="primary" loading={save.isPending} onClick={() => void submit()}>
            {t('common.save')}
          </Button>
        </Space>
      }
    >
      {problem && <Alert type="error" showIcon title={problem} style={{ marginBottom: 16 }} />}
      <Form form={form} layout="vertical" onFinish={() => void submit()}>
        <Form.Item
          name="type"
          label={t('customFields.form.type')}
          rules={[{ required: true }]}
          extra={definition ? t('customFields.form.typeChangeHint') : undefined}
        >
          <Select
            showSearch={{ optionFilterProp: 'label' }}
            options={customFieldTypes.map((x) => ({ value: x, label: t(`customFields.types.${x}`) }))}
          />
        </Form.Item>
        <Space wrap style={{ display: 'flex' }} align="start">
          <Form.Item
            name={['labels', 'en']}
            label={t('customFields.form.labelEn')}
            dependencies={[['labels', 'zh-CN']]}
            rules={[
              ({ getFieldValue }) => ({
                validator: async (_, v?: string) => {
                  if (!v?.trim() && !(getFieldValue(['labels', 'zh-CN']) as string | undefined)?.trim())
                    throw new Error(t('customFields.form.labelNeeded'))
                },
              }),
            ]}
          >
            <Input
              style={{ width: 260 }}
              maxLength={100}
              onChange={(e) => {
                if (!keyTouched) form.setFieldValue('key', suggestKey(e.target.value))
              }}
            />
          </Form.Item>
          <Form.Item name={['labels', 'zh-CN']} label={t('customFields.form.labelZh')}>
            <Input style={{ width: 260 }} maxLength={100} />
          </Form.Item>
        </Space>
        <Form.Item
          name="key"
          label={t('customFields.form.key')}
          extra={t('customFields.form.keyHelp')}
          rules={[
            { required: true, message: t('customFields.form.keyInvalid') },
            { pattern: /^[a-z][a-zA-Z0-9_]{0,62}$/, message: t('customFields.form.keyInvalid') },
          ]}
        >
          <Input disabled={!!definition} onChange={() => setKeyTouched(true)} style={{ width: 260 }} />
        </Form.Item>
        {hasOptions(type) && (
          <Form.Item label={t('customFields.form.options')} required>
            <OptionsEditor />
          </Form.Item>
        )}
        {type === 'formula' && (
          <>
            <Form.Item
              name="formula"
              label={t('customFields.form.formula')}
              extra={t('customFields.form.formulaHelp')}
              rules={[{ required: true, whitespace: true }]}
            >
              <Input.TextArea rows={3} placeholder="ROUND(annualSpend / employees, 2)" />
            </Form.Item>
            <Form.Item name="resultType" label={t('customFields.form.resultType')} initialValue="number">
              <Select
                options={formulaResultTypes.map((x) => ({
                  value: x,
                  label: t(`customFields.form.resultTypes.${x}`),
                }))}
              />
            </Form.Item>
          </>
        )}
        {type === 'relation' && (
          <Space wrap align="start">
            <Form.Item
              name={['relation', 'object']}
              label={t('customFields.form.relationObject')}
              rules={[{ required: true }]}
            >
              <Select style={{ width: 220 }} options={objects.options} />
            </Form.Item>
            <Form.Item
              name={['relation', 'many']}
              label={t('customFields.form.many')}
              valuePropName="checked"
            >
              <Switch />
            </Form.Item>
          </Space>
        )}
        {type === 'rollup' && (
          <Space wrap align="start">
            <Form.Item
              name={['rollup', 'object']}
              label={t('customFields.form.rollupObject')}
              rules={[{ required: true }]}
            >
              <Select style={{ width: 180 }} options={objectOptions} />
            </Form.Item>
            <Form.Item
              name={['rollup', 'via']}
              label={t('customFields.form.rollupVia')}
              extra={t('customFields.form.rollupViaHelp')}
              rules={[{ required: true }]}
            >
              <AutoComplete style={{ width: 180 }} options={relatedFields(pointers)} />
            </Form.Item>
            <Form.Item
              name={['rollup', 'fn']}
              label={t('customFields.form.rollupFn')}
              initialValue="count"
              rules={[{ required: true }]}
            >
              <Select
                style={{ width: 120 }}
                options={rollupFns.map((x) => ({ value: x, label: t(`customFields.form.fns.${x}`) }))}
              />
            </Form.Item>
            {rollupFn && rollupFn !== 'count' && (
              <Form.Item
                name={['rollup', 'field']}
                label={t('customFields.form.rollupField')}
                rules={[{ required: true }]}
              >
                <AutoComplete style={{ width: 180 }} options={relatedFields(numeric)} />
              </Form.Item>
            )}
          </Space>
        )}
        {hasRange(type) && (
          <Space wrap>
            <Form.Item name="min" label={t('customFields.form.min')}>
              <InputNumber />
            </Form.Item>
            <Form.Item name="max" label={t('customFields.form.max')}>
              <InputNumber />
            </Form.Item>
          </Space>
        )}
        {hasPattern(type) && (
          <Form.Item
            name="pattern"
            label={t('customFields.form.pattern')}
            extra={t('customFields.form.patternHelp')}
          >
            <Input maxLength={200} />
          </Form.Item>
        )}
        {hasDefault(type) && (
          <Form.Item name="defaultValue" label={t('customFields.form.defaultValue')}>
            <FieldInput field={defaultField} />
          </Form.Item>
        )}
        <Form.Item
          name="helpText"
          label={t('customFields.form.helpText')}
          extra={t('customFields.form.helpTextHelp')}
        >
          <Input.TextArea rows={2} maxLength={500} />
        </Form.Item>
        <Space wrap size="large">
          <Form.Item name="required" label={t('customFields.form.required')} valuePropName="checked">
            <Switch />
          </Form.Item>
          <Form.Item name="unique" label={t('customFields.form.unique')} valuePropName="checked">
            <Switch />
          </Form.Item>
          <Form.Item name="filterable" label={t('customFields.form.filterable')} valuePropName="checked">
            <Switch />
          </Form.Item>
        </Space>
        <button type="submit" hidden aria-hidden tabIndex={-1} />
      </Form>
    </Drawer>
  )
}
