import { z } from 'zod'
import { Id, RecordBase, Timestamp } from './common'
import { ticketPriorities } from './records'

/**
 * Automation: rules (trigger → conditions → ordered actions), their runs, playbooks,
 * notifications and delivery channels (SPEC ).
 */

/** Record types a rule can watch: the `entity` of each record collection. */
export const ruleEntities = [
  'account',
  'contact',
  'lead',
  'opportunity',
  'activity',
  'quote',
  'order',
  'contract',
  'invoice',
  'payment',
  'ticket',
  'task',
  'marketing_touch',
  'handoff',
  'survey_response',
  'alert',
] as const
export type RuleEntity = (typeof ruleEntities)[number]

/**
 * A custom object as a rule's entity: `custom:<object key>`, e.g. `custom:site_visits`. The prefix keeps
 * the built-in names as they were and never collides with them (the events stay `<key>.created`…).
 */
export const CUSTOM_ENTITY_PREFIX = 'custom:'
export type CustomRuleEntity = `custom:${string}`
/** What a rule's trigger may watch: a built-in record type or a custom object. */
export type RuleTarget = RuleEntity | CustomRuleEntity
export const isCustomEntity = (e: string | null | undefined): e is CustomRuleEntity =>
  !!e && e.startsWith(CUSTOM_ENTITY_PREFIX)
/** The custom object key of a `custom:<key>` entity, or null for a built-in one. */
export const customObjectKeyOf = (e: string | null | undefined): string | null =>
  isCustomEntity(e) ? e.slice(CUSTOM_ENTITY_PREFIX.length) : null
const CustomEntity = z.templateLiteral([CUSTOM_ENTITY_PREFIX, z.string().regex(/^[a-z][a-z0-9_]{1,40}$/)])
const entityError = `a record type (${ruleEntities.join(', ')}), or custom:<object key> for a custom object (e.g. custom:site_visits)`
/** The entity of a trigger: a built-in record type or `custom:<object key>`. */
export const RuleTargetSchema = z.union([z.enum(ruleEntities), CustomEntity], { error: entityError })

const fieldName = z
  .string()
  .regex(/^[a-zA-Z][a-zA-Z0-9_.]{0,80}$/, 'a field name such as stage or account.tier')
const roleKey = z.string().regex(/^[a-z][a-z0-9_]{1,39}$/, 'a role key such as legal')

export const triggerKinds = [
  'record_created',
  'record_updated',
  'record_deleted',
  'field_changed',
  'stage_changed',
  'date_reached',
  'schedule',
  'webhook',
  'approval_event',
] as const

/** What happens to an approval request, as a rule trigger (`approval_event`) and an event `approval.<event>`. */
export const approvalEvents = [
  'submitted',
  'step_completed',
  'approved',
  'rejected',
  'recalled',
  'overdue',
] as const
export type ApprovalEvent = (typeof approvalEvents)[number]

export const RuleTrigger = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('record_created'), entity: RuleTargetSchema }),
  z.object({ kind: z.literal('record_updated'), entity: RuleTargetSchema }),
  z.object({ kind: z.literal('record_deleted'), entity: RuleTargetSchema }),
  z.object({
    kind: z.literal('field_changed'),
    entity: RuleTargetSchema,
    field: fieldName,
    /** Fires only when the old value equals `from` (omit for any). */
    from: z.unknown().optional(),
    /** Fires only when the new value equals `to` (omit for any). */
    to: z.unknown().optional(),
  }),
  z.object({
    kind: z.literal('stage_changed'),
    entity: z.literal('opportunity').default('opportunity'),
    from: z.string().optional(),
    to: z.string().optional(),
  }),
  z.object({
    kind: z.literal('date_reached'),
    entity: RuleTargetSchema,
    /** A date or timestamp field of the record, e.g. endDate or dueAt. */
    field: fieldName,
    /** Days after the date (negative: before), e.g. −90 for "90 days before the contract ends". */
    offsetDays: z.number().int().min(-3650).max(3650),
  }),
  z.object({
    kind: z.literal('schedule'),
    /** Five-field cron in the workspace's time zone, e.g. "0 9 * * 1" (Mondays at 09:00). */
    cron: z.string().min(9).max(100),
    timezone: z.string().max(60).default('Asia/Shanghai'),
    /** With an entity the rule runs for every record of it that meets the conditions (≤ 500 a firing). */
    entity: RuleTargetSchema.optional(),
  }),
  z.object({
    kind: z.literal('webhook'),
    /** With an entity, the posted body's `recordId` names the record the rule runs on. */
    entity: RuleTargetSchema.optional(),
  }),
  z.object({
    kind: z.literal('approval_event'),
    /** The governed record's type (e.g. contract): the rule runs on that record, the request in `payload.approval`. */
    entity: RuleTargetSchema,
    event: z.enum(approvalEvents),
  }),
])
export type RuleTrigger = z.infer<typeof RuleTrigger>

