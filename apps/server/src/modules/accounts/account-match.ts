/** What a duplicate is a duplicate of: an existing record, or an earlier row of the same file. */
export type Origin = { id: string; name: string } | { row: number }

export type AccountKey = { creditCode?: string | null; domain?: string | null; name: string }
export type AccountMatch = { on: 'creditCode' | 'domain' | 'name'; of: Origin }

/** Legal-form endings that do not tell two companies apart ("… 有限公司", "… Co., Ltd."). */
const LEGAL_FORMS = [
  '股份有限公司',
  '有限责任公司',
  '有限公司',
  '公司',
  'corporation',
  'company',
  'limited',
  'corp',
  'inc',
  'llc',
  'gmbh',
  'ltd',
  'co',
]

/**
 * The name two accounts share when they are near-identical: the same characters once case, width,
 * spaces, punctuation and a trailing legal form are ignored.
 * @example accountNameKey('南京驰远燃气集团有限公司') === accountNameKey('南京驰远燃气集团（有限公司）') // true
 * @example accountNameKey('ACME Co., Ltd.') === accountNameKey('acme') // true
 */
export function accountNameKey(name: string): string {
  let k = name
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[\s\p{P}\p{S}]/gu, '')
  for (let changed = true; changed;) {
    changed = false
    for (const form of LEGAL_FORMS) {
      if (k.length > form.length && k.endsWith(form)) {
        k = k.slice(0, -form.length)
        changed = true
      }
    }
  }
  return k
}

/**
 * The host of a domain or web address, without scheme, "www.", port and path; null when there is none.
 * @example hostOf('https://www.ChiYuan-Gas.cn/about') // 'chiyuan-gas.cn'
 */
export function hostOf(value: string | null | undefined): string | null {
  if (!value) return null
  const host = value
    .trim()
    .toLowerCase()
    .replace(/^[a-z][a-z0-9+.-]*:\/\//, '')
    .split(/[/?#]/)[0]!
    .replace(/:\d+$/, '')
    .replace(/^www\./, '')
    .replace(/\.$/, '')
  return host.includes('.') ? host : null
}

/**
 * Accounts are the same when the first identifier both carry agrees: the unified social credit code,
 * else the domain, else the name (near-identical: `accountNameKey`). Two accounts with different credit
 * codes are never the same, whatever their names.
 * @example sameAccount({ name: 'ACME', domain: 'acme.com' }, { name: 'Acme Ltd', domain: 'acme.com' }) // 'domain'
 */
export function sameAccount(a: AccountKey, b: AccountKey): AccountMatch['on'] | null {
  if (a.creditCode && b.creditCode) return a.creditCode === b.creditCode ? 'creditCode' : null
  const da = hostOf(a.domain)
  const db = hostOf(b.domain)
  if (da && db) return da === db ? 'domain' : null
  return accountNameKey(a.name) === accountNameKey(b.name) ? 'name' : null
}

/** Finds the account a key duplicates among those added, in constant time per lookup (the importer's). */
export class AccountIndex {
  private readonly byCode = new Map<string, Origin>()
  /** By domain: [accounts without a credit code, with one]. */
  private readonly byDomain = new Map<string, [Origin[], Origin[]]>()
  /** By name key: buckets by (has credit code, has domain). */
  private readonly byName = new Map<string, Origin[][]>()

  add(k: AccountKey, of: Origin): void {
    const domain = hostOf(k.domain)
    if (k.creditCode && !this.byCode.has(k.creditCode)) this.byCode.set(k.creditCode, of)
    if (domain) {
      const b = this.byDomain.get(domain) ?? [[], []]
      b[k.creditCode ? 1 : 0].push(of)
      this.byDomain.set(domain, b)
    }
    const n = accountNameKey(k.name)
    const buckets = this.byName.get(n) ?? [[], [], [], []]
    buckets[(k.creditCode ? 2 : 0) + (domain ? 1 : 0)]!.push(of)
    this.byName.set(n, buckets)
  }

  find(k: AccountKey): AccountMatch | null {
    const domain = hostOf(k.domain)
    if (k.creditCode) {
      const of = this.byCode.get(k.creditCode)
      if (of) return { on: 'creditCode', of }
    }
    if (domain) {
      const [noCode, withCode] = this.byDomain.get(domain) ?? [[], []]
      const of = noCode[0] ?? (k.creditCode ? undefined : withCode[0])
      if (of) return { on: 'domain', of }
    }
    const buckets = this.byName.get(accountNameKey(k.name))
    if (!buckets) return null
    for (let i = 0; i < 4; i++) {
      const hasCode = i >= 2
      const hasDomain = i % 2 === 1
      if ((hasCode && k.creditCode) || (hasDomain && domain)) continue
      const of = buckets[i]![0]
      if (of) return { on: 'name', of }
    }
    return null
  }
}
