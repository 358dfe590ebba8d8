import { eq } from 'drizzle-orm'
import { optionLabelsEn, optionLabelsZh } from '@openkam/contract'
import type { Ctx } from '../../core/context'
import type { Executor } from '../../core/db/types'
import { workspaces } from '../../core/tenancy/workspace.table'
import { getObject } from '../fields'
import { objectOfEntity } from '../notifications'
import type { Words } from './conditions'

type Lang = 'en' | 'zh-CN'
type Labels = Map<string, Map<string, string>>

const PLACEHOLDER = /\{\{[^}]*\}\}/g
const CJK = /[\u3400-\u9fff\uf900-\ufaff]/

/**
 * The language a rule's text is written in: Chinese when it has Chinese characters outside its
 * placeholders, English when it has Latin letters, else `fallback`. Option values are put into words in
 * that language, so that "客户预警（{{record.severity}}）" reads "客户预警（高危）". Null when the text
 * has neither (only placeholders): the workspace's language decides then.
 */
export function textLanguage(template: string): Lang | null {
  const words = template.replace(PLACEHOLDER, '')
  if (CJK.test(words)) return 'zh-CN'
  return /[A-Za-z]/.test(words) ? 'en' : null
}

async function workspaceLanguage(tx: Executor, ws: string): Promise<Lang> {
  const [w] = await tx.select({ locale: workspaces.locale }).from(workspaces).where(eq(workspaces.id, ws))
  return w?.locale === 'en' ? 'en' : 'zh-CN'
}

/** Options of records that are not an object of the object model (alerts), from the model's labels. */
const ownOptions: Record<string, Record<string, keyof typeof optionLabelsEn>> = {
  alert: { severity: 'alertSeverity', status: 'alertStatus' },
}

async function labelsOf(tx: Executor, ctx: Ctx, entity: string | null, lang: Lang): Promise<Labels> {
  const out: Labels = new Map()
  const own = entity ? ownOptions[entity] : undefined
  if (own) {
    const set = lang === 'en' ? optionLabelsEn : optionLabelsZh
    for (const [field, group] of Object.entries(own))
      out.set(field, new Map(Object.entries(set[group] as Record<string, string>)))
    return out
  }
  const object = objectOfEntity(entity)
  if (!object) return out
  try {
    for (const f of (await getObject(tx, ctx, object, lang)).fields)
      if (f.options?.length)
        out.set(f.custom ? `custom.${f.key}` : f.key, new Map(f.options.map((o) => [o.value, o.label])))
  } catch {
    // An entity without an object in the model (e.g. a survey response): its values stay as they are.
  }
  return out
}

/**
 * Option values in words for a rule's text: the record's (and `before`'s, the payload's) options from
 * its object, the account's from accounts, in the text's language (`textLanguage`, else the workspace's).
 * A value that is not an option stays as it is.
 */
export async function optionWords(
  tx: Executor,
  ctx: Ctx,
  entity: string | null,
  text: string,
): Promise<Words> {
  const lang = textLanguage(text) ?? (await workspaceLanguage(tx, ctx.ws))
  const [record, account] = await Promise.all([
    labelsOf(tx, ctx, entity, lang),
    entity === 'account' ? Promise.resolve(null) : labelsOf(tx, ctx, 'account', lang),
  ])
  return (root, parts, value) => {
    const labels = root === 'account' ? (account ?? record) : record
    return labels?.get(parts.join('.'))?.get(String(value))
  }
}
