// The bench's table: every measurement side by side for PGlite and PostgreSQL, with its budget and the
// share of the budget used (below 1.00 is within budget).

/** A measured value; `use` is measured / budget (for floors, budget / measured), absent when no budget applies. */
export type Cell = { value: string; use?: number }
export type Row = { what: string; pglite?: Cell; postgres?: Cell; budget?: string } | { section: string }

export const ms = (v: number) =>
  v < 10 ? `${v.toFixed(2)} ms` : v < 100 ? `${v.toFixed(1)} ms` : `${Math.round(v)} ms`
export const perSecond = (v: number, unit: string) => `${Math.round(v).toLocaleString('en')} ${unit}/s`
export const count = (n: number) =>
  n >= 1_000_000 && n % 100_000 === 0
    ? `${n / 1_000_000}M`
    : n >= 1000 && n % 100 === 0
      ? `${n / 1000}k`
      : n.toLocaleString('en')

const useText = (c?: Cell) => (c?.use === undefined ? '' : c.use.toFixed(2))

export function printTable(rows: Row[], heads: { pglite: string; postgres: string }) {
  const data = rows.filter((r) => 'what' in r)
  const w = {
    what: Math.max(...data.map((r) => r.what.length)),
    lite: Math.max(heads.pglite.length, ...data.map((r) => r.pglite?.value.length ?? 0)),
    pg: Math.max(heads.postgres.length, ...data.map((r) => r.postgres?.value.length ?? 0)),
    budget: Math.max(6, ...data.map((r) => r.budget?.length ?? 0)),
  }
  const line = (what: string, lite: string, pg: string, budget: string, uLite: string, uPg: string) =>
    `${what.padEnd(w.what)}  ${lite.padEnd(w.lite)}  ${pg.padEnd(w.pg)}  ${budget.padEnd(w.budget)}  ${uLite.padStart(6)}  ${uPg.padStart(6)}`
  const out = [line('', heads.pglite, heads.postgres, 'budget', 'use', 'use')]
  for (const r of rows) {
    if ('section' in r) out.push('', r.section)
    else
      out.push(
        line(
          r.what,
          r.pglite?.value ?? '—',
          r.postgres?.value ?? '—',
          r.budget ?? '',
          useText(r.pglite),
          useText(r.postgres),
        ),
      )
  }
  return out.join('\n')
}

export function markdownTable(rows: Row[], heads: { pglite: string; postgres: string }) {
  const out = [
    `| measurement | ${heads.pglite} | ${heads.postgres} | budget | use (PGlite) | use (PostgreSQL) |`,
    '| --- | --- | --- | --- | --- | --- |',
  ]
  for (const r of rows) {
    if ('section' in r) out.push(`| **${r.section}** | | | | | |`)
    else
      out.push(
        `| ${r.what} | ${r.pglite?.value ?? '—'} | ${r.postgres?.value ?? '—'} | ${r.budget ?? ''} | ${useText(r.pglite)} | ${useText(r.postgres)} |`,
      )
  }
  return out.join('\n')
}

/** Rows whose budget is missed, as "section — what (database): value, budget, use". */
export function missed(rows: Row[]): string[] {
  const out: string[] = []
  let section = ''
  for (const r of rows) {
    if ('section' in r) {
      section = r.section
      continue
    }
    for (const [db, c] of [
      ['PGlite', r.pglite],
      ['PostgreSQL', r.postgres],
    ] as const)
      if (c?.use !== undefined && c.use > 1)
        out.push(`${section} — ${r.what} (${db}): ${c.value}; budget ${r.budget}; use ${c.use.toFixed(2)}`)
  }
  return out
}
