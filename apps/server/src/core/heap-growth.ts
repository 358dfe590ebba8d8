import v8 from 'node:v8'

/**
 * Caps how far V8 lets the old generation grow past what its last full collection kept: by 1 + percent/100
 * instead of V8's own factor of up to 4. Under load a server's live heap is about 90 MB, but most of what a
 * request allocates outlives a young collection while dozens are in flight, and V8 let the old space reach
 * 330 MB of mostly garbage before marking it (docs/decisions/0042). V8 reads the setting at each collection,
 * so it can be set after start. 0, the default, leaves V8 its own choice: a cap makes full collections
 * frequent when the live heap is large, and an import on the embedded database then fell far behind.
 */
export function limitHeapGrowth(percent: number): void {
  if (percent > 0) v8.setFlagsFromString(`--heap-growing-percent=${percent}`)
}