export const conditionOps = [
  'eq',
  'ne',
  'gt',
  'gte',
  'lt',
  'lte',
  'in',
  'not_in',
  'contains',
  'is_empty',
  'is_not_empty',
  'changed',
  'changed_to',
  'changed_from',
  'within_last_days',
  'within_next_days',
  'more_than_days_ago',
  'more_than_days_ahead',
] as const
export type ConditionOp = (typeof conditionOps)[number]

/** One comparison. `field` is a path: `stage`, `record.amount`, `account.tier`, `before.stage`, `payload.source`. */
export const Condition = z.object({
  field: fieldName,
  op: z.enum(conditionOps),
  value: z.unknown().optional(),
})
export type Condition = z.infer<typeof Condition>

export type ConditionGroup = { all?: (Condition | ConditionGroup)[]; any?: (Condition | ConditionGroup)[] }
const groupOf = <T extends z.ZodType>(item: T) =>
  z.object({ all: z.array(item).max(50).optional(), any: z.array(item).max(50).optional() }).strict()
/** A nested group holds conditions only. */
export const NestedConditionGroup = groupOf(Condition).meta({ id: 'NestedConditionGroup' })
/**
 * Every item of `all` and at least one of `any`; items are conditions or one level of nested groups
 * (e.g. tier is strategic AND (priority is high OR priority is urgent)). Not recursive, so the OpenAPI
 * description stays plain.
 */
export const ConditionGroup: z.ZodType<ConditionGroup> = groupOf(
  z.union([Condition, NestedConditionGroup]),
).meta({
  id: 'ConditionGroup',
})

/** Who a task or notification goes to. `owner`, `csm` and `manager` are resolved from the record (or its account). */
export const Recipient = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('user'), userId: Id }),
  z.object({ kind: z.literal('role'), role: roleKey }),
  z.object({ kind: z.literal('owner') }),
  z.object({ kind: z.literal('csm') }),
  /** The manager of the record's owner (or of a task's assignee). */
  z.object({ kind: z.literal('manager') }),
  /** The record's assignee (a ticket's or a task's). */
  z.object({ kind: z.literal('assignee') }),
  /** The manager of the record's team (a ticket's `teamId`). */
  z.object({ kind: z.literal('team_manager') }),
])
export type Recipient = z.infer<typeof Recipient>

export const notificationChannels = ['in_app', 'email', 'wecom', 'dingtalk', 'feishu', 'webhook'] as const
export type NotificationChannel = (typeof notificationChannels)[number]
/** The channels a delivery row may use: the notification channels and SMS (texts to a ticket's contact). */
export const deliveryChannels = [...notificationChannels, 'sms'] as const
export type DeliveryChannel = (typeof deliveryChannels)[number]

/** Text with `{{record.name}}`, `{{account.name}}`, `{{before.stage}}`, `{{payload.x}}` placeholders. */
const template = (max: number) => z.string().min(1, 'must not be empty').max(max)

export const TaskTemplate = z.object({
  title: template(300),
  description: z.string().max(5000).optional(),
  assignee: Recipient,
  /** Due this many days after the action runs (fractions allowed: 0.5 = 12 hours). */
  dueInDays: z.number().min(0).max(3650).optional(),
  priority: z.enum(ticketPriorities).default('normal'),
})
export type TaskTemplate = z.infer<typeof TaskTemplate>

