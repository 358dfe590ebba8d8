/** English messages of custom objects in automation rules; ruleObjects.zh-CN.ts mirrors it. */
export const ruleObjectsEn = {
  builtIn: 'Built-in records',
  custom: 'Custom objects',
  a: 'a “{{name}}” record',
  noun: '“{{name}}” record',
  deletedTag: 'Object deleted',
  deleted:
    'This rule watches {{key}}, a custom object that was deleted: it does not run until the object is restored (Settings → Objects). Meanwhile it can only be switched off.',
}
