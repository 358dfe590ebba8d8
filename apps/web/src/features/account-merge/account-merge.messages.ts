import { i18n } from '../../shared/i18n/i18n'

const en = {
  merge: 'Merge…',
  mergeTitle: 'Merge two accounts',
  mergeIntro:
    'Contacts, deals, activities, tickets, contracts, invoices, tasks, alerts and related custom records of both end up on the account that stays. The other goes to the trash and points to it; both histories are kept.',
  mergeWith: 'Merge with',
  mergeWithPlaceholder: 'Search an account by name, credit code or domain',
  survivor: 'Account that stays',
  field: 'Field',
  keep: 'Value to keep',
  noDifferences: 'The two accounts hold the same values; only their related records are combined.',
  confirm: 'Merge',
  merged: 'Merged: "{{merged}}" is now part of "{{survivor}}"',
  history: 'Merge history',
  mergedFrom: 'Merged from "{{name}}" on {{date}}',
  mergedInto: 'Merged into "{{name}}" on {{date}}',
  empty: '(empty)',
  mergeAction: 'Merge with another account…',
  otherHistory: 'History of the other account',
}

const zhCN: typeof en = {
  merge: '合并…',
  mergeTitle: '合并两个客户',
  mergeIntro:
    '两个客户的联系人、商机、活动、工单、合同、发票、任务、预警及关联的自定义记录都将归入保留的客户。另一个客户移入回收站并指向保留的客户，两者的历史记录都会保留。',
  mergeWith: '与之合并',
  mergeWithPlaceholder: '按名称、信用代码或域名搜索客户',
  survivor: '保留的客户',
  field: '字段',
  keep: '保留的值',
  noDifferences: '两个客户的字段值相同，只合并其关联记录。',
  confirm: '合并',
  merged: '已合并：“{{merged}}”并入“{{survivor}}”',
  history: '合并记录',
  mergedFrom: '于 {{date}} 由“{{name}}”并入',
  mergedInto: '于 {{date}} 并入“{{name}}”',
  empty: '（空）',
  mergeAction: '与其他客户合并…',
  otherHistory: '另一客户的历史记录',
}

i18n.addResourceBundle('en', 'translation', { accountMerge: en }, true, true)
i18n.addResourceBundle('zh-CN', 'translation', { accountMerge: zhCN }, true, true)