export const actionTypes = [
  'create_task',
  'notify',
  'update_fields',
  'assign_owner',
  'call_webhook',
  'start_playbook',
  'start_approval',
] as const

export const RuleAction = z.discriminatedUnion('type', [
  z.object({
    type: z.literal('create_task'),
    task: TaskTemplate,
    /** The task's source: `rule` (default), or `sop` for a pipeline stage's standard tasks. */
    source: z.enum(['rule', 'sop']).optional(),
  }),
  z.object({
    type: z.literal('notify'),
    to: z.array(Recipient).min(1, 'name at least one recipient').max(20),
    channels: z.array(z.enum(notificationChannels)).min(1, 'choose at least one channel'),
    subject: template(200),
    body: z.string().max(5000).default(''),
    /** The robot or webhook endpoint for wecom/dingtalk/feishu/webhook; default: the workspace's first of that kind. */
    webhookId: Id.optional(),
  }),
  z.object({
    type: z.literal('update_fields'),
    /** Field → value; string values may use placeholders. All fields change in one write or none do. */
    fields: z.record(fieldName, z.unknown()).refine((f) => Object.keys(f).length > 0, 'name a field to set'),
  }),
  z.object({
    type: z.literal('assign_owner'),
    strategy: z.enum(['round_robin', 'territory']),
    /** round_robin: these users in turn (or the members of teamId). */
    userIds: z.array(Id).max(200).optional(),
    teamId: Id.optional(),
    /** territory: the record's (or its account's) field whose value picks the owner, e.g. region. */
    field: fieldName.optional(),
    territories: z.record(z.string(), Id).optional(),
    fallbackUserId: Id.optional(),
  }),
  z.object({
    type: z.literal('call_webhook'),
    webhookId: Id.optional(),
    url: z.url({ protocol: /^https?$/, error: 'must be an http(s) URL' }).optional(),
  }),
  z.object({ type: z.literal('start_playbook'), playbookId: Id }),
  /** Submits the record for approval under the first flow of its object that applies, as its owner. */
  z.object({ type: z.literal('start_approval') }),
])
export type RuleAction = z.infer<typeof RuleAction>

const ruleFields = {
  name: z.string().trim().min(1, 'must not be empty').max(200),
  description: z.string().max(2000),
  enabled: z.boolean(),
  trigger: RuleTrigger,
  conditions: ConditionGroup,
  actions: z.array(RuleAction).min(1, 'add at least one action').max(20),
}
export const RuleCreate = z
  .object({
    ...ruleFields,
    description: ruleFields.description.optional(),
    enabled: ruleFields.enabled.default(true),
    conditions: ConditionGroup.default({ all: [] }),
    ownerId: Id.nullable().optional(),
  })
  .strict()
  .meta({ id: 'RuleCreate' })
export const RuleUpdate = z
  .object({
    version: z.number().int().min(1),
    name: ruleFields.name.optional(),
    description: ruleFields.description.nullable().optional(),
    enabled: z.boolean().optional(),
    trigger: RuleTrigger.optional(),
    conditions: ConditionGroup.optional(),
    actions: ruleFields.actions.optional(),
    ownerId: Id.nullable().optional(),
  })
  .strict()
  .meta({ id: 'RuleUpdate' })
export const Rule = RecordBase.extend({
  name: z.string(),
  description: z.string().nullable(),
  enabled: z.boolean(),
  trigger: RuleTrigger,
  conditions: ConditionGroup,
  actions: z.array(RuleAction),
  /** A key for the inbound webhook trigger: POST /api/v1/hooks/rules/:id/:key. */
  hookKey: z.string().nullable(),
  lastRunAt: Timestamp.nullable(),
  runCount: z.number().int(),
  failedCount: z.number().int(),
  template: z.string().nullable(),
}).meta({ id: 'Rule' })
export type Rule = z.infer<typeof Rule>

export const RuleVersion = z
  .object({
    ruleId: Id,
    version: z.number().int(),
    definition: z.record(z.string(), z.unknown()),
    changedBy: Id.nullable(),
    changedAt: Timestamp,
  })
  .meta({ id: 'RuleVersion' })

