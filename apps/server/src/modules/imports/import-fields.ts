export type FieldKind = 'text' | 'int' | 'decimal' | 'currency' | 'enum' | 'bool' | 'list' | 'datetime' | 'id'

/** References resolved in bulk by the importer rather than copied into the record as they are. */
export type RefKind = 'owner' | 'csm' | 'account' | 'accountCreditCode' | 'contactEmails'

/**
 * One importable field. `key` is its name in mappings and reports and, unless it is a `ref`,
 * its path in the API's create payload ('annualSpend.amount' → `{annualSpend: {amount}}`).
 */
export type ImportField = {
  key: string
  kind: FieldKind
  labels: string[]
  values?: readonly string[]
  /** Option labels (lower case, either language) → values. */
  optionLabels?: Record<string, string>
  ref?: RefKind
  /** A custom relation to accounts: the cell names the account (id, credit code or name), resolved in bulk. */
  link?: 'accounts'
}

/** Chinese (and a few English) names of enum values, so a file in either language imports. */
const valueLabels: Record<string, string> = {
  制造业: 'manufacturing',
  制造: 'manufacturing',
  金融: 'finance',
  零售: 'retail',
  医疗: 'healthcare',
  医疗健康: 'healthcare',
  教育: 'education',
  软件: 'saas',
  物流: 'logistics',
  能源: 'energy',
  政府: 'government',
  其他: 'other',
  战略: 'strategic',
  战略客户: 'strategic',
  成长: 'growth',
  成长客户: 'growth',
  基础: 'essential',
  基础客户: 'essential',
  低: 'low',
  中: 'medium',
  高: 'high',
  电话: 'call',
  邮件: 'email',
  会议: 'meeting',
  拜访: 'visit',
  咨询: 'enquiry',
  笔记: 'note',
  使用者: 'user',
  技术评估者: 'technical_evaluator',
  影响者: 'influencer',
  财务把关者: 'financial_controller',
  决策者: 'economic_buyer',
  拥护者: 'champion',
  支持者: 'supporter',
  中立: 'neutral',
  怀疑者: 'skeptic',
  反对者: 'blocker',
  inquiry: 'enquiry',
  官网: 'website',
  网站: 'website',
  广告: 'ads',
  活动: 'event',
  展会: 'event',
  转介绍: 'referral',
  推荐: 'referral',
  导入: 'import',
  合作伙伴: 'partner',
  新线索: 'new',
  新建: 'new',
  跟进中: 'working',
  已确认: 'qualified',
  合格: 'qualified',
  已转化: 'converted',
  无效: 'disqualified',
}

/** Header and label comparison ignores case, spaces and punctuation: "Owner e-mail" = "owneremail". */
export const normalize = (s: string) => s.toLowerCase().replace(/[\s\-_.()（）:：/]/g, '')

/** The value of an enum cell: the value itself in any case, or a label of it. */
export function enumValue(values: readonly string[], raw: string): string {
  const v = raw
    .trim()
    .toLowerCase()
    .replace(/[\s-]+/g, '_')
  if (values.includes(v)) return v
  const labelled = valueLabels[raw.trim()] ?? valueLabels[v]
  return labelled && values.includes(labelled) ? labelled : raw.trim()
}

export type Converted = { ok: true; value: unknown } | { ok: false; message: string }

const TRUE = new Set(['true', 'yes', 'y', '1', '是', '在职'])
const FALSE = new Set(['false', 'no', 'n', '0', '否', '离职'])

/** A cell's text as the API would receive it, or why it cannot be. Empty cells never get here. */
export function convertCell(field: ImportField, raw: string): Converted {
  const s = raw.trim()
  switch (field.kind) {
    case 'int': {
      const t = s.replace(/[,\s]/g, '')
      return /^[+-]?\d+(\.0+)?$/.test(t)
        ? { ok: true, value: Number.parseInt(t, 10) }
        : { ok: false, message: `"${s}" is not a whole number` }
    }
    case 'decimal':
      return { ok: true, value: s.replace(/[,\s¥￥$]/g, '') }
    case 'currency':
      return { ok: true, value: s.toUpperCase() }
    case 'enum':
      return { ok: true, value: field.optionLabels?.[s.toLowerCase()] ?? enumValue(field.values ?? [], s) }
    case 'bool': {
      const t = s.toLowerCase()
      if (TRUE.has(t)) return { ok: true, value: true }
      if (FALSE.has(t)) return { ok: true, value: false }
      return { ok: false, message: `"${s}" is not true or false` }
    }
    case 'list':
      return {
        ok: true,
        value: s
          .split(/[;；\n]/)
          .map((x) => x.trim())
          .filter(Boolean)
          .map((x) => field.optionLabels?.[x.toLowerCase()] ?? x),
      }
    case 'datetime':
      return dateTime(s)
    default:
      return { ok: true, value: s }
  }
}

/**
 * ISO-8601 with an offset passes as is; a date, or a date and time without an offset, is read as UTC
 * (2026-01-31, 2026/1/31 14:30, 2026-01-31T14:30:00).
 */
export function dateTime(s: string): Converted {
  const m =
    /^(\d{4})[-/](\d{1,2})[-/](\d{1,2})(?:[ T](\d{1,2}):(\d{2})(?::(\d{2})(\.\d+)?)?)?(Z|[+-]\d{2}:?\d{2})?$/.exec(
      s,
    )
  const bad = {
    ok: false as const,
    message: `"${s}" is not a date and time; use 2026-01-31 14:30 (UTC) or ISO-8601 with an offset`,
  }
  if (!m) return bad
  const [, y, mo, d, h = '0', mi = '0', sec = '0', frac = '', zone = 'Z'] = m
  const wall = new Date(Date.UTC(+y!, +mo! - 1, +d!, +h, +mi, +sec))
  if (wall.getUTCMonth() !== +mo! - 1 || wall.getUTCDate() !== +d! || +h > 23 || +mi > 59 || +sec > 59)
    return bad
  const pad = (x: string) => x.padStart(2, '0')
  const offset = zone === 'Z' ? 'Z' : zone.includes(':') ? zone : `${zone.slice(0, 3)}:${zone.slice(3)}`
  const date = new Date(`${y}-${pad(mo!)}-${pad(d!)}T${pad(h)}:${pad(mi)}:${pad(sec)}${frac}${offset}`)
  return Number.isNaN(date.getTime()) ? bad : { ok: true, value: date.toISOString() }
}
