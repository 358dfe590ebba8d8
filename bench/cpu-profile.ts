// Where the API process's time goes: the server started with V8's sampling profiler (--cpu-prof), loads run
// on it one after another, and each load's samples summed by what the process was doing — which npm
// package, which of our modules (through the bundle's source map), the garbage collector, or waiting.
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { SourceMapConsumer } from 'source-map-js'

/** V8's .cpuprofile (the Profiler domain's Profile). */
type Profile = {
  nodes: {
    id: number
    callFrame: { functionName: string; url: string; lineNumber: number; columnNumber: number }
    parent?: number
    children?: number[]
  }[]
  startTime: number
  endTime: number
  samples: number[]
  timeDeltas: number[]
}

/** One line of a breakdown: what, and its share (0–1) of the busy samples. */
export type Share = { what: string; share: number }

/** One load's profile, summed. */
export type CpuBreakdown = {
  load: string
  /** Samples in the load's window, and the share of them in which the process was not idle. */
  samples: number
  busy: number
  /** Self time by area (package, our module, GC, Node's runtime), of the busy samples. */
  areas: Share[]
  /** Inclusive time of our own modules: the share of busy samples with a frame of the module on the stack. */
  inclusive: Share[]
  /** The functions with the most self time. */
  functions: Share[]
}

/** A load's window in ms since the server process was spawned. */
export type Window = { load: string; from: number; to: number }

const IDLE = '(idle)'

/** Where a frame's code lives: `path` of an npm package, our source file through the map, or Node's own. */
function locator(mapFile: string | null) {
  const map = mapFile ? new SourceMapConsumer(JSON.parse(fs.readFileSync(mapFile, 'utf8'))) : null
  const cache = new Map<string, string>()
  return (f: Profile['nodes'][number]['callFrame']): { area: string; source: string } => {
    const { url, functionName } = f
    if (functionName === '(garbage collector)') return { area: 'garbage collection', source: '' }
    if (functionName === '(program)') return { area: 'V8 and native code', source: '' }
    if (functionName === IDLE) return { area: IDLE, source: '' }
    // Functions without a script: V8's built-ins (JSON, RegExp…) and Node's bindings (e.g. a socket's writev).
    if (!url) return { area: 'native functions (V8 built-ins, Node bindings)', source: '' }
    if (url.startsWith('wasm://')) return { area: "PGlite's PostgreSQL (WebAssembly)", source: '' }
    if (url.startsWith('node:')) return { area: 'Node.js runtime', source: url }
    const pkg = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(url)
    if (pkg && !url.includes('/dist/main.js')) return { area: `npm: ${pkg[1]}`, source: url }
    if (map && url.endsWith('/dist/main.js')) {
      const key = `${f.lineNumber}:${f.columnNumber}`
      let source = cache.get(key)
      if (source === undefined) {
        source = map.originalPositionFor({ line: f.lineNumber + 1, column: f.columnNumber }).source ?? ''
        cache.set(key, source)
      }
      return { area: ourArea(source), source }
    }
    return { area: 'other', source: url }
  }
}

/** `../src/core/crud/list.ts` → `openkam: core/crud`; the contract package → `openkam: contract`. */
export function ourArea(source: string): string {
  const npm = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(source)
  if (npm) return `npm: ${npm[1]}`
  if (source.includes('packages/contract/')) return 'openkam: contract'
  const m = /src\/((?:core|modules)\/[^/]+|[^/]+)/.exec(source)
  return m ? `openkam: ${m[1]!.replace(/\.ts$/, '')}` : 'openkam: other'
}

const top = (m: Map<string, number>, total: number, n: number): Share[] =>
  [...m]
    .sort((a, b) => b[1] - a[1])
    .slice(0, n)
    .map(([what, count]) => ({ what, share: total ? count / total : 0 }))

/**
 * Sums the samples of `profile` in each window (ms since the process started; the profile starts with the
 * process, so its sample times are taken as the same clock).
 */
export function breakdown(profile: Profile, windows: Window[], mapFile: string | null): CpuBreakdown[] {
  const where = locator(mapFile)
  const byId = new Map(profile.nodes.map((n) => [n.id, n]))
  const parent = new Map<number, number>()
  for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id)
  const frames = new Map<number, { area: string; name: string; stackAreas: Set<string> }>()
  const frameOf = (id: number) => {
    let f = frames.get(id)
    if (f) return f
    const n = byId.get(id)!
    const { area, source } = where(n.callFrame)
    const file = source ? ` (${source.replace(/^.*?(src\/|node_modules\/|node:)/, '$1')})` : ''
    const stackAreas = new Set<string>()
    for (let p: number | undefined = id; p !== undefined; p = parent.get(p)) {
      const a = where(byId.get(p)!.callFrame).area
      if (a.startsWith('openkam: ')) stackAreas.add(a)
    }
    f = { area, name: `${n.callFrame.functionName || '(anonymous)'}${file}`, stackAreas }
    frames.set(id, f)
    return f
  }
  const times: number[] = []
  let t = 0
  for (const d of profile.timeDeltas) times.push((t += d) / 1000)
  return windows.map((w) => {
    const areas = new Map<string, number>()
    const inclusive = new Map<string, number>()
    const functions = new Map<string, number>()
    let samples = 0
    let busy = 0
    profile.samples.forEach((id, i) => {
      if (times[i]! < w.from || times[i]! > w.to) return
      samples++
      const f = frameOf(id)
      if (f.area === IDLE) return
      busy++
      areas.set(f.area, (areas.get(f.area) ?? 0) + 1)
      functions.set(f.name, (functions.get(f.name) ?? 0) + 1)
      for (const a of f.stackAreas) inclusive.set(a, (inclusive.get(a) ?? 0) + 1)
    })
    return {
      load: w.load,
      samples,
      busy: samples ? busy / samples : 0,
      areas: top(areas, busy, 12),
      inclusive: top(inclusive, busy, 8),
      functions: top(functions, busy, 12),
    }
  })
}

/** A folder for the server's profile, and how to read the profile it wrote once the server stopped. */
export function profileDir() {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'openkam-bench-prof-'))
  return {
    nodeArgs: ['--cpu-prof', `--cpu-prof-dir=${dir}`],
    read(): Profile {
      const file = fs.readdirSync(dir).find((f) => f.endsWith('.cpuprofile'))
      if (!file) throw new Error(`the server wrote no CPU profile into ${dir}`)
      return JSON.parse(fs.readFileSync(path.join(dir, file), 'utf8')) as Profile
    },
    remove: () => fs.rmSync(dir, { recursive: true, force: true }),
  }
}
