import { i18n } from '../../shared/i18n/i18n'

const en = {
  title: 'Set up OpenKAM',
  intro:
    'This installation has no workspace yet. Name your workspace and create its first administrator; you are signed in right after.',
  workspace: 'Workspace',
  workspaceName: 'Workspace name',
  workspaceNamePlaceholder: 'e.g. Nanjing Gas key accounts',
  language: 'Workspace language',
  template: 'Template',
  templates: {
    standard: 'Standard KAM template (empty)',
    saas: 'SaaS company template (empty)',
    demo: 'Standard KAM template with sample data',
  },
  templateHelp: {
    standard:
      'Pipeline stages and deliverables, scoring and health models, tiers, alert and handoff rules, approvals and dashboards — no records.',
    saas: 'The standard template with a subscription sales pipeline (trial, proof of value, terms, onboarding, adoption and renewal), a usage-weighted health model and tiers by annual recurring revenue — no records.',
    demo: 'The same template plus about 90 sample accounts and people in every role (password openkam-demo) to try things out.',
  },
  admin: 'First administrator',
  adminName: 'Your name',
  email: 'E-mail',
  password: 'Password',
  passwordHelp: 'At least 8 characters.',
  confirm: 'Repeat the password',
  mismatch: 'The two passwords differ.',
  required: 'Required',
  submit: 'Create workspace and sign in',
  creating: 'Creating the workspace… (sample data takes up to a minute)',
  already_set_up: 'This installation was set up meanwhile. Sign in instead.',
  rate_limited: 'Too many attempts; wait a minute and try again.',
}

const zhCN: typeof en = {
  title: '初始化 OpenKAM',
  intro: '此安装尚无工作空间。请为工作空间命名并创建第一位管理员，完成后将自动登录。',
  workspace: '工作空间',
  workspaceName: '工作空间名称',
  workspaceNamePlaceholder: '例如：南京燃气大客户部',
  language: '工作空间语言',
  template: '模板',
  templates: {
    standard: '标准大客户管理模板（空白）',
    saas: 'SaaS 企业模板（空白）',
    demo: '标准大客户管理模板（含示例数据）',
  },
  templateHelp: {
    standard:
      '包含销售阶段与交付物、评分与健康模型、客户分级、预警与交接规则、审批流和仪表盘，不含业务记录。',
    saas: '在标准模板基础上采用订阅制销售流程（试用、价值验证、条款谈判、上线、使用推广与续约）、以使用数据为主的健康度模型和按年度经常性收入（ARR）划分的客户层级，不含业务记录。',
    demo: '同一模板，另加约 90 家示例客户和各角色示例人员（密码 openkam-demo），便于试用。',
  },
  admin: '第一位管理员',
  adminName: '您的姓名',
  email: '邮箱',
  password: '密码',
  passwordHelp: '至少 8 个字符。',
  confirm: '再次输入密码',
  mismatch: '两次输入的密码不一致。',
  required: '必填',
  submit: '创建工作空间并登录',
  creating: '正在创建工作空间……（示例数据最多需要一分钟）',
  already_set_up: '此安装已在此期间完成初始化，请直接登录。',
  rate_limited: '尝试次数过多，请稍候一分钟再试。',
}

i18n.addResourceBundle('en', 'translation', { setup: en }, true, true)
i18n.addResourceBundle('zh-CN', 'translation', { setup: zhCN }, true, true)
