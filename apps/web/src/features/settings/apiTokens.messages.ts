import { i18n } from '../../shared/i18n/i18n'

/** The scope editor and scope column of Settings → API tokens (SPEC R-22). */
const en = {
  scopes: 'Scopes',
  scopeMode: 'What the token may use',
  scopeAll: 'Everything my role allows',
  scopeSome: 'Only some objects',
  access: 'Access',
  read: 'Read only',
  write: 'Read and write',
  object: 'Object',
  addObject: 'Add an object',
  removeObject: 'Remove {{name}}',
  pickObject: 'Choose an object',
  noObjects: 'Add at least one object, or let the token use everything your role allows.',
  allObjects: 'Everything',
  readTag: 'read',
  writeTag: 'read & write',
  scopesHelp:
    'A token never does more than your role allows. Outside its scopes it is refused with 403, which names them. Reports, imports, search and settings need “Everything my role allows”.',
}
const zhCN: typeof en = {
  scopes: '范围',
  scopeMode: '令牌可以使用',
  scopeAll: '我的角色允许的全部内容',
  scopeSome: '仅部分对象',
  access: '权限',
  read: '只读',
  write: '读写',
  object: '对象',
  addObject: '添加对象',
  removeObject: '移除{{name}}',
  pickObject: '选择对象',
  noObjects: '请至少添加一个对象，或让令牌使用你的角色允许的全部内容。',
  allObjects: '全部',
  readTag: '只读',
  writeTag: '读写',
  scopesHelp:
    '令牌的权限永远不会超过你的角色。超出范围的请求会被拒绝（403），并说明令牌的范围。报表、导入、搜索和设置需要选择“我的角色允许的全部内容”。',
}

i18n.addResourceBundle('en', 'translation', { apiTokens: en }, true, true)
i18n.addResourceBundle('zh-CN', 'translation', { apiTokens: zhCN }, true, true)
