import { Button, Checkbox, ColorPicker, Form, Input, Space, Tooltip } from 'antd'
import { ArrowDownOutlined, ArrowUpOutlined, DeleteOutlined, PlusOutlined } from '@ant-design/icons'
import { useTranslation } from 'react-i18next'
import { suggestOptionValue } from './field-form'

/** Preset colours offered first (antd's palette), so that tags stay readable. */
const presets = [
  '#1677ff',
  '#13c2c2',
  '#52c41a',
  '#faad14',
  '#fa8c16',
  '#f5222d',
  '#eb2f96',
  '#722ed1',
  '#8c8c8c',
]

/**
 * The options of a select field: value, label, colour and retired, in order. An option already in use
 * is better retired than removed: records keep it and still show its label.
 */
export function OptionsEditor() {
  const { t } = useTranslation()
  const form = Form.useFormInstance()
  return (
    <Form.List
      name="options"
      rules={[
        {
          validator: async (_, options?: unknown[]) => {
            if (!options?.length) throw new Error(t('customFields.form.optionsNeeded'))
          },
        },
      ]}
    >
      {(rows, { add, remove, move }, { errors }) => (
        <div role="group" aria-label={t('customFields.form.options')}>
          {rows.map((row, i) => (
            <Space key={row.key} align="start" wrap style={{ display: 'flex', marginBottom: 4 }}>
              <Form.Item
                name={[row.name, 'label']}
                rules={[{ required: true, whitespace: true, message: t('customFields.form.optionLabel') }]}
                style={{ marginBottom: 0 }}
              >
                <Input
                  placeholder={t('customFields.form.optionLabel')}
                  aria-label={`${t('customFields.form.optionLabel')} ${i + 1}`}
                  style={{ width: 130 }}
                  onBlur={(e) => {
                    const path = ['options', row.name, 'value']
                    if (!form.getFieldValue(path))
                      form.setFieldValue(path, suggestOptionValue(e.target.value) || `option_${i + 1}`)
                  }}
                />
              </Form.Item>
              <Form.Item
                name={[row.name, 'value']}
                rules={[{ required: true, whitespace: true, message: t('customFields.form.optionValue') }]}
                style={{ marginBottom: 0 }}
              >
                <Input
                  placeholder={t('customFields.form.optionValue')}
                  aria-label={`${t('customFields.form.optionValue')} ${i + 1}`}
                  style={{ width: 110 }}
                />
              </Form.Item>
              <Form.Item
                name={[row.name, 'color']}
                // A cleared picker gives a transparent colour: no colour then.
                getValueFromEvent={(c?: { toHexString: () => string }) => {
                  const hex = c?.toHexString()
                  return hex && /^#[0-9a-f]{6}$/i.test(hex) ? hex : undefined
                }}
                style={{ marginBottom: 0 }}
              >
                <ColorPicker
                  allowClear
                  disabledAlpha
                  presets={[{ label: t('customFields.form.optionColor'), colors: presets }]}
                  aria-label={`${t('customFields.form.optionColor')} ${i + 1}`}
                />
              </Form.Item>
              <Tooltip title={t('customFields.form.retiredHelp')}>
                <Form.Item name={[row.name, 'retired']} valuePropName="checked" style={{ marginBottom: 0 }}>
                  <Checkbox>{t('customFields.form.retired')}</Checkbox>
                </Form.Item>
              </Tooltip>
              <Space.Compact>
                <Button
                  icon={<ArrowUpOutlined />}
                  aria-label={`${t('customFields.form.moveUp')} ${i + 1}`}
                  disabled={i === 0}
                  onClick={() => move(i, i - 1)}
                />
                <Button
                  icon={<ArrowDownOutlined />}
                  aria-label={`${t('customFields.form.moveDown')} ${i + 1}`}
                  disabled={i === rows.length - 1}
                  onClick={() => move(i, i + 1)}
                />
                <Button
                  icon={<DeleteOutlined />}
                  aria-label={`${t('customFields.form.removeOption')} ${i + 1}`}
                  onClick={() => remove(row.name)}
                />
              </Space.Compact>
            </Space>
          ))}
          <Button type="dashed" icon={<PlusOutlined />} onClick={() => add({ label: '', value: '' })}>
            {t('customFields.form.addOption')}
          </Button>
          <Form.ErrorList errors={errors} />
        </div>
      )}
    </Form.List>
  )
}
