import { describe, expect, it } from 'vitest'
import i18next from 'i18next'
import { en } from '../../shared/i18n/en'
import { zhCN } from '../../shared/i18n/zh-CN'
import { changesOf, keyLabel, metaOfType, short } from './audit-diff'

const i18n = i18next.createInstance()
void i18n.init({
  resources: { en: { translation: en }, 'zh-CN': { translation: zhCN } },
  lng: 'zh-CN',
  interpolation: { escapeValue: false },
  initAsync: false,
  showSupportNotice: false,
})
const t = i18n.getFixedT('zh-CN')
const id = '01a24930-8b03-7d52-acbe-3d012bd9c902'

describe('the audit trail in words', () => {
  it('counts custom values one by one and leaves out an empty set on create', () => {
    expect(changesOf(null, { name: 'A', custom: {}, ownerId: null })).toEqual([
      { key: 'name', from: undefined, to: 'A', kind: 'added' },
    ])
    expect(changesOf({ custom: { level: 'a' } }, { custom: { level: 'b' } })).toEqual([
      { key: 'custom.level', from: 'a', to: 'b', kind: 'changed' },
    ])
  })

  it('shows no id, JSON or code: people by name, records and lists counted, options by label', () => {
    const alert = metaOfType('alert')
    expect(short('band_at_risk', t, { meta: alert, key: 'type' })).toBe('健康度高危')
    expect(short('snoozed', t, { meta: alert, key: 'status' })).toBe('稍后提醒')
    expect(short(id, t, { names: { [id]: '陈杰' } })).toBe('陈杰')
    expect(short(id, t)).not.toContain(id)
    expect(short([id, id, id], t)).toBe('3 项')
    expect(short({ band: 'at_risk', score: 48 }, t)).toBe('2 个值')
    expect(short(true, t)).toBe('是')
    expect(keyLabel('playbookTaskIds', t)).not.toMatch(/[a-z]/i)
    expect(keyLabel('someNewKey', t)).not.toMatch(/[a-z]/i)
    expect(keyLabel('custom.level', t, { level: '客户级别' })).toBe('客户级别')
  })
})
