import { describe, expect, it } from 'vitest'
import { zhExact } from './messages.zh-CN'
import { translateErrors, translateMessage, translateTitle } from './translate-message'

describe('translateMessage into zh-CN', () => {
  it.each([
    // validation and the generic machinery
    ['is required', '必填'],
    ['must not be empty', '不能为空'],
    ['at most 100 characters', '最多 100 个字符'],
    ['at most 2000 characters', '最多 2000 个字符'],
    ['at least 8 characters', '至少 8 个字符'],
    ['at most 30 items', '最多 30 项'],
    ['at most 365 days', '最多 365 天'],
    ['from 1 to 100', '必须在 1 到 100 之间'],
    ['must be a whole number from 1 to 5', '必须是 1 到 5 之间的整数'],
    ['must be a number', '必须是数字'],
    ['must be one of open, won, lost', '必须是以下之一：open, won, lost'],
    ['not a known parameter', '不是已知的参数'],
    ['not a known field', '不是已知的字段'],
    ['Invalid name: at most 100 characters', 'name 无效：最多 100 个字符'],
    ['Invalid name, custom.region', '输入无效：name, custom.region'],
    ['"abc" is not a number', '"abc" 不是数字'],
    ['"x" is not one of strategic, growth', '"x" 不是以下之一：strategic, growth'],
    ['not a filter; filter by name, tier', '不是可用的筛选条件；可按以下字段筛选：name, tier'],
    [
      'not a filter; filter by name, tier, or related records as <object>.<field> (contacts, marketing-touches)',
      '不是可用的筛选条件；可按以下字段筛选：name, tier，或以 <对象>.<字段> 筛选相关记录（contacts, marketing-touches）',
    ],
    [
      'not a related object; filter related records as <object>.<field> with one of contacts, tickets',
      '不是相关对象；请以 <对象>.<字段> 筛选相关记录，对象为以下之一：contacts, tickets',
    ],
    ['The health score is not visible to your role', '你的角色看不到健康分'],
    ['The cursor is not valid; start again without one', '游标无效；请不带游标重新开始'],
    ['made for sort=name, not -createdAt', '此游标用于 sort=name，而不是 -createdAt'],
    // zod's default messages
    ['Invalid input: expected string, received number', '输入无效：应为文本，收到的是数字'],
    ['Invalid input: expected number, received undefined', '必填（应为数字）'],
    ['Too big: expected string to have <=100 characters', '最多 100 个字符'],
    ['Too small: expected array to have >=1 items', '至少 1 项'],
    ['Too big: expected number to be <=100', '过大：应 ≤ 100'],
    ['Invalid option: expected one of "open"|"won"|"lost"', '选项无效：应为以下之一 "open"|"won"|"lost"'],
    ['Invalid UUID', 'UUID无效'],
    ['Invalid email address', '电子邮件地址无效'],
    ['Unrecognized key: "foo"', '未知的键："foo"'],
    // permissions
    ['Your role may not delete accounts', '你的角色不能删除客户'],
    ['Your role may change opportunities only for yourself', '你的角色只能修改自己的商机'],
    ['Your role may assign tasks only to your team', '你的角色只能把任务分配给你团队'],
    ['Your role may not change annualRevenue of accounts', '你的角色不能修改客户的 annualRevenue'],
    ['is read-only for your role', '对你的角色只读'],
    ['Only administrators may change the workspace settings', '只有管理员可以修改工作区设置'],
    // not found and conflicts
    ['Account was not found', '未找到客户'],
    ['Custom field was not found', '未找到自定义字段'],
    ['Site visit was not found', '未找到 Site visit'],
    [
      'The opportunity was changed by someone else since you read it; reload it and apply your change again',
      '商机在你读取后已被他人修改；请重新加载后再修改',
    ],
    [
      'The tier rules changed since you read them; reload them and apply your change again',
      '服务等级规则在你读取后已被修改；请重新加载后再修改',
    ],
    ['no such user in this workspace', '此工作区中没有该用户'],
    ['no such contact in this workspace: 0190-1', '此工作区中没有该联系人：0190-1'],
    ['Account is required', '客户必填'],
    // custom fields
    ['accounts have no custom field "region"', '客户没有自定义字段 "region"'],
    ['must be a date like 2026-01-31', '必须是日期，如 2026-01-31'],
    ['must be at least 5', '不能小于 5'],
    ['is computed and cannot be set', '是计算字段，不能设置'],
    ['"gold" appears twice', '"gold" 重复出现'],
    ['a select field needs at least one option', '单选或多选字段至少需要一个选项'],
    [
      'The custom field is not valid: options a select field needs at least one option',
      '自定义字段无效：options 单选或多选字段至少需要一个选项',
    ],
    // business rules, and sentences joined by "; "
    ['The deal is already won', '该商机已赢单'],
    ['the weights sum to 95; they must sum to exactly 100', '权重之和为 95；必须正好为 100'],
    ['must not be in the future; is required', '不能晚于当前时间；必填'],
    // rules on custom objects
    [
      'the workspace has no custom object site_chekcs; custom objects: site_checks, loose_notes',
      '工作区中没有自定义对象 site_chekcs；自定义对象：site_checks, loose_notes',
    ],
    [
      'the workspace has no custom object visits; it has no custom objects; it was deleted: restore it, or switch the rule off',
      '工作区中没有自定义对象 visits；工作区还没有自定义对象；该对象已被删除：请先恢复它，或关闭此规则',
    ],
    [
      'site_checks has no custom field nope; custom fields: account, outcome',
      'site_checks 没有自定义字段 nope；自定义字段：account, outcome',
    ],
    [
      'loose_notes records have no account (a relation field to accounts), so account fields cannot be used',
      'loose_notes 的记录没有所属客户（指向客户的关联字段），因此不能使用客户字段',
    ],
    [
      'The rule watches site_visits, a custom object that was deleted; restore it to run the rule',
      '此规则监视的自定义对象 site_visits 已被删除；请恢复该对象后再运行规则',
    ],
    [
      'a record type (account, contact), or custom:<object key> for a custom object (e.g. custom:site_visits)',
      '应为记录类型（account, contact），或自定义对象的 custom:<对象键>（如 custom:site_visits）',
    ],
    ['The record has no customer success manager to give the task to', '记录没有客户成功经理，无法分配任务'],
    ["The record has no owner's manager to give the task to", '记录没有负责人的经理，无法分配任务'],
    [
      'No WeCom robot is configured — add one in Settings → Channels',
      '尚未配置企业微信机器人，请在 设置 → 渠道 中添加',
    ],
    [
      'The webhook "CRM sync" is disabled — enable it in Settings → Channels',
      'Webhook「CRM sync」已停用，请在 设置 → 渠道 中启用',
    ],
    [
      'An account with unified social credit code 91320100MA1W8X5T2K exists already: "南京驰远燃气集团有限公司" (0190a1b2-c3d4); open it, or merge the two',
      '统一社会信用代码为 91320100MA1W8X5T2K 的客户已存在："南京驰远燃气集团有限公司"（0190a1b2-c3d4）；请打开它，或合并这两个客户',
    ],
    [
      'The built-in role "Finance" cannot be deleted; it is part of the workspace template',
      '内置角色 "Finance" 不能删除：它是工作区模板的一部分',
    ],
    [
      'The role "Key account lead" is held by 2 people; give them another role first',
      '角色 "Key account lead" 仍有 2 人在用；请先为他们换一个角色',
    ],
    [
      'This installation is set up already; sign in, or ask an administrator for an account',
      '此安装已完成设置；请登录，或向管理员申请账号',
    ],
  ])('translates %j', (english, chinese) => {
    expect(translateMessage(english, 'zh-CN')).toBe(chinese)
  })

  it.each([
    ['a message the catalogue does not know', 'Quarterly plan is frozen until Monday'],
    ['a known template around an unknown part', 'Invalid name: the moon is made of cheese'],
    ['sentences of which one is unknown', 'is required; the moon is made of cheese'],
    ['an administrator task it does not know', 'Only administrators may feed the cat'],
    ['a prototype key', 'constructor'],
  ])('leaves English when it meets %s', (_, english) => {
    expect(translateMessage(english, 'zh-CN')).toBe(english)
  })

  it('leaves every message unchanged for an English caller', () => {
    for (const english of Object.keys(zhExact)) expect(translateMessage(english, 'en')).toBe(english)
    expect(translateMessage('at most 100 characters', 'en')).toBe('at most 100 characters')
  })

  it('knows every catalogue entry, and never leaves a placeholder or an English sentence inside', () => {
    for (const [english, chinese] of Object.entries(zhExact)) {
      expect(translateMessage(english, 'zh-CN')).toBe(chinese)
      expect(chinese).not.toMatch(/\$\d|\uE000/)
    }
  })
})

