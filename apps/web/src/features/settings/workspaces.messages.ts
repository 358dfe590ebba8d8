import { i18n } from '../../shared/i18n/i18n'

/** Settings → Workspaces (instance operators) and the workspace switcher of the user menu (issue 20.5). */
const en = {
  tab: 'Workspaces',
  help: 'Every workspace of this installation. As an instance operator you create new ones here, each from a template with its first administrator.',
  name: 'Name',
  key: 'Key',
  createdAt: 'Created',
  people: 'People',
  accounts: 'Accounts',
  demo: 'Demo',
  new: 'New workspace',
  create: 'Create',
  language: 'Language',
  template: 'Template',
  adminEmail: 'Administrator’s e-mail',
  adminName: 'Administrator’s name',
  adminNameHelp: 'Left empty: the part of the e-mail before @.',
  adminPassword: 'First password',
  adminPasswordHelp:
    'Tell the administrator; they change it after signing in. It is stored only as a hash and not shown again.',
  nameRequired: 'Name the workspace',
  emailInvalid: 'Enter an e-mail address',
  passwordShort: 'At least 8 characters',
  created: 'Workspace “{{name}}” created. Its administrator can sign in now.',
  switchTitle: 'Switch workspace',
  switching: 'Opening {{name}}…',
}
const zhCN: typeof en = {
  tab: '工作区',
  help: '本安装中的所有工作区。作为实例运维人员，你可以在此新建工作区，每个工作区基于一个模板创建，并带有首位管理员。',
  name: '名称',
  key: '标识',
  createdAt: '创建时间',
  people: '人员',
  accounts: '客户',
  demo: '演示',
  new: '新建工作区',
  create: '创建',
  language: '语言',
  template: '模板',
  adminEmail: '管理员邮箱',
  adminName: '管理员姓名',
  adminNameHelp: '留空时使用邮箱 @ 之前的部分。',
  adminPassword: '初始密码',
  adminPasswordHelp: '请告知管理员，他们登录后自行修改。密码只以哈希形式保存，不会再次显示。',
  nameRequired: '请填写工作区名称',
  emailInvalid: '请输入电子邮件地址',
  passwordShort: '至少 8 个字符',
  created: '工作区“{{name}}”已创建，其管理员现在可以登录。',
  switchTitle: '切换工作区',
  switching: '正在打开 {{name}}…',
}

i18n.addResourceBundle('en', 'translation', { workspaces: en }, true, true)
i18n.addResourceBundle('zh-CN', 'translation', { workspaces: zhCN }, true, true)
