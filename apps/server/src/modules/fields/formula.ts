import FormulaParser from 'fast-formula-parser'

/**
 * Excel-style formulas over a record's fields (IF, SUM, ROUND, DATEDIF, TODAY, arithmetic…), parsed and
 * evaluated by fast-formula-parser — never `eval`. A field name is a variable: `annualSpend / employees`.
 * @example evaluateFormula('ROUND(annualSpend / employees, 2)', { annualSpend: 1200000, employees: 300 }) // → 4000
 */
export type FormulaValues = Record<string, unknown>
export type FormulaResultType = 'number' | 'text' | 'date' | 'boolean'

const NAME = /[A-Za-z_][A-Za-z0-9_]*/g
const RESERVED = new Set(['TRUE', 'FALSE'])

/** The field names a formula reads (words outside strings that are not followed by `(`). */
export function formulaNames(formula: string): { name: string; at: number }[] {
  const out: { name: string; at: number }[] = []
  const noStrings = formula.replace(/"(?:[^"]|"")*"/g, (m) => ' '.repeat(m.length))
  for (const m of noStrings.matchAll(NAME)) {
    const after = noStrings.slice(m.index + m[0].length).trimStart()
    if (after.startsWith('(') || RESERVED.has(m[0].toUpperCase())) continue
    out.push({ name: m[0], at: m.index + 1 })
  }
  return out
}

/**
 * One parser for every evaluation: building fast-formula-parser's parser costs milliseconds (its grammar),
 * which made a 3k-row import of accounts with a formula field spend 10 s in formulas alone. Parsing is
 * synchronous, so the values it reads are set just before each parse.
 */
let current: { names: string[]; values: FormulaValues } = { names: [], values: {} }
let parser: FormulaParser | null = null

function parserFor(values: FormulaValues) {
  current = { names: Object.keys(values), values }
  parser ??= new FormulaParser({
    onVariable: (name: string) => {
      const i = current.names.indexOf(name)
      return i < 0 ? null : { row: 1, col: i + 1 }
    },
    onCell: ({ col }: { col: number }) => current.values[current.names[col - 1]!] ?? null,
  })
  return parser
}

/**
 * Checks a formula when it is defined: its syntax, its functions, and that every name is one of
 * `fields`. Returns null when it is valid, else a message naming the position (1-based).
 */
export function checkFormula(
  formula: string,
  fields: Record<string, 'number' | 'text' | 'date'>,
): string | null {
  for (const { name, at } of formulaNames(formula)) {
    if (!(name in fields)) return `unknown field "${name}" at position ${at}`
  }
  const sample: FormulaValues = {}
  for (const [k, kind] of Object.entries(fields))
    sample[k] = kind === 'number' ? 1 : kind === 'date' ? '2024-01-01' : 'a'
  try {
    parserFor(sample).parse(formula, { sheet: 'record', row: 1, col: 1 })
    return null
  } catch (e) {
    const msg = String((e as Error).message ?? e)
    const pos = /position \d+:(\d+)/.exec(msg)
    if (pos) return `the formula is not complete or not valid at position ${pos[1]}`
    const fn = /Function (\w+) is not implemented/.exec(msg)
    if (fn) return `${fn[1]} is not a function this formula language knows`
    // A data error with sample values (e.g. #DIV/0!) is not a definition error.
    return /^#/.test(msg.trim()) || (e as { _error?: string })._error ? null : msg.split('\n')[0]!
  }
}

const EXCEL_EPOCH = Date.UTC(1899, 11, 30)

/** The formula's value for a record, as its result type; null when it cannot be computed (e.g. #DIV/0!). */
export function evaluateFormula(
  formula: string,
  values: FormulaValues,
  resultType: FormulaResultType = 'number',
): number | string | boolean | null {
  let v: unknown
  try {
    v = parserFor(values).parse(formula, { sheet: 'record', row: 1, col: 1 })
  } catch {
    return null
  }
  if (v === null || v === undefined || (typeof v === 'object' && v !== null)) return null
  switch (resultType) {
    case 'number': {
      const n = typeof v === 'boolean' ? Number(v) : Number(v)
      return Number.isFinite(n) ? Math.round(n * 1e6) / 1e6 : null
    }
    case 'boolean':
      return typeof v === 'boolean' ? v : typeof v === 'number' ? v !== 0 : String(v).toUpperCase() === 'TRUE'
    case 'date': {
      // Excel date serials (TODAY()+30) or a date text.
      const d = typeof v === 'number' ? new Date(EXCEL_EPOCH + v * 86_400_000) : new Date(String(v))
      return Number.isNaN(d.getTime()) ? null : d.toISOString().slice(0, 10)
    }
    default:
      return String(v)
  }
}