describe('translateErrors and translateTitle', () => {
  it('translates each field message and keeps its path', () => {
    const errors = [
      { path: 'name', message: 'at most 100 characters' },
      { path: 'custom.tier', message: 'something new' },
    ]
    expect(translateErrors(errors, 'zh-CN')).toEqual([
      { path: 'name', message: '最多 100 个字符' },
      { path: 'custom.tier', message: 'something new' },
    ])
    expect(translateErrors(errors, 'en')).toBe(errors)
  })

  it.each([
    [400, 'Invalid input', '输入无效'],
    [403, 'Not allowed', '不允许'],
    [409, 'Conflict', '冲突'],
    [418, 'Error', 'Error'],
  ])('gives status %d the title %s or %s', (status, english, chinese) => {
    expect(translateTitle(status, english, 'en')).toBe(english)
    expect(translateTitle(status, english, 'zh-CN')).toBe(chinese)
  })

  it.each([
    ['Say why you reject it', '请填写驳回原因'],
    ['No approval flow applies to this contracts record', '没有适用于此合同记录的审批流程'],
    [
      'This record is waiting for approval; these fields are locked until it is decided: amount, endDate',
      '此记录正在审批中，以下字段在审批结束前已锁定：amount, endDate',
    ],
    [
      'status becomes approved only through the approval flow "Contract approval": submit the record for approval (POST /api/v1/approvals)',
      'status 只能通过审批流程「Contract approval」变为 approved：请提交审批（POST /api/v1/approvals）',
    ],
    ['You are not an approver of the step "Finance" still to decide', '你不是待处理步骤「Finance」的审批人'],
  ])('says the approval message %s in Chinese', (english, chinese) => {
    expect(translateMessage(english, 'zh-CN')).toBe(chinese)
  })
})
