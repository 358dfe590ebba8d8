// The bench table's rows for how cost grows with size (PostgreSQL only): each read at each step, and the
// largest step against the smallest, with issue 21's target (list and 360° flat within 1.2×).
import { count, ms, perSecond, type Row } from './report'
import type { Shape, SizeStep } from './size-timing'

/** Issue 21: list and 360° at 1M accounts within 1.2× of their 20k figures. */
const FLAT = 1.2

const secs = (v: number) => `${v.toFixed(1)} s`

export function sizeRows(steps: SizeStep[] | undefined, clients: number): Row[] {
  if (!steps?.length) return []
  const first = steps[0]!
  const last = steps.at(-1)!
  const shape = (what: string, pick: (s: SizeStep) => Shape, budget: boolean): Row[] => {
    const a = pick(first)
    const b = pick(last)
    const one = b.one.p50 / a.one.p50
    const many = b.many.p95 / a.many.p95
    return [
      ...steps.map((s) => {
        const x = pick(s)
        return {
          what: `${what} at ${count(s.sizes.accounts)}: API 1 client p50 · ${clients} clients p95, rate · raw SQL p50`,
          postgres: {
            value:
              `p50 ${ms(x.one.p50)} · p95 ${ms(x.many.p95)}, ${perSecond(x.many.rate, 'req')} · ` +
              `raw ${ms(x.raw.p50)}` +
              (x.one.errors + x.many.errors ? ` (${x.one.errors + x.many.errors} errors)` : ''),
          },
        }
      }),
      ...(steps.length > 1
        ? [
            {
              what: `${what}: ${count(last.sizes.accounts)} ÷ ${count(first.sizes.accounts)} (API 1 client p50 · ${clients} clients p95)`,
              postgres: {
                value: `${one.toFixed(2)}× · ${many.toFixed(2)}×`,
                use: budget ? Math.max(one, many) / FLAT : undefined,
              },
              budget: budget ? `≤ ${FLAT}×` : undefined,
            },
          ]
        : []),
    ]
  }
  return [
    {
      section:
        'Cost by size (PostgreSQL only: one workspace grown step by step, children in proportion, not health-scored)',
    },
    ...steps.map((s) => ({
      what: `grow to ${count(s.sizes.accounts)} accounts / ${count(s.sizes.contacts)} contacts / ${count(s.sizes.activities)} activities`,
      postgres: { value: secs(s.growSeconds) },
    })),
    ...shape('list', (s) => s.list, true),
    ...shape('360°', (s) => s.read360, true),
    ...steps.map((s) => ({
      what: `report (accounts by tier) at ${count(s.sizes.accounts)}: API p50 · p95 · raw SQL p50`,
      postgres: {
        value: `p50 ${ms(s.report.api.p50)} · p95 ${ms(s.report.api.p95)} · raw ${ms(s.report.raw.p50)}`,
      },
    })),
  ]
}

/** How the cost-by-size figures are made, for docs/performance.md. */
export const sizeHow = (
  steps: SizeStep[] | undefined,
  clients: number,
  seconds: number,
  oneSeconds: number,
) =>
  steps?.length
    ? [
        '- **Cost by size** (PostgreSQL). A database of its own, `openkam_bench_sizes`: one workspace grown to',
        `  ${steps.map((s) => count(s.sizes.accounts)).join(', ')} accounts in turn (\`BENCH_SIZES\`) by the generator above`,
        "  — the new accounts and, in the main workspace's proportions, their contacts, activities, opportunities and",
        '  tickets; indexes rebuilt, VACUUM ANALYZE — and not health-scored at any step. At each step a server is',
        `  started: the list and the 360° read as above (2 s warm-up, 1 client for ${oneSeconds} s, ${clients} clients for`,
        `  ${seconds} s; the 360° over 128 accounts picked at random at that step) and the report at one client; then`,
        '  raw SQL at one client for each. The ratio rows set the largest step against the smallest.',
      ]
    : []
