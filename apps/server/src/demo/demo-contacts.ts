import type { stances } from '@openkam/contract'
import { baseRow, workMinute, type AccountPlan, type ContactPlan, type Gen } from './demo-model'
import { enFirstNames, enLastNames, zhGivenNames, zhSurnames } from './demo-names'
import type { T } from './demo-random'
import { heads, leads, staff, type Position } from './demo-words'

type Stance = (typeof stances)[number]

const t = (zh: string, en: string): T => ({ 'zh-CN': zh, en })
const contactNotes: readonly T[] = [
  t('偏好微信沟通，上午不方便接电话', 'Prefers chat messages; avoid calls in the morning'),
  t('非常关注投资回报，需要量化数据', 'Cares about ROI; wants numbers'),
  t('技术背景，重视安全合规', 'Technical background; security and compliance matter to them'),
  t('曾在竞品客户处任职，熟悉同类产品', 'Used a competing product at a previous employer'),
  t('决策谨慎，需要同行案例佐证', 'Careful buyer; wants references from peers'),
]

/** A person's name and the local part of their e-mail address. */
export function personName(g: Gen): { name: string; local: string } {
  const sur = g.rng.pick(zhSurnames)
  const given = g.rng.pick(zhGivenNames)
  const first = g.rng.pick(enFirstNames)
  const last = g.rng.pick(enLastNames)
  return g.lang === 'zh-CN'
    ? { name: sur[0] + given[0], local: `${sur[1]}.${given[1]}` }
    : { name: `${first} ${last}`, local: `${first}.${last}`.toLowerCase() }
}

export function mobile(g: Gen): string {
  const prefix = g.rng.pick(['138', '139', '136', '186', '158', '189', '137', '150', '177'])
  const rest = `${g.rng.int(1000, 9999)} ${g.rng.int(1000, 9999)}`
  return g.lang === 'zh-CN' ? `${prefix}${rest.replace(' ', '')}` : `+86 ${prefix} ${rest}`
}

const stanceOf = (g: Gen, level: number): Stance =>
  g.rng.weighted<Stance>([
    ['champion', level === 0 ? 12 : 15],
    ['supporter', 32],
    ['neutral', 30],
    ['skeptic', 16],
    ['blocker', level === 0 ? 4 : 7],
  ])

const strengthRange: Record<Stance, [number, number]> = {
  champion: [4, 5],
  supporter: [3, 5],
  neutral: [2, 4],
  skeptic: [1, 3],
  blocker: [1, 2],
}

/**
 * The buying committee of an account as an org chart: a head (economic buyer), department heads
 * reporting to them, and staff reporting to the department head of their department (or the head).
 * A few people without reports have left the company.
 */
export function buildContacts(g: Gen, a: AccountPlan): ContactPlan[] {
  const { rng } = g
  const n = a.size === 'large' ? rng.int(8, 12) : a.size === 'growth' ? rng.int(6, 10) : rng.int(4, 7)
  const nLeads = Math.min(n - 1, a.size === 'large' ? rng.int(3, 4) : a.size === 'growth' ? rng.int(2, 3) : 1)
  const positions: { pos: Position; level: number }[] = [
    { pos: rng.pick(heads), level: 0 },
    ...rng.sample(leads, nLeads).map((pos) => ({ pos, level: 1 })),
  ]
  while (positions.length < n) positions.push({ pos: rng.pick(staff), level: 2 })
  const emails = new Set<string>()
  const out: ContactPlan[] = []
  for (const [i, { pos, level }] of positions.entries()) {
    const person = personName(g)
    let local = person.local
    for (let k = 2; emails.has(local); k++) local = `${person.local}${k}`
    emails.add(local)
    const sameDept = out.find(
      (c, j) => positions[j]!.level === 1 && c.row.department === g.tr(pos.department),
    )
    const boss = level === 0 ? null : level === 1 ? out[0]! : (sameDept ?? rng.pick(out.slice(0, nLeads + 1)))
    const stance = stanceOf(g, level)
    const [lo, hi] = strengthRange[stance]
    const fromDay = Math.min(-1, a.createdDay + (i === 0 ? 0 : rng.int(0, 40)))
    const at = g.clock.at(fromDay, workMinute(g))
    out.push({
      fromDay,
      leftDay: null,
      row: Object.assign(baseRow(g, g.users[a.owner], at), {
        accountId: a.row.id,
        name: person.name,
        title: g.tr(pos.title),
        department: g.tr(pos.department),
        email: `${local}@${a.row.domain}`,
        phone: mobile(g),
        buyingRole: pos.role,
        influence: level === 0 ? 5 : level === 1 ? rng.int(3, 5) : rng.int(1, 3),
        stance,
        relationshipStrength: rng.int(lo, hi),
        reportsToId: boss?.row.id ?? null,
        active: true,
        leftAt: null,
        lastContactedAt: null,
        notes: rng.chance(0.2) ? g.tr(rng.pick(contactNotes)) : null,
      }),
    })
  }
  // People who left: staff with nobody reporting to them, who were with us for a while.
  for (const c of out) {
    const hasReports = out.some((o) => o.row.reportsToId === c.row.id)
    if (hasReports || c === out[0] || c.fromDay > -120 || !rng.chance(0.09)) continue
    c.leftDay = rng.int(c.fromDay + 60, -7)
    c.row.active = false
    c.row.leftAt = g.clock.at(c.leftDay, workMinute(g))
    c.row.updatedAt = c.row.leftAt
  }
  return out
}
