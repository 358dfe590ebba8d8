// docs/performance.md: where the API process's time and memory go under load, from the bench's CPU profiles
// and the server's own memory figures.
import type { CpuBreakdown } from './cpu-profile'
import type { MemoryParts } from './memory'

type Profiled = { name: string; profile: CpuBreakdown[]; memory: MemoryParts | null }

const pct = (v: number) => `${(v * 100).toFixed(v < 0.095 ? 1 : 0)}%`
const mb = (v: number) => `${v.toFixed(0)} MB`

/** One database's table: areas down, loads across, each cell the area's share of the busy samples. */
function areaTable(p: CpuBreakdown[], pick: (b: CpuBreakdown) => { what: string; share: number }[]) {
  const names = [...new Set(p.flatMap((b) => pick(b).map((a) => a.what)))]
  const share = (b: CpuBreakdown, what: string) => pick(b).find((a) => a.what === what)?.share ?? 0
  names.sort((x, y) => p.reduce((s, b) => s + share(b, y), 0) - p.reduce((s, b) => s + share(b, x), 0))
  return [
    `| | ${p.map((b) => b.load).join(' | ')} |`,
    `| --- | ${p.map(() => '---').join(' | ')} |`,
    `| *samples · busy* | ${p.map((b) => `${b.samples.toLocaleString('en')} · ${pct(b.busy)}`).join(' | ')} |`,
    ...names.map(
      (n) =>
        `| ${n} | ${p.map((b) => (pick(b).some((a) => a.what === n) ? pct(share(b, n)) : '')).join(' | ')} |`,
    ),
  ]
}

function memoryLine(m: MemoryParts) {
  const spaces = Object.entries(m.spaces)
    .filter(([, v]) => v >= 1)
    .sort((a, b) => b[1] - a[1])
    .map(([k, v]) => `${k.replace(/_space$/, '').replaceAll('_', ' ')} ${mb(v)}`)
    .join(', ')
  const rest = m.rss - m.heapTotal - m.external
  return (
    `resident set ${mb(m.rss)} at its highest reading = V8's heap ${mb(m.heapTotal)} reserved ` +
    `(${mb(m.heapUsed)} in use; ${spaces}) + external ${mb(m.external)} (Buffers and other memory bound ` +
    `to JavaScript objects) + ${mb(Math.max(0, rest))} outside both (compiled code, thread stacks, the ` +
    `allocations of native parts${rest < 0 ? '; negative: heap pages reserved but not yet resident' : ''})`
  )
}

export function profileSection(runs: Profiled[]): string[] {
  const shown = runs.filter((r) => r.profile.length || r.memory)
  if (!shown.length) return []
  const out = [
    '## Where the API process spends its time and memory',
    '',
    'The profiles behind the budgets missed above: what the server does with its CPU under each load, and what',
    'its memory holds at its highest reading.',
    '',
    "V8's sampling profiler in the API process (`--cpu-prof`, a sample every millisecond) while a server",
    'started only for this runs the list, the get, the 360° read and the create, each for the same time and at the',
    "same clients as their timings above, after a 1 s warm-up (`bench/api-profile.ts`). A sample's function",
    "is placed where its code lives: an npm package, one of our folders (through the server bundle's source",
    "map), native functions (V8's built-ins such as JSON and RegExp; Node's bindings such as a socket's",
    "writev), Node's runtime (streams, HTTP), the embedded database's PostgreSQL compiled to WebAssembly, or",
    'the garbage collector. **Busy** is the share of samples in which the process was not idle; the shares below are of',
    'the busy samples. "On the stack" counts a sample for each of our folders with a frame anywhere in its',
    'stack, so it includes the libraries those folders call.',
    '',
  ]
  for (const r of shown) {
    if (r.profile.length) {
      out.push(`### ${r.name}: self time`, '', ...areaTable(r.profile, (b) => b.areas), '')
      out.push(`### ${r.name}: our folders on the stack`, '', ...areaTable(r.profile, (b) => b.inclusive), '')
      out.push(`### ${r.name}: the functions with the most self time`, '')
      for (const b of r.profile)
        out.push(
          `- **${b.load}:** ${b.functions
            .slice(0, 8)
            .map((f) => `${f.what} ${pct(f.share)}`)
            .join(' · ')}`,
        )
      out.push('')
    }
    if (r.memory) out.push(`**${r.name}, memory under load:** ${memoryLine(r.memory)}.`, '')
  }
  return out
}
