import type { ruleObjectsEn } from './ruleObjects.en'

/** 自动化规则中的自定义对象（与 ruleObjects.en.ts 键相同）。 */
export const ruleObjectsZh: typeof ruleObjectsEn = {
  builtIn: '内置记录',
  custom: '自定义对象',
  a: '“{{name}}”记录',
  noun: '“{{name}}”记录',
  deletedTag: '对象已删除',
  deleted:
    '此规则监视的自定义对象 {{key}} 已被删除：在恢复该对象（设置 → 对象）之前，规则不会运行；在此期间只能关闭它。',
}
