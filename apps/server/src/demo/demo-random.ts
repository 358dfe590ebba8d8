/** The demo's languages. */
export type Lang = 'zh-CN' | 'en'
/** A text in both demo languages. */
export type T = Record<Lang, string>

/**
 * A small seeded PRNG (mulberry32), so that the demo is the same every time it is generated.
 * @example const rng = new Rng(42); rng.int(1, 6) // always the same sequence for seed 42
 */
export class Rng {
  private s: number

  constructor(seed: number) {
    this.s = seed >>> 0
  }

  /** A float in [0, 1). */
  next(): number {
    this.s = (this.s + 0x6d2b79f5) >>> 0
    let t = this.s
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }

  /** An integer in [min, max], both included. */
  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1))
  }

  float(min: number, max: number): number {
    return min + this.next() * (max - min)
  }

  chance(p: number): boolean {
    return this.next() < p
  }

  pick<V>(xs: readonly V[]): V {
    return xs[Math.floor(this.next() * xs.length)]!
  }

  /** One of the options, with probability proportional to its weight. */
  weighted<V>(options: readonly (readonly [V, number])[]): V {
    const total = options.reduce((s, [, w]) => s + w, 0)
    let r = this.next() * total
    for (const [v, w] of options) {
      r -= w
      if (r < 0) return v
    }
    return options[options.length - 1]![0]
  }

  /** A shuffled copy (Fisher–Yates). */
  shuffle<V>(xs: readonly V[]): V[] {
    const out = [...xs]
    for (let i = out.length - 1; i > 0; i--) {
      const j = Math.floor(this.next() * (i + 1))
      ;[out[i], out[j]] = [out[j]!, out[i]!]
    }
    return out
  }

  /** `n` distinct elements, in random order. */
  sample<V>(xs: readonly V[], n: number): V[] {
    return this.shuffle(xs).slice(0, Math.min(n, xs.length))
  }
}

const HOUR = 3_600_000
const DAY = 24 * HOUR

/**
 * Demo time: whole-day offsets from today (China Standard Time, UTC+8) plus a minute of the day,
 * so the content is the same every run while the dates stay recent.
 */
export type Clock = {
  /** The instant `day` days from today at `minute` minutes after midnight CST. */
  at(day: number, minute?: number): Date
  /** The calendar date (YYYY-MM-DD, CST) `day` days from today. */
  date(day: number): string
}

export function clockAt(now: Date): Clock {
  const today = Math.floor((now.getTime() + 8 * HOUR) / DAY) * DAY - 8 * HOUR
  return {
    at: (day, minute = 9 * 60) => new Date(today + Math.round(day) * DAY + Math.round(minute) * 60_000),
    date: (day) => new Date(today + Math.round(day) * DAY + 12 * HOUR).toISOString().slice(0, 10),
  }
}

/** A decimal string with two places, rounded to `step` (money never passes through floats in the database). */
export const money = (n: number, step = 100): string => (Math.round(n / step) * step).toFixed(2)

/** Fills `{key}` placeholders. */
export const fill = (template: string, vars: Record<string, string | number>): string =>
  template.replace(/\{(\w+)\}/g, (m, k: string) => (k in vars ? String(vars[k]) : m))

export const pad = (n: number, width: number): string => String(n).padStart(width, '0')