export const actionStatuses = ['done', 'skipped', 'failed', 'retrying', 'queued', 'would_run'] as const
export const ActionOutcome = z.object({
  index: z.number().int(),
  type: z.enum(actionTypes),
  status: z.enum(actionStatuses),
  /** What the action did, e.g. `{taskId}` or `{notificationIds}`, or what it would do in a dry run. */
  detail: z.record(z.string(), z.unknown()).nullable(),
  error: z.string().nullable(),
  attempts: z.number().int(),
})
export type ActionOutcome = z.infer<typeof ActionOutcome>

export const ConditionTrace = z.object({
  field: z.string(),
  op: z.string(),
  expected: z.unknown().optional(),
  actual: z.unknown().optional(),
  result: z.boolean(),
})

export const runStatuses = ['succeeded', 'failed', 'partial', 'not_matched', 'loop_cut', 'running'] as const
export const RuleRun = z
  .object({
    id: Id,
    ruleId: Id,
    ruleName: z.string().nullable(),
    ruleVersion: z.number().int(),
    trigger: z.string(),
    eventId: Id.nullable(),
    entityType: z.string().nullable(),
    entityId: Id.nullable(),
    depth: z.number().int(),
    status: z.enum(runStatuses),
    matched: z.boolean(),
    conditions: z.array(ConditionTrace),
    actions: z.array(ActionOutcome),
    durationMs: z.number().int(),
    startedAt: Timestamp,
    finishedAt: Timestamp.nullable(),
  })
  .meta({ id: 'RuleRun' })
export type RuleRun = z.infer<typeof RuleRun>

/** `POST /rules/dry-run`: a saved rule (ruleId) or an unsaved definition, against one record. */
export const DryRunRequest = z
  .object({
    ruleId: Id.optional(),
    rule: RuleCreate.optional(),
    recordId: Id.optional(),
    payload: z.record(z.string(), z.unknown()).optional(),
  })
  .strict()
  .refine((b) => !!b.ruleId !== !!b.rule, { message: 'give ruleId or rule, not both', path: ['ruleId'] })
export const DryRunResult = z
  .object({
    matched: z.boolean(),
    conditions: z.array(ConditionTrace),
    actions: z.array(ActionOutcome),
    record: z.record(z.string(), z.unknown()).nullable(),
  })
  .meta({ id: 'DryRunResult' })

export const PlaybookStep = z.object({
  title: z.string().trim().min(1, 'must not be empty').max(300),
  description: z.string().max(5000).optional(),
  assignee: Recipient,
  /** Due this many days after the playbook starts. */
  dueInDays: z.number().min(0).max(3650),
  priority: z.enum(ticketPriorities).default('normal'),
})
export type PlaybookStep = z.infer<typeof PlaybookStep>
export const PlaybookCreate = z
  .object({
    name: z.string().trim().min(1, 'must not be empty').max(200),
    description: z.string().max(2000).optional(),
    steps: z.array(PlaybookStep).min(1, 'add at least one step').max(50),
    ownerId: Id.nullable().optional(),
  })
  .strict()
  .meta({ id: 'PlaybookCreate' })
export const PlaybookUpdate = z
  .object({
    version: z.number().int().min(1),
    name: z.string().trim().min(1).max(200).optional(),
    description: z.string().max(2000).nullable().optional(),
    steps: z.array(PlaybookStep).min(1).max(50).optional(),
    ownerId: Id.nullable().optional(),
  })
  .strict()
  .meta({ id: 'PlaybookUpdate' })
export const Playbook = RecordBase.extend({
  name: z.string(),
  description: z.string().nullable(),
  steps: z.array(PlaybookStep),
  template: z.string().nullable(),
}).meta({ id: 'Playbook' })
export type Playbook = z.infer<typeof Playbook>
export const PlaybookStart = z
  .object({
    relatedType: z.enum(ruleEntities),
    relatedId: Id,
  })
  .strict()

// ── notifications ─────────────────────────────────────────────────────────────

