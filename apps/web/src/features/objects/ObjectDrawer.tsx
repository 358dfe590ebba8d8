import { useEffect, useState } from 'react'
import { Alert, App, Button, Drawer, Form, Input, Select, Space, Typography } from 'antd'
import { useTranslation } from 'react-i18next'
import { ApiError } from '../../shared/api/client'
import { ObjectIcon, objectIcons } from './object-icons'
import {
  formNameOfObjectPath,
  formValuesOfObject,
  objectBodyOf,
  suggestObjectKey,
  type ObjectFormValues,
} from './object-form'
import { objectName, useSaveObject, type CustomObject } from './objects.queries'

type Props = {
  open: boolean
  /** The object to rename; absent to create one. */
  object?: CustomObject | null
  onClose: () => void
  onSaved?: (o: CustomObject) => void
}

const KEY = /^[a-z][a-z0-9_]{1,40}$/

/** Create a custom object (key suggested from its English name) or rename it / change its icon. */
export function ObjectDrawer({ open, object, onClose, onSaved }: Props) {
  const { t, i18n } = useTranslation()
  const { message } = App.useApp()
  const [form] = Form.useForm<ObjectFormValues>()
  const save = useSaveObject()
  const [keyTouched, setKeyTouched] = useState(false)
  const [problem, setProblem] = useState<string | null>(null)

  useEffect(() => {
    if (!open) return
    form.resetFields()
    setProblem(null)
    setKeyTouched(!!object)
    form.setFieldsValue(object ? formValuesOfObject(object) : { icon: 'appstore' })
  }, [open, object?.id, object?.version])

  const suggest = () => {
    if (keyTouched) return
    const en = form.getFieldValue('en') as ObjectFormValues['en']
    form.setFieldValue('key', suggestObjectKey(en?.many || en?.one || ''))
  }

  const submit = async () => {
    setProblem(null)
    const values = await form.validateFields().catch(() => null)
    if (!values) return
    const { key, ...body } = objectBodyOf({ ...values, key: object?.key ?? values.key })
    try {
      const saved = await save.mutateAsync(
        object
          ? { key: object.key, body: { ...body, icon: body.icon ?? null, version: object.version } }
          : { body: { key, ...body } },
      )
      message.success(object ? t('common.saved') : t('common.created'))
      onSaved?.(saved)
      onClose()
    } catch (e) {
      if (!(e instanceof ApiError)) return setProblem(e instanceof Error ? e.message : String(e))
      if (e.code === 'object_key_taken')
        return form.setFields([{ name: 'key', errors: [t('objects.form.keyTaken')] }])
      if (e.errors.length)
        return form.setFields(
          e.errors.map((x) => ({ name: formNameOfObjectPath(x.path) as never, errors: [x.message] })),
        )
      setProblem(e.message)
    }
  }

  const oneNeeded = ({ getFieldValue }: { getFieldValue: (n: string[]) => unknown }) => ({
    validator: async () => {
      const named = [
        ['en', 'one'],
        ['en', 'many'],
        ['zh', 'one'],
        ['zh', 'many'],
      ].some((n) => String(getFieldValue(n) ?? '').trim())
      if (!named) throw new Error(t('objects.form.nameRequired'))
    },
  })
  const names = [
    ['en', 'one'],
    ['en', 'many'],
    ['zh', 'one'],
    ['zh', 'many'],
  ]

  return (
    <Drawer
      open={open}
      onClose={onClose}
      size={560}
      destroyOnHidden
      title={
        object
          ? t('objects.editObject', { label: objectName(object, i18n.language) })
          : t('objects.newObject')
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
        <Space wrap align="start" style={{ display: 'flex' }}>
          <Form.Item
            name={['en', 'one']}
            label={t('objects.form.nameEn')}
            dependencies={names.filter((n) => n.join() !== 'en,one')}
            rules={[oneNeeded]}
          >
            <Input
              style={{ width: 240 }}
              maxLength={100}
              placeholder={t('objects.form.namePlaceholderEn')}
              onChange={suggest}
            />
          </Form.Item>
          <Form.Item name={['en', 'many']} label={t('objects.form.pluralEn')}>
            <Input
              style={{ width: 240 }}
              maxLength={100}
              placeholder={t('objects.form.pluralPlaceholderEn')}
              onChange={suggest}
            />
          </Form.Item>
          <Form.Item name={['zh', 'one']} label={t('objects.form.nameZh')}>
            <Input style={{ width: 240 }} maxLength={100} placeholder={t('objects.form.namePlaceholderZh')} />
          </Form.Item>
          <Form.Item name={['zh', 'many']} label={t('objects.form.pluralZh')}>
            <Input style={{ width: 240 }} maxLength={100} />
          </Form.Item>
        </Space>
        <Form.Item
          name="key"
          label={t('objects.form.key')}
          extra={t('objects.form.keyHelp')}
          rules={
            object
              ? []
              : [
                  { required: true, message: t('objects.form.keyInvalid') },
                  { pattern: KEY, message: t('objects.form.keyInvalid') },
                ]
          }
        >
          <Input disabled={!!object} onChange={() => setKeyTouched(true)} style={{ width: 240 }} />
        </Form.Item>
        <Form.Item name="icon" label={t('objects.form.icon')}>
          <Select
            style={{ width: 240 }}
            options={Object.keys(objectIcons).map((name) => ({
              value: name,
              label: (
                <Space>
                  <ObjectIcon name={name} />
                  {t(`objects.icons.${name}`)}
                </Space>
              ),
            }))}
          />
        </Form.Item>
        {!object && <Typography.Text type="secondary">{t('objects.form.fieldsAfter')}</Typography.Text>}
        <button type="submit" hidden aria-hidden tabIndex={-1} />
      </Form>
    </Drawer>
  )
}
