import type { Permissions } from '../../core/access/permissions'

type RoleTemplate = {
  key: string
  name: { en: string; 'zh-CN': string }
  description: string
  permissions: Permissions
}

const all = { read: 'all', create: 'all', update: 'all', delete: 'all' } as const
const readOnly = { read: 'all', create: 'none', update: 'none', delete: 'none' } as const
const none = { read: 'none', create: 'none', update: 'none', delete: 'none' } as const
/** Everyone builds their own reports and dashboards (and reads those shared with them). */
const personal = { read: 'own', create: 'own', update: 'own', delete: 'own' } as const
/** Everyone sees the users, teams and roles, and reads (but does not change) the automation set-up. */
const directory = {
  users: readOnly,
  teams: readOnly,
  roles: readOnly,
  rules: readOnly,
  playbooks: readOnly,
  'alert-rules': readOnly,
  pipelines: readOnly,
  webhooks: none,
  'health-models': readOnly,
  icps: readOnly,
  'scoring-models': readOnly,
  'segment-settings': readOnly,
  'field-definitions': readOnly,
  'approval-flows': readOnly,
  'ticket-routing-rules': readOnly,
  reports: personal,
  dashboards: personal,
  'dashboard-subscriptions': personal,
  /** Overriding a health score (SPEC R-27): administrators, sales managers and CSMs only. */
  health_overrides: none,
  /** Overriding a service tier or flagging an industry leader (SPEC R-04): administrators and sales managers. */
  tier_overrides: none,
} as const
/** Roles that mostly read still work their own tasks (legal drafts the contract, finance follows up). */
const ownTasks = { tasks: { read: 'all', create: 'own', update: 'own', delete: 'none' } } as const

/**
 * The roles of a new workspace (SPEC R-23). Administrators edit them in Settings → Roles.
 * Each key is a collection (or '*' for the rest); each action has a scope: none | own | team | all.
 */
export const defaultRoles: RoleTemplate[] = [
  {
    key: 'admin',
    name: { en: 'Administrator', 'zh-CN': '管理员' },
    description: 'Everything, including users, roles and settings',
    permissions: { '*': all },
  },
  {
    key: 'executive',
    name: { en: 'Executive', 'zh-CN': '高管' },
    description: 'Sees every record; changes only their own',
    permissions: { ...directory, '*': { read: 'all', create: 'own', update: 'own', delete: 'none' } },
  },
  {
    key: 'sales_manager',
    name: { en: 'Sales manager', 'zh-CN': '销售经理' },
    description: 'Sees and manages the records of the teams they lead or belong to',
    permissions: {
      ...directory,
      health_overrides: { read: 'team', create: 'team', update: 'team', delete: 'team' },
      tier_overrides: { read: 'team', create: 'team', update: 'team', delete: 'team' },
      '*': { read: 'team', create: 'team', update: 'team', delete: 'team' },
    },
  },
  {
    key: 'sales',
    name: { en: 'Account manager', 'zh-CN': '客户经理' },
    description: 'Works their own accounts and pipeline',
    permissions: { ...directory, '*': { read: 'own', create: 'own', update: 'own', delete: 'own' } },
  },
  {
    key: 'presales',
    name: { en: 'Presales', 'zh-CN': '售前顾问' },
    description: "Sees their team's records to support deals; changes their own",
    permissions: { ...directory, '*': { read: 'team', create: 'own', update: 'own', delete: 'none' } },
  },
  {
    key: 'csm',
    name: { en: 'Customer success manager', 'zh-CN': '客户成功经理' },
    description: "Sees their team's accounts; changes the ones they look after",
    permissions: {
      ...directory,
      health_overrides: { read: 'team', create: 'own', update: 'own', delete: 'none' },
      '*': { read: 'team', create: 'own', update: 'own', delete: 'none' },
    },
  },
  {
    key: 'finance',
    name: { en: 'Finance', 'zh-CN': '财务' },
    description: 'Reads every account for billing and payments; keeps contracts, invoices and payments',
    permissions: {
      ...directory,
      ...ownTasks,
      contracts: { read: 'all', create: 'none', update: 'all', delete: 'none' },
      invoices: { read: 'all', create: 'all', update: 'all', delete: 'none' },
      payments: { read: 'all', create: 'all', update: 'all', delete: 'none' },
      '*': { read: 'all', create: 'none', update: 'none', delete: 'none' },
    },
  },
  {
    key: 'legal',
    name: { en: 'Legal', 'zh-CN': '法务' },
    description: 'Reads every account for contracts; drafts and amends the contracts',
    permissions: {
      ...directory,
      ...ownTasks,
      contracts: { read: 'all', create: 'all', update: 'all', delete: 'none' },
      '*': { read: 'all', create: 'none', update: 'none', delete: 'none' },
    },
  },
]