export const deliveryStatuses = ['pending', 'sent', 'failed', 'retrying', 'skipped'] as const
export const Notification = z
  .object({
    id: Id,
    userId: Id.nullable(),
    role: z.string().nullable(),
    channel: z.enum(deliveryChannels),
    subject: z.string(),
    body: z.string(),
    /** Where the notification points, e.g. `/opportunities/<id>`. */
    link: z.string().nullable(),
    relatedType: z.string().nullable(),
    relatedId: Id.nullable(),
    status: z.enum(deliveryStatuses),
    error: z.string().nullable(),
    attempts: z.number().int(),
    sentAt: Timestamp.nullable(),
    readAt: Timestamp.nullable(),
    ruleRunId: Id.nullable(),
    webhookId: Id.nullable(),
    createdAt: Timestamp,
  })
  .meta({ id: 'Notification' })
export type Notification = z.infer<typeof Notification>

export const webhookKinds = ['webhook', 'wecom', 'dingtalk', 'feishu'] as const
export const webhookFields = {
  name: z.string().trim().min(1, 'must not be empty').max(200),
  kind: z.enum(webhookKinds),
  url: z.url({ protocol: /^https?$/, error: 'must be an http(s) URL' }),
  /** HMAC secret (webhook), signing secret (DingTalk "加签", Feishu "签名校验"). Write-only. */
  secret: z.string().max(200),
  /** For kind webhook: event types forwarded as they happen, e.g. ["opportunity.updated", "account.*"]. */
  events: z
    .array(z.string().regex(/^[a-z_*]+(\.[a-z_*]+)?$/, 'an event type such as account.created or account.*'))
    .max(50),
  enabled: z.boolean(),
  /**
   * The role whose field-level security applies to what the endpoint receives (events, notifications,
   * rule calls); null: only the fields that no role has hidden (SPEC R-23).
   */
  fieldAccessRole: z
    .string()
    .regex(/^[a-z][a-z0-9_]{1,39}$/, 'a role key such as admin or finance')
    .nullable(),
}
export const WebhookCreate = z
  .object({
    ...webhookFields,
    secret: webhookFields.secret.optional(),
    events: webhookFields.events.default([]),
    enabled: webhookFields.enabled.default(true),
    fieldAccessRole: webhookFields.fieldAccessRole.default(null),
  })
  .strict()
  .meta({ id: 'WebhookCreate' })
export const WebhookUpdate = z
  .object({
    version: z.number().int().min(1),
    name: webhookFields.name.optional(),
    kind: webhookFields.kind.optional(),
    url: webhookFields.url.optional(),
    secret: webhookFields.secret.nullable().optional(),
    events: webhookFields.events.optional(),
    enabled: z.boolean().optional(),
    fieldAccessRole: webhookFields.fieldAccessRole.optional(),
  })
  .strict()
  .meta({ id: 'WebhookUpdate' })
export const Webhook = RecordBase.extend({
  name: z.string(),
  kind: z.enum(webhookKinds),
  url: z.string(),
  hasSecret: z.boolean(),
  events: z.array(z.string()),
  enabled: z.boolean(),
  fieldAccessRole: z.string().nullable(),
}).meta({ id: 'Webhook' })

/** Workspace e-mail settings (SMTP). The password is write-only. */
export const SmtpSettings = z
  .object({
    host: z.string().trim().min(1, 'must not be empty').max(200),
    port: z.number().int().min(1).max(65535),
    secure: z.boolean().default(false),
    user: z.string().max(200).optional(),
    password: z.string().max(200).optional(),
    from: z.string().min(3).max(200),
  })
  .strict()
export const smsProviders = ['aliyun', 'tencent'] as const
/**
 * Workspace SMS settings (Aliyun SMS or Tencent Cloud SMS). The secret is write-only: left out, the stored
 * one is kept. The template is the acknowledgement's: Aliyun `${number}`, `${subject}`; Tencent `{1}`, `{2}`.
 */
