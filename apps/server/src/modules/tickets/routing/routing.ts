/**
 * The pure core of ticket routing: which member of a team gets the ticket (in turn, or the one with the
 * fewest open tickets), and why, in words. No database; the service loads the members and stores the
 * outcome.
 */

/** A member of the routed team as the strategies see them. */
export type Member = {
  id: string
  name: string
  /** Active, not deactivated, and not away (no approval delegation in force). */
  available: boolean
  /** Tickets assigned to them in status new, open or pending. */
  open: number
}

const byNameThenId = (a: Member, b: Member) =>
  a.name.localeCompare(b.name, 'en') || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0)

/**
 * Round-robin: the next available member after the one who had the rule's last ticket, in the team's
 * order (name, then id), wrapping at the end; the first available one when nobody had one yet or that
 * person left the team. Null when no member is available.
 * @example nextInTurn([ann, bob, cat], bob.id) // → cat (or ann when cat is away)
 */
export function nextInTurn(members: Member[], lastId: string | null): Member | null {
  const ordered = [...members].sort(byNameThenId)
  const at = lastId ? ordered.findIndex((m) => m.id === lastId) : -1
  for (let step = 1; step <= ordered.length; step++) {
    const m = ordered[(at + step + ordered.length) % ordered.length]!
    if (m.available) return m
  }
  return null
}

/** Least open tickets: the available member with the fewest open tickets; ties go by name, then id. */
export function leastOpen(members: Member[]): Member | null {
  const candidates = members.filter((m) => m.available).sort((a, b) => a.open - b.open || byNameThenId(a, b))
  return candidates[0] ?? null
}

/** What happened, for the reason in words (stored in English, read in the reader's language). */
export type Outcome =
  | { kind: 'no_rule' }
  | { kind: 'kept'; teamSet: boolean }
  | { kind: 'named'; available: boolean }
  | { kind: 'round_robin'; available: number }
  | { kind: 'least_open'; open: number }
  | { kind: 'nobody_available' }

/** The reason as stored on the ticket (`routedBy.reason`). */
export function reasonOf(o: Outcome): string {
  switch (o.kind) {
    case 'no_rule':
      return 'no routing rule matched: left unassigned'
    case 'kept':
      return o.teamSet
        ? 'the assignee given at creation was kept; the rule set the team'
        : 'the assignee given at creation was kept'
    case 'named':
      return o.available ? 'named person' : 'the named person is not available: left unassigned'
    case 'round_robin':
      return `round robin (next of ${o.available} available)`
    case 'least_open':
      return `least open tickets (${o.open})`
    case 'nobody_available':
      return 'no member of the team is available: left unassigned'
  }
}

const zh: [RegExp, (m: RegExpExecArray) => string][] = [
  [/^no routing rule matched: left unassigned$/, () => '没有匹配的分派规则：未分派'],
  [
    /^the assignee given at creation was kept; the rule set the team$/,
    () => '保留创建时指定的处理人；团队由规则设定',
  ],
  [/^the assignee given at creation was kept$/, () => '保留创建时指定的处理人'],
  [/^named person$/, () => '指定人员'],
  [/^the named person is not available: left unassigned$/, () => '指定人员不可用：未分派'],
  [/^round robin \(next of (\d+) available\)$/, (m) => `轮流分派（${m[1]} 位可用成员中的下一位）`],
  [/^least open tickets \((\d+)\)$/, (m) => `未结工单最少（${m[1]}）`],
  [/^no member of the team is available: left unassigned$/, () => '团队中没有可用成员：未分派'],
]

/** A stored reason in the reader's language (unknown texts stay as they are). */
export function reasonIn(reason: string, lang: 'en' | 'zh-CN'): string {
  if (lang === 'en') return reason
  for (const [re, out] of zh) {
    const m = re.exec(reason)
    if (m) return out(m)
  }
  return reason
}
