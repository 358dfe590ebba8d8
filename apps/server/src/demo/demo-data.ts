import type { Lang, T } from './demo-random'
import type { TeamKey, UserKey } from './demo-model'
import type { DemoIndustry } from './demo-words'

export type { Lang }

export const DEMO_PASSWORD = 'openkam-demo'

/** People in every role. E-mails stay the same in both languages so the sign-in never changes. */
export const demoUsers: { key: UserKey; email: string; role: string; name: T; title: T }[] = [
  {
    key: 'admin',
    email: 'admin@demo.openkam.local',
    role: 'admin',
    name: { 'zh-CN': '林嘉怡', en: 'Alex Morgan' },
    title: { 'zh-CN': '系统管理员', en: 'System administrator' },
  },
  {
    key: 'exec',
    email: 'ceo@demo.openkam.local',
    role: 'executive',
    name: { 'zh-CN': '王建国', en: 'Grace Whitfield' },
    title: { 'zh-CN': '首席执行官', en: 'Chief executive' },
  },
  {
    key: 'mgrEast',
    email: 'zhou.min@demo.openkam.local',
    role: 'sales_manager',
    name: { 'zh-CN': '周敏', en: 'Daniel Brooks' },
    title: { 'zh-CN': '华东大客户部总监', en: 'Director, Key Accounts East' },
  },
  {
    key: 'mgrNorth',
    email: 'zhao.lei@demo.openkam.local',
    role: 'sales_manager',
    name: { 'zh-CN': '赵磊', en: 'Priya Raman' },
    title: { 'zh-CN': '华北大客户部总监', en: 'Director, Key Accounts North' },
  },
  {
    key: 'salesA',
    email: 'chen.jie@demo.openkam.local',
    role: 'sales',
    name: { 'zh-CN': '陈杰', en: 'Tom Fletcher' },
    title: { 'zh-CN': '高级客户经理', en: 'Senior account manager' },
  },
  {
    key: 'salesB',
    email: 'li.na@demo.openkam.local',
    role: 'sales',
    name: { 'zh-CN': '李娜', en: 'Emma Clarke' },
    title: { 'zh-CN': '客户经理', en: 'Account manager' },
  },
  {
    key: 'salesC',
    email: 'sun.hao@demo.openkam.local',
    role: 'sales',
    name: { 'zh-CN': '孙浩', en: 'Lucas Meyer' },
    title: { 'zh-CN': '客户经理', en: 'Account manager' },
  },
  {
    key: 'salesD',
    email: 'he.ying@demo.openkam.local',
    role: 'sales',
    name: { 'zh-CN': '何颖', en: 'Sofia Alvarez' },
    title: { 'zh-CN': '客户经理', en: 'Account manager' },
  },
  {
    key: 'presales',
    email: 'xu.tao@demo.openkam.local',
    role: 'presales',
    name: { 'zh-CN': '徐涛', en: 'Ben Okafor' },
    title: { 'zh-CN': '售前解决方案专家', en: 'Solutions consultant' },
  },
  {
    key: 'csmA',
    email: 'gao.ling@demo.openkam.local',
    role: 'csm',
    name: { 'zh-CN': '高玲', en: 'Hannah Kim' },
    title: { 'zh-CN': '客户成功经理', en: 'Customer success manager' },
  },
  {
    key: 'csmB',
    email: 'ma.rui@demo.openkam.local',
    role: 'csm',
    name: { 'zh-CN': '马睿', en: 'Oliver Grant' },
    title: { 'zh-CN': '客户成功经理', en: 'Customer success manager' },
  },
  {
    key: 'finance',
    email: 'qian.li@demo.openkam.local',
    role: 'finance',
    name: { 'zh-CN': '钱丽', en: 'Maria Rossi' },
    title: { 'zh-CN': '财务经理', en: 'Finance manager' },
  },
  {
    key: 'legal',
    email: 'deng.yu@demo.openkam.local',
    role: 'legal',
    name: { 'zh-CN': '邓宇', en: 'James Porter' },
    title: { 'zh-CN': '法务顾问', en: 'Legal counsel' },
  },
]