export const SmsSettings = z
  .object({
    provider: z.enum(smsProviders, { error: 'must be aliyun or tencent' }),
    enabled: z.boolean().default(true),
    accessKeyId: z.string().trim().min(1, 'must not be empty').max(200),
    accessKeySecret: z.string().max(200).optional(),
    signName: z.string().trim().min(1, 'must not be empty').max(50),
    templateCode: z.string().trim().min(1, 'must not be empty').max(50),
    region: z
      .string()
      .trim()
      .regex(/^[a-z]{2,}(-[a-z0-9]+)+$/, 'must be a region such as ap-guangzhou')
      .max(50)
      .nullable()
      .optional(),
    sdkAppId: z
      .string()
      .trim()
      .regex(/^\d{5,20}$/, 'must be the SDK AppID, digits only')
      .nullable()
      .optional(),
    baseUrl: z
      .url({ protocol: /^https?$/, error: 'must be an http(s) URL' })
      .max(300)
      .nullable()
      .optional(),
  })
  .strict()
  .superRefine((v, ctx) => {
    if (v.provider === 'tencent' && !v.sdkAppId)
      ctx.addIssue({ code: 'custom', path: ['sdkAppId'], message: 'Tencent Cloud SMS needs the SDK AppID' })
    if (v.provider === 'tencent' && !/^\d+$/.test(v.templateCode))
      ctx.addIssue({
        code: 'custom',
        path: ['templateCode'],
        message: 'a Tencent Cloud template ID is digits only',
      })
  })
export const NotificationSettings = z
  .object({
    smtp: SmtpSettings.nullable(),
    /** Hour of the day (workspace time) the daily digest goes out. */
    digestHour: z.number().int().min(0).max(23),
  })
  .meta({ id: 'NotificationSettings' })

export const NotificationPreferences = z
  .object({
    /** Channels this person accepts; in-app is always on. */
    channels: z.object({
      email: z.boolean(),
      wecom: z.boolean(),
      dingtalk: z.boolean(),
      feishu: z.boolean(),
    }),
    /** A daily e-mail summarising unread notifications and open tasks. */
    digest: z.boolean(),
  })
  .meta({ id: 'NotificationPreferences' })
export type NotificationPreferences = z.infer<typeof NotificationPreferences>

export const Inbox = z
  .object({
    unread: z.number().int(),
    overdue: z.number().int(),
    tasks: z.array(z.record(z.string(), z.unknown())),
    reminders: z.array(z.record(z.string(), z.unknown())),
    notifications: z.array(Notification),
  })
  .meta({ id: 'Inbox' })

/** `POST /api/v1/jobs/run`: run a scheduled job now (admin); the names are those the server registers. */
export const JobRun = z
  .object({ job: z.string().regex(/^[a-z][a-z0-9_]{1,60}$/, 'a job name such as rules_scan') })
  .strict()

// ── notifications: API shapes ────────────────────────────────────────────────

/** The workspace's SMTP settings as read back: the password never leaves the server. */
export const SmtpSettingsView = z.object({
  host: z.string(),
  port: z.number().int(),
  secure: z.boolean(),
  user: z.string().nullable(),
  from: z.string(),
  hasPassword: z.boolean(),
})
/** The workspace's SMS settings as read back: the secret never leaves the server. */
export const SmsSettingsView = z.object({
  provider: z.enum(smsProviders),
  enabled: z.boolean(),
  accessKeyId: z.string(),
  hasSecret: z.boolean(),
  signName: z.string(),
  templateCode: z.string(),
  region: z.string().nullable(),
  sdkAppId: z.string().nullable(),
  baseUrl: z.string().nullable(),
})
/** `GET /notification-settings`: SMTP (without its password) and the digest hour, with the version to send back. */
export const NotificationSettingsView = z
  .object({
    smtp: SmtpSettingsView.nullable(),
    sms: SmsSettingsView.nullable(),
    digestHour: z.number().int().min(0).max(23),
    /** The address people open OpenKAM at; links in e-mails and robot messages start with it. */
    appUrl: z.string().nullable(),
    version: z.number().int(),
    updatedAt: Timestamp.nullable(),
  })
  .meta({ id: 'NotificationSettingsView' })
/**
 * `PUT /notification-settings`: `smtp: null` removes e-mail; an `smtp` without `password` keeps the
 * stored one, an empty password clears it.
 */
