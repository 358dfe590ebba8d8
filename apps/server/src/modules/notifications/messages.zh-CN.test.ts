import { describe, expect, it } from 'vitest'
import { translateMessage } from '../../core/http/translate-message'

describe('messages of webhooks, object trash and layouts in Chinese', () => {
  it.each([
    ['there is no role "auditor"', '没有角色 "auditor"'],
    ['Your role may not delete objects (administrators may)', '你的角色不能删除对象（管理员可以）'],
    ['Only administrators may design form layouts', '只有管理员可以设计表单布局'],
  ])('translates %s', (en, zh) => expect(translateMessage(en, 'zh-CN')).toBe(zh))
})