export const demoTeams: { key: TeamKey; name: T; description: T; manager: UserKey; members: UserKey[] }[] = [
  {
    key: 'east',
    name: { 'zh-CN': '华东大客户部', en: 'Key Accounts East' },
    description: {
      'zh-CN': '上海、江苏、浙江的战略与成长客户',
      en: 'Strategic and growth accounts in the east',
    },
    manager: 'mgrEast',
    members: ['mgrEast', 'salesA', 'salesB', 'presales', 'csmA'],
  },
  {
    key: 'north',
    name: { 'zh-CN': '华北大客户部', en: 'Key Accounts North' },
    description: {
      'zh-CN': '北京、天津、山东的战略与成长客户',
      en: 'Strategic and growth accounts in the north',
    },
    manager: 'mgrNorth',
    members: ['mgrNorth', 'salesC', 'salesD', 'csmB'],
  },
]

/** Hand-named flagship accounts; the rest of the demo's accounts are generated around them. */
export const flagshipAccounts: { name: T; industry: DemoIndustry; annualSpend: string; owner: UserKey }[] = [
  {
    name: { 'zh-CN': '华锐精密制造股份有限公司', en: 'Huarui Precision Manufacturing' },
    industry: 'manufacturing',
    annualSpend: '1850000.00',
    owner: 'salesA',
  },
  {
    name: { 'zh-CN': '东方汇通银行', en: 'Orient Huitong Bank' },
    industry: 'finance',
    annualSpend: '2600000.00',
    owner: 'salesC',
  },
  {
    name: { 'zh-CN': '云杉零售连锁集团', en: 'Spruce Retail Group' },
    industry: 'retail',
    annualSpend: '420000.00',
    owner: 'salesB',
  },
  {
    name: { 'zh-CN': '仁和医疗科技', en: 'Renhe Medical Technology' },
    industry: 'healthcare',
    annualSpend: '760000.00',
    owner: 'salesD',
  },
  {
    name: { 'zh-CN': '博学教育集团', en: 'Boxue Education Group' },
    industry: 'education',
    annualSpend: '95000.00',
    owner: 'salesB',
  },
  {
    name: { 'zh-CN': '星云软件', en: 'Nebula Software' },
    industry: 'saas',
    annualSpend: '310000.00',
    owner: 'salesA',
  },
  {
    name: { 'zh-CN': '通达供应链管理', en: 'Tongda Supply Chain' },
    industry: 'logistics',
    annualSpend: '1120000.00',
    owner: 'salesC',
  },
  {
    name: { 'zh-CN': '金桥证券', en: 'Goldbridge Securities' },
    industry: 'finance',
    annualSpend: '540000.00',
    owner: 'salesD',
  },
  {
    name: { 'zh-CN': '海川新能源', en: 'Haichuan New Energy' },
    industry: 'energy',
    annualSpend: '1480000.00',
    owner: 'mgrEast',
  },
  {
    name: { 'zh-CN': '明德汽车零部件', en: 'Mingde Auto Parts' },
    industry: 'manufacturing',
    annualSpend: '68000.00',
    owner: 'salesA',
  },
  {
    name: { 'zh-CN': '悦家生活超市', en: 'Yuejia Supermarkets' },
    industry: 'retail',
    annualSpend: '88000.00',
    owner: 'salesC',
  },
  {
    name: { 'zh-CN': '瑞康连锁药房', en: 'Ruikang Pharmacies' },
    industry: 'healthcare',
    annualSpend: '230000.00',
    owner: 'salesB',
  },
  {
    name: { 'zh-CN': '智行物流科技', en: 'Zhixing Logistics Tech' },
    industry: 'logistics',
    annualSpend: '175000.00',
    owner: 'salesD',
  },
  {
    name: { 'zh-CN': '启航在线教育', en: 'Qihang Online Learning' },
    industry: 'education',
    annualSpend: '140000.00',
    owner: 'mgrNorth',
  },
]