export const NotificationSettingsUpdate = z
  .object({
    version: z.number({ error: 'version is required: send the version you read' }).int().min(1),
    smtp: SmtpSettings.nullable().optional(),
    /** `null` removes SMS; without `accessKeySecret` the stored secret is kept. */
    sms: SmsSettings.nullable().optional(),
    digestHour: NotificationSettings.shape.digestHour.optional(),
    appUrl: z
      .url({ protocol: /^https?$/, error: 'must be an http(s) URL' })
      .nullable()
      .optional(),
  })
  .strict()
  .meta({ id: 'NotificationSettingsUpdate' })

/** `PUT /me/notification-preferences`: the parts to change. */
export const NotificationPreferencesUpdate = z
  .object({
    channels: NotificationPreferences.shape.channels.partial().strict().optional(),
    digest: z.boolean().optional(),
  })
  .strict()

/** `GET /notifications`: my in-app notifications, or (admins, `all=true`) every delivery of the workspace. */
export const NotificationListQuery = z
  .object({
    limit: z.coerce.number().int().min(1).max(500, 'at most 500').default(50),
    cursor: z.string().optional().describe('nextCursor of the previous page'),
    unread: z.enum(['true', 'false']).optional().describe('only unread (true) or only read (false)'),
    channel: z.enum(deliveryChannels).optional().describe('default in_app, unless all=true'),
    status: z.enum(deliveryStatuses).optional(),
    ruleRunId: Id.optional(),
    all: z
      .enum(['true', 'false'])
      .default('false')
      .describe('every delivery of the workspace (administrators)'),
  })
  .strict()

export const UnreadCount = z.object({ unread: z.number().int() }).meta({ id: 'UnreadCount' })
export const ReadAllResult = z.object({ updated: z.number().int() })
export const TestEmailRequest = z.object({ to: z.email('must be an e-mail address') }).strict()
export const TestSmsRequest = z
  .object({
    to: z
      .string()
      .trim()
      .regex(
        /^(\+|00)?[0-9][0-9 ()-]{5,20}$/,
        'must be a mobile number: 11 digits in mainland China, else + and the country code',
      ),
  })
  .strict()

/** One address a ticket's acknowledgement went to, with how the delivery went. */
export const AcknowledgementDelivery = z.object({
  channel: z.enum(['email', 'sms']),
  to: z.string(),
  status: z.enum(deliveryStatuses),
  error: z.string().nullable(),
  attempts: z.number().int(),
  sentAt: Timestamp.nullable(),
})
/**
 * `GET /tickets/:id/acknowledgement`: how the contact was told the ticket was received. `status` is
 * `none` before the acknowledgement ran (or for tickets written in bulk), `skipped` when there was nobody
 * or nothing to send to (see `skipped`), else the deliveries' outcome.
 */
export const TicketAcknowledgement = z
  .object({
    ticketId: Id,
    status: z.enum(['none', 'skipped', 'pending', 'sent', 'partly_sent', 'failed']),
    createdAt: Timestamp.nullable(),
    /** When the last delivery went out (the time the contact was told). */
    acknowledgedAt: Timestamp.nullable(),
    deliveries: z.array(AcknowledgementDelivery),
    /** Channels not used: no contact on the ticket, no e-mail address, no phone, or a phone that takes no texts. */
    skipped: z.array(
      z.object({
        channel: z.enum(['email', 'sms']),
        reason: z.enum(['no_contact', 'no_email', 'no_phone', 'not_mobile']),
      }),
    ),
  })
  .meta({ id: 'TicketAcknowledgement' })
export type TicketAcknowledgement = z.infer<typeof TicketAcknowledgement>
/**
 * The outcome of a test message: `status` is the HTTP status of the receiver, if it answered, and
 * `durationMs` how long the call took. The receiver's answer itself is never passed on (an address that
 * answers is not a way to read other servers).
 */
export const DeliveryTestResult = z
  .object({
    ok: z.boolean(),
    status: z.number().int().optional(),
    durationMs: z.number().int().min(0).optional(),
    error: z.string().optional(),
  })
  .meta({ id: 'DeliveryTestResult' })
export type DeliveryStatus = (typeof deliveryStatuses)[number]
