import { and, eq, isNotNull } from 'drizzle-orm'
import type { AlertRuleType, AlertSeverity, RuleCreate } from '@openkam/contract'
import type { z } from 'zod'
import type { Ctx } from '../../core/context'
import type { Executor } from '../../core/db/types'
import { alertRuleCollection } from './alert.collection'
import { alertRules } from './alert.table'

type Lang = 'zh-CN' | 'en'
type RuleInput = z.input<typeof RuleCreate>

type Default = {
  type: AlertRuleType
  name: string
  description: string
  severity: AlertSeverity
  escalation?: { afterDays: number; severity: AlertSeverity }
  startPlaybook?: string
  /** Whether an opened alert notifies the account manager (default yes). */
  notify?: boolean
}

/** The early-warning rules of a new workspace (SPEC R-13), thresholds at their defaults. */
export const defaultAlertRules = (l: Lang): Default[] => {
  const en = l === 'en'
  return [
    {
      type: 'usage_drop_key_contact',
      name: en ? 'Usage down and a key contact changed' : '使用量下降且关键联系人变动',
      description: en
        ? 'Usage (logins and feature use) down 20% or more month over month AND a champion or economic buyer left or changed in the last 30 days. Warning; danger when the account is already at risk. Starts the retention playbook.'
        : '使用频次（登录与功能使用）环比下降 ≥ 20%，且近 30 天内支持者或经济决策人离职或变动。预警；若客户已处于高危则为高危，并启动挽留剧本。',
      severity: 'warning',
      startPlaybook: 'retention',
    },
    {
      type: 'no_login',
      name: en ? 'No login for 30 days' : '30 天未登录',
      description: en
        ? 'An account that sends usage data has had no login for 30 days. Raised to danger after 14 days unacknowledged.'
        : '有使用数据上报的客户连续 30 天没有登录。14 天内未确认则升级为高危。',
      severity: 'warning',
      escalation: { afterDays: 14, severity: 'danger' },
    },
    {
      type: 'ticket_surge',
      name: en ? 'Ticket surge' : '工单激增',
      description: en
        ? 'Tickets this week at least 3× the weekly average of the previous 12 weeks, and at least 3 tickets.'
        : '本周工单数达到此前 12 周周均的 3 倍以上，且不少于 3 张。',
      severity: 'warning',
    },
    {
      type: 'payment_overdue',
      name: en ? 'Payment overdue 30 days' : '回款逾期 30 天',
      description: en
        ? 'A payment or invoice more than 30 days past its due date. Raised to danger after 14 days unacknowledged.'
        : '付款或发票超过到期日 30 天仍未结清。14 天内未确认则升级为高危。',
      severity: 'warning',
      escalation: { afterDays: 14, severity: 'danger' },
    },
    {
      type: 'band_at_risk',
      name: en ? 'Health fell to at risk' : '健康度降至高危',
      description: en
        ? 'The health score fell into the at-risk band. Starts the retention playbook.'
        : '健康分跌入高危区间，启动挽留剧本。',
      severity: 'danger',
      startPlaybook: 'retention',
    },
    ...relationshipRules(en),
  ]
}

/** The stand-alone relationship alerts (SPEC R-29); each resolves itself when its cause goes away. */
const relationshipRules = (en: boolean): Default[] => [
  {
    type: 'champion_left',
    name: en ? 'Champion left' : '支持者离职',
    description: en
      ? 'A champion left the account in the last 90 days and no active contact is champion now. Resolves itself when a contact becomes champion.'
      : '近 90 天内支持者离职，且目前没有在职联系人担任支持者。有联系人成为支持者后自动解决。',
    severity: 'warning',
    escalation: { afterDays: 14, severity: 'danger' },
  },
  {
    type: 'economic_buyer_left',
    name: en ? 'Economic buyer left' : '经济决策人离职',
    description: en
      ? 'The economic buyer left the account in the last 90 days and no active contact holds the role now. Danger; resolves itself when a contact holds the role again.'
      : '近 90 天内经济决策人离职，且目前没有在职联系人担任该角色。高危；有联系人重新担任该角色后自动解决。',
    severity: 'danger',
  },
  {
    type: 'key_contact_silent',
    name: en ? 'Key contact silent for 45 days' : '关键联系人 45 天无互动',
    description: en
      ? 'A champion, economic buyer or contact of influence 4 or more has had no activity (meeting, call, e-mail…) for 45 days. Resolves itself after an activity with them.'
      : '支持者、经济决策人或影响力 ≥ 4 的联系人连续 45 天没有任何互动（会议、电话、邮件等）。与其有互动后自动解决。',
    severity: 'warning',
  },
  {
    type: 'committee_role_uncovered',
    name: en ? 'Buying-committee role uncovered' : '采购委员会角色缺位',
    description: en
      ? 'An account with at least 2 active contacts has a buying-committee role (user, technical evaluator, influencer, financial controller, economic buyer) that no contact holds. Info, without a notification; resolves itself when every role is covered.'
      : '有至少 2 位在职联系人的客户，其采购委员会中有角色（使用者、技术评估者、影响者、财务/采购把关者、经济决策者）无人担任。提示级，不发送通知；所有角色都有人覆盖后自动解决。',
    severity: 'info',
    // A gap to work on, seen in the alert centre and the decision map: no message for each one.
    notify: false,
  },
]

