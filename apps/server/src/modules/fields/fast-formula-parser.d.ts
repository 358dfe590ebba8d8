declare module 'fast-formula-parser' {
  type Ref = { row: number; col: number; sheet?: string }
  export default class FormulaParser {
    constructor(config?: {
      onVariable?: (name: string, sheet: string) => Ref | null
      onCell?: (ref: Ref) => unknown
      functions?: Record<string, (...args: unknown[]) => unknown>
    })
    parse(formula: string, position: { sheet: string; row: number; col: number }): unknown
  }
}
