/**
 * Simplified Chinese templates for English messages with variable parts (SPEC R-25). `$1`… insert the
 * captured text as it is (names, keys, values); a function may translate a captured part with `t` (a
 * message: null when unknown, which leaves the whole message English) or `noun` (an entity name).
 */
export type Helpers = {
  /** A nested message in Chinese, or null when the catalogue does not know it. */
  t(message: string): string | null
  /** An entity label or collection name in Chinese, or as it is. */
  noun(word: string): string
}
export type Template = string | ((g: string[], h: Helpers) => string | null | undefined)
export type Pattern = readonly [RegExp, Template]

const at = (dict: Record<string, string>, key: string): string | undefined =>
  Object.prototype.hasOwnProperty.call(dict, key) ? dict[key] : undefined

const addressKinds: Record<string, string> = {
  loopback: '本机回环',
  private: '内网',
  'link-local': '链路本地',
  'link-local (cloud metadata)': '链路本地（云元数据）',
  'carrier-grade NAT': '运营商级 NAT',
  unspecified: '未指定',
  multicast: '组播',
  reserved: '保留',
  benchmarking: '基准测试保留',
  NAT64: 'NAT64',
}
const units: Record<string, string> = {
  characters: '个字符',
  items: '项',
  entries: '项',
  bytes: '字节',
  days: '天',
  hours: '小时',
  sections: '个分区',
  fields: '个字段',
  options: '个选项',
  stages: '个阶段',
  records: '条记录',
}
const types: Record<string, string> = {
  string: '文本',
  number: '数字',
  boolean: '布尔值',
  object: '对象',
  array: '数组',
  date: '日期',
  bigint: '大整数',
  null: 'null',
  undefined: '空值',
}
const formats: Record<string, string> = {
  'email address': '电子邮件地址',
  URL: '网址',
  UUID: 'UUID',
  'ISO datetime': 'ISO 日期时间',
  'ISO date': 'ISO 日期',
  'ISO time': 'ISO 时间',
  'ISO duration': 'ISO 时长',
  'IPv4 address': 'IPv4 地址',
  'IPv6 address': 'IPv6 地址',
  'base64-encoded string': 'base64 编码字符串',
  'JSON string': 'JSON 字符串',
  'E.164 number': 'E.164 号码',
  input: '输入',
}
const verbs: Record<string, string> = {
  read: '查看',
  create: '创建',
  update: '修改',
  change: '修改',
  delete: '删除',
}
const scopes: Record<string, string> = {
  yourself: '自己',
  'your team': '你团队',
  anyone: '任何人',
  nobody: '无人',
}
const adminTasks: Record<string, string> = {
  'send test texts': '发送测试短信',
  'apply definition files': '应用定义文件',
  'change lead scoring': '修改线索评分',
  'change the gap rules': '修改缺口规则',
  'change the handoff settings': '修改交接设置',
  'change the segment settings': '修改细分设置',
  'change the tier rules': '修改服务等级规则',
  'change the workspace settings': '修改工作区设置',
  'change what roles see of each field': '修改各角色对每个字段的可见性',
  'design form layouts': '设计表单布局',
  'edit the playbook': '编辑行动手册',
  'manage lead capture forms': '管理线索收集表单',
  'read the audit trail': '查看审计记录',
  'run jobs': '运行后台任务',
  'change the notification settings': '修改通知设置',
  'change the channels': '修改渠道',
}
const settings: Record<string, string> = {
  'handoff settings': '交接设置',
  'lead-scoring settings': '线索评分设置',
  'notification settings': '通知设置',
  'tier rules': '服务等级规则',
  'segment settings': '细分设置',
  'workspace settings': '工作区设置',
}
const cmp = (op: string) => (op === '<=' ? '≤' : op === '>=' ? '≥' : op === 'exactly ' ? '=' : op)
const size = (op: string, n: string, unit: string) =>
  op === '<='
    ? `最多 ${n} ${unit}`
    : op === '>='
      ? `至少 ${n} ${unit}`
      : op === 'exactly '
        ? `必须正好 ${n} ${unit}`
        : null

const channelNames: Record<string, string> = {
  webhook: 'Webhook',
  'WeCom robot': '企业微信机器人',
  'DingTalk robot': '钉钉机器人',
  'Feishu robot': '飞书机器人',
}

