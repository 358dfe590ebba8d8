import { describe, expect, it } from 'vitest'
import { en } from '../../shared/i18n/en'
import { zhCN } from '../../shared/i18n/zh-CN'

describe("the built-in roles' descriptions", () => {
  it('are translated from exactly the words the server gives them', async () => {
    const { defaultRoles } = await import('../../../../server/src/modules/users/default-roles')
    const described = en.settings.roleDescription as Record<string, string>
    const zh = zhCN.settings.roleDescription as Record<string, string>
    for (const r of defaultRoles) {
      expect(described[r.key], r.key).toBe(r.description)
      expect(zh[r.key], r.key).toBeTruthy()
    }
  })
})
