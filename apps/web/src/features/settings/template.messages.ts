import { i18n } from '../../shared/i18n/i18n'

const en = {
  tab: 'Template',
  exportTitle: 'Export the configuration',
  exportIntro:
    'Downloads this workspace’s whole configuration as one template file: pipelines with their stages and deliverables, custom fields, objects and form layouts, automation rules and playbooks, health and scoring models, ICPs, alert rules, approval flows, tier rules and packages, the business calendar, reports and dashboards, ticket routing rules. No records, people or secrets.',
  download: 'Download template file',
  importTitle: 'Import a template file',
  importIntro:
    'Items are matched by their key (a template key or the name): matching items are changed, the others created, nothing is deleted. You see what would change before anything does; importing the same file again changes nothing.',
  choose: 'Choose a template file (.json)',
  notJson: 'This file is not JSON: {{message}}',
  previewTitle: 'What importing “{{name}}” would do',
  resultTitle: 'Imported: this is what changed',
  kind: 'Kind',
  created: 'Created',
  changed: 'Changed',
  unchanged: 'Unchanged',
  left: 'Kept (not in the file)',
  summary:
    'All kinds together: {{unchanged}} items unchanged, {{left}} items of the workspace not in the file (kept as they are).',
  nothing: 'The workspace already has this configuration: importing it changes nothing.',
  notes: 'The exporting workspace left these out (they named its people or teams):',
  confirm: 'Import',
  cancel: 'Cancel',
  failed: 'The file was not imported; nothing changed.',
  kinds: {
    objects: 'Custom fields, objects and layouts',
    pipelines: 'Pipelines',
    playbooks: 'Playbooks',
    rules: 'Automation rules',
    health_models: 'Health models',
    scoring_models: 'Lead scoring models',
    icps: 'Ideal customer profiles',
    alert_rules: 'Alert rules',
    approval_flows: 'Approval flows',
    tier_rules: 'Tier rules and packages',
    business_calendar: 'Business calendar',
    reports: 'Reports',
    dashboards: 'Dashboards',
    ticket_routing_rules: 'Ticket routing rules',
  },
}

const zhCN: typeof en = {
  tab: '模板',
  exportTitle: '导出配置',
  exportIntro:
    '将本工作空间的全部配置下载为一个模板文件：销售流程及其阶段与交付物、自定义字段、自定义对象与表单布局、自动化规则与剧本、健康度与评分模型、理想客户画像、预警规则、审批流、客户分级规则与服务包、工作日历、报表与仪表盘、工单分派规则。不含业务记录、人员和密钥。',
  download: '下载模板文件',
  importTitle: '导入模板文件',
  importIntro:
    '按键（模板键或名称）匹配配置项：匹配到的修改，其余新建，不删除任何内容。导入前先预览将发生的变更；重复导入同一文件不会再产生任何变更。',
  choose: '选择模板文件（.json）',
  notJson: '该文件不是 JSON：{{message}}',
  previewTitle: '导入“{{name}}”将会：',
  resultTitle: '已导入，变更如下',
  kind: '类别',
  created: '新建',
  changed: '修改',
  unchanged: '不变',
  left: '保留（文件中没有）',
  summary: '合计：{{unchanged}} 项不变，{{left}} 项为工作空间已有而文件中没有（保持不变）。',
  nothing: '工作空间已是此配置，导入不会产生任何变更。',
  notes: '导出时以下内容因涉及原工作空间的人员或团队而被略去：',
  confirm: '导入',
  cancel: '取消',
  failed: '文件未导入，未做任何变更。',
  kinds: {
    objects: '自定义字段、对象与布局',
    pipelines: '销售流程',
    playbooks: '剧本',
    rules: '自动化规则',
    health_models: '健康度模型',
    scoring_models: '线索评分模型',
    icps: '理想客户画像',
    alert_rules: '预警规则',
    approval_flows: '审批流',
    tier_rules: '客户分级规则与服务包',
    business_calendar: '工作日历',
    reports: '报表',
    dashboards: '仪表盘',
    ticket_routing_rules: '工单分派规则',
  },
}

i18n.addResourceBundle('en', 'translation', { workspaceTemplate: en }, true, true)
i18n.addResourceBundle('zh-CN', 'translation', { workspaceTemplate: zhCN }, true, true)