/** Tried in order; the first that matches and yields a translation wins. */
export const zhPatterns: readonly Pattern[] = [
  // The outbound guard (core/http/outbound.ts) on a webhook's url, the SMTP host and the SMS API address
  [/^The notification settings are not valid$/, '通知设置无效'],
  [
    /^must be an address on the internet: (.+) is a (.+) address \(OPENKAM_OUTBOUND_ALLOW lets an administrator of the server allow it\)$/,
    (g) =>
      `须为互联网上的地址：${g[0]} 是${at(addressKinds, g[1]!) ?? g[1]}地址（服务器管理员可用 OPENKAM_OUTBOUND_ALLOW 放行）`,
  ],
  // Workspaces and instance operators (issue 20.5)
  [/^A workspace named "(.+)" exists already; choose another name$/, '已有名为“$1”的工作区；请换一个名称'],
  [/^The suggestion was accepted already; its opportunity is (.+)$/, '该建议已被采纳，对应商机为 $1'],
  [
    /^A workspace with the key "(.+)" exists already; choose another key$/,
    '已有标识为“$1”的工作区；请换一个标识',
  ],
  [/^another workspace has this (name|key)$/, (g) => `已有工作区使用此${g[0] === 'name' ? '名称' : '标识'}`],
  [/^There is no template (.+); use one of (.+) or a file$/, '没有模板 $1；请使用 $2 之一或模板文件'],
  [
    /^Only an instance operator may list or create workspaces \(openkam operator grant\)$/,
    '只有实例运维人员可以查看或新建工作区（openkam operator grant）',
  ],
  [/^An API token belongs to one workspace; sign in to switch$/, 'API 令牌只属于一个工作区；请登录后再切换'],
  [
    /^Your account in that workspace is deactivated; ask its administrator to activate it$/,
    '你在该工作区的账号已停用；请联系该工作区的管理员启用',
  ],
  // Ticket conversation and satisfaction
  [
    /^no such file of yours: (.+) — upload it first \(POST \/files\)$/,
    '没有你上传的文件：$1 — 请先上传（POST /files）',
  ],
  [
    /^This ticket was already rated on (\d{4}-\d{2}-\d{2})\. Thank you — nothing more is needed\.$/,
    '此工单已于 $1 评分。感谢你，无需再次操作。',
  ],
  [/^This ticket was already rated on (\d{4}-\d{2}-\d{2})\.$/, '此工单已于 $1 评分。'],
  [/^This rating link expired on (\d{4}-\d{2}-\d{2})\.$/, '此评分链接已于 $1 失效。'],
  // Service levels
  [
    /^(\d{4}-\d{2}-\d{2}) is listed twice in (holidays|workdays)$/,
    (g) => `${g[0]} 在${g[1] === 'holidays' ? '节假日' : '调休上班日'}中出现了两次`,
  ],
  [
    /^(\d{4}-\d{2}-\d{2}) is both a holiday and an extra working day; keep one$/,
    '$1 既是节假日又是调休上班日；请只保留一个',
  ],
  [
    /^The record has no (assignee|team's manager) to give the task to$/,
    (g) => `记录没有${g[0] === 'assignee' ? '处理人' : '所属团队的经理'}，无法分配任务`,
  ],
  // zod's own messages
  [
    /^No (webhook|WeCom robot|DingTalk robot|Feishu robot) is configured — add one in Settings → Channels$/,
    (g) => `尚未配置${at(channelNames, g[0]!) ?? g[0]}，请在 设置 → 渠道 中添加`,
  ],
  [
    /^The (webhook|WeCom robot|DingTalk robot|Feishu robot) "(.+)" is disabled — enable it in Settings → Channels$/,
    (g) => `${at(channelNames, g[0]!) ?? g[0]}「${g[1]}」已停用，请在 设置 → 渠道 中启用`,
  ],
  [
    /^The record has no (user|role|owner|customer success manager|owner's manager) to give the task to$/,
    (g) =>
      `记录没有${at({ user: '用户', role: '角色', owner: '负责人', 'customer success manager': '客户成功经理', "owner's manager": '负责人的经理' }, g[0]!)}，无法分配任务`,
  ],
  [/^Invalid input: expected (\w+), received undefined$/, (g) => `必填（应为${at(types, g[0]!) ?? g[0]}）`],
  [
    /^Invalid input: expected (\w+), received (\w+)$/,
    (g) => `输入无效：应为${at(types, g[0]!) ?? g[0]}，收到的是${at(types, g[1]!) ?? g[1]}`,
  ],
  [/^Invalid input: expected (.+)$/, '输入无效：应为 $1'],
  [/^Invalid option: expected one of (.+)$/, '选项无效：应为以下之一 $1'],
  [
    /^Too (big|small): expected (\w+) to have (<=|>=|<|>|exactly )(\d+) (\w+)$/,
    (g) => (at(units, g[4]!) ? size(g[2]!, g[3]!, at(units, g[4]!)!) : null),
  ],
  [/^Too big: expected (\w+) to be (<=|<|exactly )(.+)$/, (g) => `过大：应 ${cmp(g[1]!)} ${g[2]}`],
  [/^Too small: expected (\w+) to be (>=|>|exactly )(.+)$/, (g) => `过小：应 ${cmp(g[1]!)} ${g[2]}`],
  [/^Invalid string: must match pattern (.+)$/, '字符串无效：必须符合模式 $1'],
  [/^Invalid string: must start with "(.*)"$/, '字符串无效：必须以 "$1" 开头'],
  [/^Invalid string: must end with "(.*)"$/, '字符串无效：必须以 "$1" 结尾'],
  [/^Invalid string: must include "(.*)"$/, '字符串无效：必须包含 "$1"'],
  [/^Invalid number: must be a multiple of (.+)$/, '数字无效：必须是 $1 的倍数'],
  [/^Unrecognized keys?: (.+)$/, '未知的键：$1'],
  [/^Invalid discriminator value\. Expected (.+)$/, '判别值无效，应为 $1'],
  [/^Invalid (?:key|value) in (\w+)$/, '$1 中有无效的值'],
  [/^Invalid input(?:: more than one option matched)?$/, '输入无效'],
  [
    /^Invalid (email address|URL|UUID|ISO datetime|ISO date|ISO time|ISO duration|IPv4 address|IPv6 address|base64-encoded string|JSON string|E\.164 number)$/,
    (g) => `${at(formats, g[0]!)}无效`,
  ],
  // The error handler's summaries
  [
    /^Invalid ([\w.[\], -]*): (.+)$/s,
    (g, h) => {
      const m = h.t(g[1]!)
      return m && `${g[0]} 无效：${m}`
    },
  ],
  [/^Invalid ([\w.[\], -]*)$/, '输入无效：$1'],
  // Sizes and ranges
  [/^(?:must be )?at most ([\d,]+) (\w+)$/, (g) => at(units, g[1]!) && `最多 ${g[0]} ${at(units, g[1]!)}`],
  [/^(?:must be )?at least ([\d,]+) (\w+)$/, (g) => at(units, g[1]!) && `至少 ${g[0]} ${at(units, g[1]!)}`],
  [/^at most ([\d,.]+)$/, '最多 $1'],
  [/^at least ([\d,.]+)$/, '至少 $1'],
  [/^must be at most (.+)$/, '不能大于 $1'],
  [/^must be at least (.+)$/, '不能小于 $1'],
  [/^(?:must be )?from (\d+) to (\d+)$/, '必须在 $1 到 $2 之间'],
  [/^(?:must be )?a whole number from (\d+) to (\d+)$/, '必须是 $1 到 $2 之间的整数'],
  [/^The score must be a whole number from (\d+) to (\d+)$/, '分数必须是 $1 到 $2 之间的整数'],
  [/^must not be before (.+)$/, '不能早于 $1'],
  [/^the period may span at most (\d+) years$/, '时间段最多跨 $1 年'],
  // Choices and references
  [/^must be one of (.+)$/, '必须是以下之一：$1'],
  [/^one or more of (.+)$/, '以下一项或多项：$1'],
  [/^one of (.+)$/, '以下之一：$1'],
  [/^"(.*)" is not one of (.+)$/s, '"$1" 不是以下之一：$2'],
  [/^"(.*)" is not an id$/s, '"$1" 不是 ID'],
  [/^"(.*)" is not a number$/s, '"$1" 不是数字'],
  [/^"(.*)" is not a whole number$/s, '"$1" 不是整数'],
  [/^"(.*)" is not true or false$/s, '"$1" 不是 true 或 false'],
  [/^"(.*)" is not a date \(use ISO-8601\)$/s, '"$1" 不是日期（请使用 ISO-8601）'],
  [/^"(.*)" is not a date like 2026-01-31$/s, '"$1" 不是日期，应如 2026-01-31'],
  [
    /^"(.*)" is not a date and time; use 2026-01-31 14:30 \(UTC\) or ISO-8601 with an offset$/s,
    '"$1" 不是日期时间；请使用 2026-01-31 14:30（UTC）或带时区偏移的 ISO-8601',
  ],
  [/^"(.*)" (?:is used|appears|is listed) twice$/s, '"$1" 重复出现'],
  [/^(\S+) is listed twice$/, '$1 重复出现'],
  [/^the (?:key|metric) (\S+) is used twice$/, '$1 重复出现'],
  [/^the deliverable key (\S+) is used twice in this pipeline$/, '交付物键 $1 在此销售流程中重复出现'],
  [/^the key (\S+) is already used$/, '键 $1 已被使用'],
  [/^"(.*)" is placed twice$/s, '"$1" 被放置了两次'],
  [/^no such ([a-z ]+) in this workspace$/, (g, h) => `此工作区中没有该${h.noun(g[0]!)}`],
  [/^no such ([a-z ]+) in this workspace: (.+)$/s, (g, h) => `此工作区中没有该${h.noun(g[0]!)}：${g[1]}`],
  [/^no such (account|playbook): (.+)$/s, (g, h) => `没有该${h.noun(g[0]!)}：${g[1]}`],
  [/^no (user|playbook) (.+)$/s, (g, h) => `没有${h.noun(g[0]!)} ${g[1]}`],
  [/^[Nn]o role "(.*)" in this workspace$/s, '此工作区中没有角色 "$1"'],
  [/^Unknown role (.+)$/s, '未知的角色 $1'],
  [/^a role "(.*)" exists already$/s, '角色 "$1" 已存在'],
  [/^[Nn]o object "(.*)"$/s, '没有对象 "$1"'],
  [/^no object "(.*)"; one of (.+)$/s, '没有对象 "$1"；可选：$2'],
  [/^No built-in object "(.*)"$/s, '没有内置对象 "$1"'],
  [/^No job named (.+)$/s, '没有名为 $1 的后台任务'],
  [/^already used by account "(.*)" \((.+)\)$/s, '已被客户 "$1"（$2）使用'],
  [
    /^An account with unified social credit code (\S+) exists already: "(.*)" \((.+)\); open it, or merge the two$/s,
    '统一社会信用代码为 $1 的客户已存在："$2"（$3）；请打开它，或合并这两个客户',
  ],
  [
    /^The built-in role "(.*)" cannot be deleted; it is part of the workspace template$/s,
    '内置角色 "$1" 不能删除：它是工作区模板的一部分',
  ],
  [
    /^The role "(.*)" is held by (\d+) (?:person|people); give them another role first$/s,
    '角色 "$1" 仍有 $2 人在用；请先为他们换一个角色',
  ],
  [/^([^;:]+) is required$/, (g, h) => `${h.noun(g[0]!)}必填`],
  // Not found
  [/^([^;:]+) was not found$/, (g, h) => `未找到${h.noun(g[0]!)}`],
  [/^No route (\S+) (.+)$/s, '没有路由 $1 $2'],
  // Filters and cursors
  [
    /^not a filter; filter by (.+), or related records as <object>\.<field> \((.+)\)$/s,
    '不是可用的筛选条件；可按以下字段筛选：$1，或以 <对象>.<字段> 筛选相关记录（$2）',
  ],
  [/^not a filter; filter by (.+)$/s, '不是可用的筛选条件；可按以下字段筛选：$1'],
  [
    /^not a related object; filter related records as <object>\.<field> with one of (.+)$/s,
    '不是相关对象；请以 <对象>.<字段> 筛选相关记录，对象为以下之一：$1',
  ],
  [/^(\S+) applies to dates, numbers and text only$/, '$1 只适用于日期、数字和文本'],
  [/^made for sort=(.*), not (.*)$/, '此游标用于 sort=$1，而不是 $2'],
  // Permissions
  [
    /^Your role may not (read|create|update|delete) ([\w-]+)$/,
    (g, h) => `你的角色不能${at(verbs, g[0]!)}${h.noun(g[1]!)}`,
  ],
  [
    /^Your role may (create|change|delete) ([\w-]+) only for (yourself|your team|anyone|nobody)$/,
    (g, h) => `你的角色只能${at(verbs, g[0]!)}${at(scopes, g[2]!)}的${h.noun(g[1]!)}`,
  ],
  [
    /^Your role may assign ([\w-]+) only to (yourself|your team|anyone|nobody)$/,
    (g, h) => `你的角色只能把${h.noun(g[0]!)}分配给${at(scopes, g[1]!)}`,
  ],
  [/^Your role may not change (.+) of ([\w-]+)$/, (g, h) => `你的角色不能修改${h.noun(g[1]!)}的 ${g[0]}`],
  [
    /^Your role may not (read|create|update|delete) (custom fields|objects) \(administrators may\)$/,
    (g) => `你的角色不能${at(verbs, g[0]!)}${g[1] === 'objects' ? '对象' : '自定义字段'}（管理员可以）`,
  ],
  // API token scopes (SPEC R-22): "This token may only read and write tasks; read accounts, contacts"
  [/^no object (\S+) in this workspace$/, '此工作区没有对象 $1'],
  [/^your role may not read (\S+)$/, (g, h) => `你的角色不能读取${h.noun(g[0]!)}`],
  [
    /^your role may not change (\S+); give it read$/,
    (g, h) => `你的角色不能修改${h.noun(g[0]!)}，请设为只读`,
  ],
  [/^This token may only (.+)$/s, (g, h) => `此令牌只能${tokenScopesZh(g[0]!, h)}`],
  [
    /^The token's scopes are not allowed: no object (\S+) in this workspace$/,
    '令牌范围不允许：此工作区没有对象 $1',
  ],
  [
    /^The token's scopes are not allowed: your role may not read (\S+)$/,
    (g, h) => `令牌范围不允许：你的角色不能读取${h.noun(g[0]!)}`,
  ],
  [
    /^The token's scopes are not allowed: your role may not change (\S+); give it read$/,
    (g, h) => `令牌范围不允许：你的角色不能修改${h.noun(g[0]!)}，请设为只读`,
  ],
  [
    /^Your role may not waive (.+): ask someone with the role (.+)$/s,
    '你的角色不能豁免 $1：请找具有 $2 角色的人',
  ],
  [
    /^Your role may not waive (.+): nobody may waive it; attach it$/s,
    '你的角色不能豁免 $1：任何人都不能豁免，请附上它',
  ],
  [
    /^Only administrators may (.+)$/,
    (g) => at(adminTasks, g[0]!) && `只有管理员可以${at(adminTasks, g[0]!)}`,
  ],
  // Conflicts
  [
    /^The (.+) was changed by someone else since you read it; reload it and apply your change again$/,
    (g, h) => `${h.noun(g[0]!)}在你读取后已被他人修改；请重新加载后再修改`,
  ],
  [
    /^The (.+) (?:were changed by someone else|changed) since you read them; reload (?:them and apply your change again|and try again)$/,
    (g) => at(settings, g[0]!) && `${at(settings, g[0]!)}在你读取后已被修改；请重新加载后再修改`,
  ],
  [/^"(.*)" is the default model already; unset it there first$/s, '"$1" 已是默认模型；请先在那里取消默认'],
  [/^The ([a-z ]+) is not valid$/, (g, h) => `${h.noun(g[0]!)}无效`],
  // Custom fields and objects
  [/^(\S+) have no custom field "(.*)"$/s, (g, h) => `${h.noun(g[0]!)}没有自定义字段 "${g[1]}"`],
  [/^(\S+) have no field "(.*)"$/s, (g, h) => `${h.noun(g[0]!)}没有字段 "${g[1]}"`],
  [/^(\S+) have no field (.+)$/s, (g, h) => `${h.noun(g[0]!)}没有字段 ${g[1]}`],
  [/^(\S+) already have a field "(.*)"$/s, (g, h) => `${h.noun(g[0]!)}已有字段 "${g[1]}"`],
  [
    /^"(.*)" belongs to a deleted field of (\S+); restore it or choose another key$/s,
    (g, h) => `"${g[0]}" 属于${h.noun(g[1]!)}的一个已删除字段；请恢复该字段或换一个键`,
  ],
  [
    /^"(.*)" is a built-in field of (\S+); choose another key$/s,
    (g, h) => `"${g[0]}" 是${h.noun(g[1]!)}的内置字段；请换一个键`,
  ],
  [/^"(.*)" is taken by a built-in object or the API$/s, '"$1" 已被内置对象或 API 占用'],
  // Webhooks: the role whose field access applies (R-23)
  [/^there is no role "(.*)"$/s, '没有角色 "$1"'],
  [/^The workspace already has an object "(.*)"$/s, '工作区已有对象 "$1"'],
  [/^not a field of (\S+)$/, (g, h) => `不是${h.noun(g[0]!)}的字段`],
  [/^does not match the pattern (.+)$/s, '不符合模式 $1'],
  [/^(\w+) fields cannot be filtered$/, '$1 类型的字段不能用于筛选'],
  [
    /^The field was deleted more than (\d+) days ago; its values are gone$/,
    '该字段已删除超过 $1 天；其值已不存在',
  ],
  [
    /^The custom field is not valid: (.+)$/s,
    (g, h) => {
      const parts = g[0]!.split('; ').map((p) => {
        const i = p.indexOf(' ')
        const m = i > 0 ? h.t(p.slice(i + 1)) : null
        return m && `${p.slice(0, i)} ${m}`
      })
      return parts.every(Boolean) ? `自定义字段无效：${parts.join('；')}` : null
    },
  ],
  [/^"(.*)" is not a number field of (\S+)$/s, (g, h) => `"${g[0]}" 不是${h.noun(g[1]!)}的数字字段`],
  [/^(\w+) needs the field of (\S+) to add up$/, (g, h) => `${g[0]} 需要${h.noun(g[1]!)}中用于汇总的字段`],
  [/^(\S+) needs a value$/, '$1 需要一个值'],
  // Files, imports, links
  [
    /^The file is larger than (\d+) MB; upload a smaller file, or link to it instead$/,
    '文件超过 $1 MB；请上传更小的文件，或改为链接',
  ],
  [/^The file's content is not that of a \.(\S+) file$/, '文件内容不是 .$1 文件'],
  [/^\.(\S+) files are not accepted; upload one of: (.+)$/s, '不接受 .$1 文件；请上传以下类型之一：$2'],
  [
    /^Files without an extension are not accepted; upload one of: (.+)$/s,
    '不接受没有扩展名的文件；请上传以下类型之一：$1',
  ],
  [/^Field (\d+) of the file is not valid$/, '文件中的第 $1 个字段无效'],
  [
    /^"(.*)" is not a field of (\S+); use one of (.+)$/s,
    (g, h) => `"${g[0]}" 不是${h.noun(g[1]!)}的字段；可用：${g[2]}`,
  ],
  [
    /^"(.*)" is not a field of (\S+) pointing to (\S+)$/s,
    (g, h) => `"${g[0]}" 不是${h.noun(g[1]!)}中指向${h.noun(g[2]!)}的字段`,
  ],
  [
    /^"(.*)" is not a built-in object \(roll-ups count built-in objects' records\)$/s,
    '"$1" 不是内置对象（汇总只统计内置对象的记录）',
  ],
  [/^the file has no column "(.*)"; its columns are (.+)$/s, '文件中没有列 "$1"；现有的列：$2'],
  [/^"(.*)" is not an object you can import; use one of (.+)$/s, '"$1" 不是可导入的对象；可用：$2'],
  [
    /^columns "(.*)" and "(.*)" both map to (\S+); ignore one of them in the mapping$/s,
    '列 "$1" 和 "$2" 都映射到 $3；请在映射中忽略其中一列',
  ],
  [/^has (\d+) cells but the header has (\d+) columns$/, '有 $1 个单元格，但表头有 $2 列'],
  [/^a comma-separated list of (.+)$/s, '以逗号分隔的列表，取值：$1'],
  [/^not a dimension of the model; use (.+)$/s, '不是模型的维度；可用：$1'],
  [
    /^This confirmation link expired on (.+)\. Ask your account team to send a new one\.$/,
    '此确认链接已于 $1 过期。请让你的客户团队重新发送。',
  ],
  [/^This survey link expired on (.+)\.$/, '此调查链接已于 $1 过期。'],
  [
    /^This survey was already answered on (.+)\. Thank you — nothing more is needed\.$/,
    '此调查已于 $1 答复。谢谢 — 无需再做什么。',
  ],
  [
    /^This milestone was already confirmed on (\S+)(?: by (.+))?\. Thank you — nothing more is needed\.$/,
    (g) => `此里程碑已于 ${g[0]}${g[1] ? ` 由 ${g[1]} ` : ''}确认。谢谢 — 无需再做什么。`,
  ],
  [
    /^Complete every checklist item before submitting; still open: (.+)$/s,
    '提交前请完成所有检查项；尚未完成：$1',
  ],
  [
    /^An override \(score (\S+), until (\S+)\) is active; end it first$/,
    '已有生效中的覆盖（分数 $1，至 $2）；请先结束它',
  ],
  [
    /^A range needs a number field: (.+)$/s,
    (g, h) => {
      const m = h.t(g[0]!)
      return m && `区间需要数字字段：${m}`
    },
  ],
  [
    /^(\S+) is a number( field)?: give a range \(min, max or both\)$/,
    '$1 是数字字段：请给出区间（min、max 或两者）',
  ],
  [
    /^(\S+) is a text field: give a set of values, or set its valueType to "number"$/,
    '$1 是文本字段：请给出一组值，或将其 valueType 设为 "number"',
  ],
  [/^(\S+) does not hold numbers: give a set of values$/, '$1 不含数字：请给出一组值'],
  [
    /^(\S+) is a built-in field with its own type; valueType is for custom fields only$/,
    '$1 是有自身类型的内置字段；valueType 只用于自定义字段',
  ],
  [
    /^An account that looks like "(.*)" exists \("(.*)", same ([\w ]+)\); convert into it \(accountId\) or create a new one \(createNew: true\)$/s,
    '已存在与 "$1" 相似的客户（"$2"，$3 相同）；请转化到该客户（accountId），或新建一个（createNew: true）',
  ],
  [/^(\d+) touches name an unknown account$/, '$1 条触达指向未知的客户'],
  [/^(\d+) usage event\(s\) refused; nothing was recorded$/, '$1 个使用事件被拒绝；没有记录任何内容'],
  [
    /^(\d+) stored values? of "(.*)" cannot become (\w+) \(e\.g\. (.+)\); change or clear them first$/s,
    '"$2" 有 $1 个已存储的值无法转换为 $3（例如 $4）；请先修改或清空这些值',
  ],
  // Business rules
  [/^The deal is already (won|lost)$/, (g) => `该商机已${g[0] === 'won' ? '赢单' : '丢单'}`],
  [
    /^Before leaving (.+), attach (.+) \(or have them waived by someone allowed to\)$/s,
    '离开“$1”之前，请附上 $2（或请有权限的人豁免）',
  ],
  [
    /^(\S+) is not a required deliverable of the stages this move leaves$/,
    '$1 不是此次推进所离开阶段需要的交付物',
  ],
  [
    /^that pipeline has no (\S+) stage; move the deal to one of (.+) first$/s,
    '该销售流程没有 $1 阶段；请先把商机移到以下阶段之一：$2',
  ],
  [/^the weights sum to ([\d.]+); they must sum to exactly 100$/, '权重之和为 $1；必须正好为 100'],
  [/^the weights sum to ([\d.]+)%, not 100%$/, '权重之和为 $1%，不是 100%'],
  [/^The weights sum to ([\d.]+)%; they must sum to exactly 100%$/, '权重之和为 $1%；必须正好为 100%'],
  [
    /^must be above the growth threshold \((.+)\): tiers are ordered strategic > growth > essential$/,
    '必须高于 growth 阈值（$1）：服务等级顺序为 strategic > growth > essential',
  ],
  [/^This handoff was already (\w+)$/, '此交接已处于 $1 状态'],
  [/^"(.*)" is not done$/s, '“$1”尚未完成'],
  [
    /^This account already has an unresolved (\S+) alert \((.+)\); resolve it before opening another$/,
    '此客户已有一个未解决的 $1 预警（$2）；请先解决它再新建',
  ],
  [
    /^This form accepts at most (\d+) submissions an hour; try again later$/,
    '此表单每小时最多接受 $1 次提交；请稍后再试',
  ],
  [/^This lead was converted already \(account (.+)\)$/, '此线索已转化（客户 $1）'],
  [
    /^(.+) is a (formula|rollup) field: computed, so a rule cannot set it$/,
    '$1 是计算字段（$2），规则不能设置它',
  ],
  [
    /^a rule cannot set (\S+): (.+)$/s,
    (g, h) => {
      const m = h.t(g[1]!)
      return m && `规则不能设置 ${g[0]}：${m}`
    },
  ],
  [/^(\S+) is not a date field$/, '$1 不是日期字段'],
  [/^(\S+) has no field (\S+) that can be set$/, (g, h) => `${h.noun(g[0]!)}没有可设置的字段 ${g[1]}`],
  [/^no such playbook: (.+)$/s, '没有该行动手册：$1'],
  // Rules on custom objects
  [/^the workspace has no custom object (\S+)$/, '工作区中没有自定义对象 $1'],
  [/^custom objects: (.+)$/s, '自定义对象：$1'],
  [/^(\S+) has no custom field (\S+)$/, '$1 没有自定义字段 $2'],
  [/^custom fields: (.+)$/s, '自定义字段：$1'],
  [
    /^(\S+) records have no account \(a relation field to accounts\), so account fields cannot be used$/,
    '$1 的记录没有所属客户（指向客户的关联字段），因此不能使用客户字段',
  ],
  [
    /^The rule watches (\S+), a custom object that was deleted; restore it to run the rule$/,
    '此规则监视的自定义对象 $1 已被删除；请恢复该对象后再运行规则',
  ],
  [
    /^a record type \((.+)\), or custom:<object key> for a custom object \(e\.g\. (\S+)\)$/s,
    '应为记录类型（$1），或自定义对象的 custom:<对象键>（如 $2）',
  ],
  // Approvals (issue 16)
  [
    /^This record is waiting for approval; these fields are locked until it is decided: (.+)$/s,
    '此记录正在审批中，以下字段在审批结束前已锁定：$1',
  ],
  [
    /^(\S+) becomes (.+) only through the approval flow "(.+)": submit the record for approval \(POST \/api\/v1\/approvals\)$/s,
    '$1 只能通过审批流程「$3」变为 $2：请提交审批（POST /api/v1/approvals）',
  ],
  [/^No approval flow applies to this (\S+) record$/, (g, h) => `没有适用于此${h.noun(g[0]!)}记录的审批流程`],
  [
    /^Nobody can approve the step "(.+)" for you \(no manager, team manager or role holder\) — change the flow in Settings → Approvals$/s,
    '步骤「$1」没有可以为你审批的人（没有上级、团队负责人或该角色的人员）——请在 设置 → 审批 中修改流程',
  ],
  [/^This approval is already (\S+)$/, '此审批已是 $1 状态'],
  [
    /^This approval is no longer waiting for this step \(it is (\S+)\)$/,
    '此审批已不在等待该步骤（当前为 $1）',
  ],
  [/^You are not an approver of the step "(.+)" still to decide$/s, '你不是待处理步骤「$1」的审批人'],
  [
    /^Your role may not change (\S+), so it may not submit them$/,
    (g, h) => `你的角色不能修改${h.noun(g[0]!)}，因此不能提交审批`,
  ],
  [/^No object (\S+) in this workspace$/, '工作区中没有对象 $1'],
  [/^no such object in this workspace: (.+)$/s, '工作区中没有该对象：$1'],
  [/^(\S+) has no field (\S+)$/, (g, h) => `${h.noun(g[0]!)}没有字段 ${g[1]}`],
  [/^no such role: (.+)$/s, '没有该角色：$1'],
  [/^not a file you uploaded: (.+)$/s, '不是你上传的文件：$1'],
  [/^no such team: (.+)$/s, '没有该团队：$1'],
  // SMS providers' refusals keep the provider's own code and message.
  [/^Aliyun SMS refused the message \(([^)]+)\): (.*)$/s, '阿里云短信拒绝了此短信（$1）：$2'],
  [
    /^Tencent Cloud SMS refused the message to (\S+) \(([^)]+)\): (.*)$/s,
    '腾讯云短信拒绝了发往 $1 的短信（$2）：$3',
  ],
  [/^Tencent Cloud SMS refused the message \(([^)]+)\): (.*)$/s, '腾讯云短信拒绝了此短信（$1）：$2'],
  [
    /^(Aliyun SMS|Tencent Cloud SMS) answered HTTP (\d+)(.*)$/s,
    (g) => `${g[0] === 'Aliyun SMS' ? '阿里云短信' : '腾讯云短信'}应答 HTTP ${g[1]}${g[2]}`,
  ],
  [/^The SMS address "(.*)" is not a URL$/s, '短信接口地址 "$1" 不是 URL'],
  // Dashboards (issue 17.4)
  [/^another widget has the id (.+)$/s, '另一个组件已使用 ID $1'],
  [/^no saved report you may read has the id (.+)$/s, '没有你可以查看的 ID 为 $1 的已保存报表'],
  [/^no dashboard you may read has the id (.+)$/s, '没有你可以查看的 ID 为 $1 的仪表盘'],
  [/^no such user in this workspace: (.+)$/s, '此工作区中没有该用户：$1'],
  [/^(.+) is deactivated: choose an active person$/s, '$1 已停用：请选择在职的人员'],
  [/^list every rule; missing: (.+)$/s, '请列出所有规则；缺少：$1'],
  [/^The report of this widget was deleted or is not shared with you$/, '此组件的报表已被删除或未与你共享'],
  [/^This widget could not be computed; the error has been logged$/, '此组件无法计算，错误已记录'],
  [
    /^This widget took too long to compute; narrow the dashboard filters$/,
    '此组件计算超时，请缩小仪表盘的筛选范围',
  ],
  [
    /^The subscriber is no longer active or may no longer read this dashboard$/,
    '订阅人已停用或已无权查看此仪表盘',
  ],
]

/** "read and write tasks; read accounts, contacts" → "读写 任务；读取 客户、联系人". */
function tokenScopesZh(text: string, h: Helpers): string {
  const names = (list: string) =>
    list
      .split(', ')
      .map((k) => (k === 'everything the role allows' ? '角色允许的全部内容' : h.noun(k)))
      .join('、')
  return text
    .split('; ')
    .map((part) =>
      part.startsWith('read and write ')
        ? `读写${names(part.slice('read and write '.length))}`
        : `读取${names(part.replace(/^read /, ''))}`,
    )
    .join('；')
}
