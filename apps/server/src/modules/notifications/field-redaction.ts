import type { FieldAccessMap } from '../../core/access/permissions'

type Row = Record<string, unknown>

/**
 * What must not leave the server towards an outside receiver or a person (SPEC R-23): per object, the
 * fields (`custom.<key>` for custom ones) hidden from the reader.
 */
export type HiddenFields = Record<string, Set<string>>

/** The fields one field-access map hides (read-only ones may be read). */
export function hiddenIn(map: FieldAccessMap): HiddenFields {
  const out: HiddenFields = {}
  for (const [object, fields] of Object.entries(map)) {
    const hidden = Object.keys(fields).filter((f) => fields[f] === 'hidden')
    if (hidden.length) out[object] = new Set(hidden)
  }
  return out
}

/**
 * The fields hidden from at least one of the roles: what a reader who is nobody in particular (a webhook
 * without a role) may not get.
 * @example hiddenByAnyRole([{ accounts: { phone: 'hidden' } }, {}]) // → { accounts: Set { 'phone' } }
 */
export function hiddenByAnyRole(maps: FieldAccessMap[]): HiddenFields {
  const out: HiddenFields = {}
  for (const m of maps)
    for (const [object, set] of Object.entries(hiddenIn(m)))
      for (const f of set) (out[object] ??= new Set()).add(f)
  return out
}

/** A copy of a record without the hidden fields (built-in keys and `custom.<key>`). */
export function redactRecord<R>(rec: R, hidden: Set<string> | undefined): R {
  if (!hidden?.size || !rec || typeof rec !== 'object' || Array.isArray(rec)) return rec
  const out: Row = { ...(rec as Row) }
  const custom = out.custom && typeof out.custom === 'object' ? { ...(out.custom as Row) } : null
  for (const f of hidden) {
    if (f.startsWith('custom.')) {
      if (custom) delete custom[f.slice(7)]
    } else delete out[f]
  }
  if (custom) out.custom = custom
  return out as R
}

/**
 * An event's payload without the hidden fields of its object: the record (`record`, and `before`/`after`
 * of a change), the list of changed fields, and fields carried at the top level (e.g. a stage change).
 */
export function redactEventPayload(payload: unknown, hidden: Set<string> | undefined): unknown {
  if (!hidden?.size || !payload || typeof payload !== 'object' || Array.isArray(payload)) return payload
  const out = redactRecord(payload as Row, hidden)
  for (const k of ['record', 'before', 'after'])
    if (out[k] && typeof out[k] === 'object') out[k] = redactRecord(out[k] as Row, hidden)
  if (Array.isArray(out.changed)) out.changed = out.changed.filter((f) => !hidden.has(String(f)))
  return out
}