/** Installs the default alert rules the workspace lacks (template key = type; deleted ones stay deleted); after the playbooks. */
export async function installAlertTemplate(tx: Executor, ctx: Ctx, lang: Lang) {
  const have = new Set(
    (
      await tx
        .select({ t: alertRules.template })
        .from(alertRules)
        .where(and(eq(alertRules.workspaceId, ctx.ws), isNotNull(alertRules.template)))
    ).map((r) => r.t),
  )
  for (const d of defaultAlertRules(lang).filter((r) => !have.has(r.type))) {
    const rec = await alertRuleCollection.create(tx, ctx, {
      key: d.type,
      name: d.name,
      description: d.description,
      type: d.type,
      enabled: true,
      params: {},
      severity: d.severity,
      escalation: d.escalation ?? null,
      startPlaybook: d.startPlaybook ?? null,
      notify: d.notify ?? true,
    })
    await tx
      .update(alertRules)
      .set({ template: d.type })
      .where(and(eq(alertRules.workspaceId, ctx.ws), eq(alertRules.id, rec.id)))
  }
}

const notifyOwner = (l: Lang) => ({
  type: 'notify' as const,
  to: [{ kind: 'owner' as const }],
  channels: ['in_app' as const, 'email' as const],
  subject: l === 'en' ? 'Alert: {{account.name}}' : '客户预警：{{account.name}}',
  body:
    l === 'en'
      ? '{{account.name}}: {{record.reason}}. Open the alert centre to acknowledge, snooze or resolve it.'
      : '{{account.name}}：{{record.reason}}。请在预警中心确认、稍后提醒或处理。',
})

/**
 * The rule-engine rules that tell the account manager (the alert's owner) at once, in the app and by
 * e-mail: when an alert opens, and when a snoozed one reopens because its condition still holds.
 */
export const alertRuleTemplates = (l: Lang): { key: string; rule: RuleInput }[] => [
  {
    key: 'alert_opened_notify',
    rule: {
      name: l === 'en' ? 'Alert opened: tell the account manager' : '客户预警：立即通知客户经理',
      description:
        l === 'en'
          ? 'A new alert reaches the account manager at once, in the app and by e-mail.'
          : '新的客户预警立即通过站内信和邮件通知客户经理。',
      trigger: { kind: 'record_created', entity: 'alert' },
      conditions: { all: [{ field: 'notify', op: 'eq', value: true }] },
      actions: [notifyOwner(l)],
    },
  },
  {
    key: 'alert_reopened_notify',
    rule: {
      name:
        l === 'en'
          ? 'Snoozed alert reopened: tell the account manager'
          : '稍后提醒的预警重新打开：通知客户经理',
      description:
        l === 'en'
          ? 'A snoozed alert whose condition still holds at the end of the snooze reopens and notifies again.'
          : '稍后提醒到期后预警条件仍然成立，预警重新打开并再次通知。',
      trigger: { kind: 'field_changed', entity: 'alert', field: 'status', from: 'snoozed', to: 'open' },
      conditions: { all: [{ field: 'notify', op: 'eq', value: true }] },
      actions: [notifyOwner(l)],
    },
  },
]
