import { describe, expect, it } from 'vitest'
import { segmentLabel } from './segment-label'

describe('segmentLabel', () => {
  it.each([
    ['finance:small:retention', 'en', 'Finance · Small business · Retention'],
    ['manufacturing:large:decision', 'zh-CN', '制造业 · 大型集团 · 决策'],
    ['saas:unknown:awareness', 'en', 'Software & SaaS · size unknown · Awareness'],
    ['mining:small:retention', 'en', 'mining · Small business · Retention'],
    ['Key accounts east', 'en', 'Key accounts east'],
  ] as const)('reads %s in %s as %s', (key, lang, label) => {
    expect(segmentLabel(key, lang)).toBe(label)
  })
})
