import { describe, expect, it } from 'vitest'
import { formNameOfObjectPath, objectBodyOf, suggestObjectKey } from './object-form'

describe('object form', () => {
  it.each([
    ['Site visits', 'site_visits'],
    ['  Projects & Pilots ', 'projects_pilots'],
    ['3D prints', 'd_prints'],
    ['现场拜访', ''],
    ['Café visits', 'cafe_visits'],
  ])('suggests for %j the key %j', (name, key) => expect(suggestObjectKey(name)).toBe(key))

  it('defaults the plural to the singular and the default names to English, else Chinese', () => {
    expect(
      objectBodyOf({ key: 'site_visits', en: { one: 'Site visit' }, zh: { one: ' ', many: '' } }),
    ).toEqual({
      key: 'site_visits',
      label: 'Site visit',
      pluralLabel: 'Site visit',
      labels: { en: { one: 'Site visit', many: 'Site visit' } },
    })
    expect(objectBodyOf({ key: 'visits', icon: 'car', zh: { one: '拜访', many: '拜访记录' } })).toMatchObject(
      {
        label: '拜访',
        pluralLabel: '拜访记录',
        labels: { 'zh-CN': { one: '拜访', many: '拜访记录' } },
        icon: 'car',
      },
    )
  })

  it('puts an API error on its input', () => {
    expect(formNameOfObjectPath('labels.zh-CN.many')).toEqual(['zh', 'many'])
    expect(formNameOfObjectPath('key')).toEqual(['key'])
    expect(formNameOfObjectPath('pluralLabel')).toEqual(['en', 'many'])
  })
})
