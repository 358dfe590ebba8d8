import { eq } from 'drizzle-orm'
import {
  TEMPLATE_FORMAT,
  TEMPLATE_VERSION,
  templateKinds,
  type TemplateFile,
  type TemplatePlan,
} from '@openkam/contract'
import { scopeFor } from '../../core/access/permissions'
import type { Ctx } from '../../core/context'
import type { Executor } from '../../core/db/types'
import { AppError, type FieldError } from '../../core/errors'
import { isUuid } from '../../core/ids'
import { userTables } from '../users'
import type { Current, Item, KindDeps } from './template-kind'
import { templateKindDefs } from './template-kinds'

type Ref = { kind: string; key: string }
type Note = TemplateFile['notes'][number]
const isRef = (v: unknown): v is { $ref: string; key: string } =>
  !!v && typeof v === 'object' && !Array.isArray(v) && typeof (v as Record<string, unknown>).$ref === 'string'

/** JSON with object keys sorted: two items are the same configuration when these strings are equal. */
export const stable = (v: unknown): string =>
  JSON.stringify(v, (_k, x) =>
    x && typeof x === 'object' && !Array.isArray(x)
      ? Object.fromEntries(Object.entries(x).sort(([a], [b]) => a.localeCompare(b)))
      : x,
  )

/** Copies `v`, replacing each string (or `$ref`) `swap` answers for; `path` names where it is. */
function walk(v: unknown, path: string, swap: (v: unknown, path: string) => unknown): unknown {
  const s = swap(v, path)
  if (s !== v) return s
  if (Array.isArray(v)) return v.map((x, i) => walk(x, `${path}.${i}`, swap))
  if (v && typeof v === 'object')
    return Object.fromEntries(
      Object.entries(v).map(([k, x]) => [k, walk(x, path ? `${path}.${k}` : k, swap)]),
    )
  return v
}

export function requireAdmin(ctx: Ctx) {
  if (scopeFor(ctx.principal, 'workspace', 'update') !== 'all')
    throw new AppError(
      'forbidden',
      'forbidden',
      'Only administrators may export or import workspace templates',
    )
}

async function readAll(tx: Executor, ctx: Ctx) {
  const out = new Map<string, Current[]>()
  for (const d of templateKindDefs) out.set(d.kind, await d.read(tx, ctx))
  return out
}

/**
 * The workspace's whole configuration as a template file. References between items are written as
 * `{ "$ref": kind, "key": key }`; a reference to something a template does not carry (a person, a team)
 * is removed and named in `notes`.
 */
export async function exportTemplate(
  tx: Executor,
  ctx: Ctx,
  meta: { name: string; description?: string; now?: Date },
): Promise<TemplateFile> {
  requireAdmin(ctx)
  const all = await readAll(tx, ctx)
  const ids = new Map<string, Ref>()
  for (const [kind, list] of all) for (const c of list) if (isUuid(c.id)) ids.set(c.id, { kind, key: c.key })
  const people = new Map<string, string>()
  const [users, teams] = await Promise.all([
    tx
      .select({ id: userTables.users.id })
      .from(userTables.users)
      .where(eq(userTables.users.workspaceId, ctx.ws)),
    tx
      .select({ id: userTables.teams.id })
      .from(userTables.teams)
      .where(eq(userTables.teams.workspaceId, ctx.ws)),
  ])
  for (const u of users) people.set(u.id, 'a person')
  for (const t of teams) people.set(t.id, 'a team')
  const notes: Note[] = []
  const objects: TemplateFile['objects'] = {}
  for (const [kind, list] of all) {
    if (!list.length) continue
    const items: TemplateFile['objects'][string] = []
    for (const c of list) {
      const { key, ...rest } = c.item
      const cut: { at?: { path: string; who: string } } = {}
      const swap = (v: unknown, path: string): unknown => {
        if (Array.isArray(v) && v.some((x) => typeof x === 'string' && people.has(x))) {
          // A list of people (e.g. whom a dashboard is shared with): the people are taken out of it.
          notes.push({
            kind,
            key,
            path,
            note: 'named people or teams of the exporting workspace; removed from the list',
          })
          return v
            .filter((x) => !(typeof x === 'string' && people.has(x)))
            .map((x, i) => walk(x, `${path}.${i}`, swap))
        }
        if (typeof v !== 'string' || !isUuid(v)) return v
        const ref = ids.get(v)
        if (ref) return { $ref: ref.kind, key: ref.key }
        const who = people.get(v)
        if (who) cut.at ??= { path, who }
        return v
      }
      const body = walk(rest, '', swap) as Record<string, unknown>
      if (cut.at) {
        // One person or team the item cannot do without (e.g. a routing rule's assignee): the item stays out.
        const { path, who } = cut.at
        notes.push({ kind, key, path, note: `left out: it refers to ${who} of the exporting workspace` })
        continue
      }
      items.push({ key, ...body })
    }
    if (items.length) objects[kind] = items
  }
  return {
    format: TEMPLATE_FORMAT,
    version: TEMPLATE_VERSION,
    exportedAt: (meta.now ?? new Date()).toISOString(),
    name: meta.name,
    description: meta.description ?? '',
    objects,
    notes,
  }
}

const invalid = (message: string, errors: FieldError[]) =>
  new AppError('invalid', 'invalid_template', message, { errors })

/** The file's own shape: its format and version, known kinds, unique keys. Throws 400 naming each fault. */
function checkShape(file: TemplateFile) {
  const errors: FieldError[] = []
  if (file.format !== TEMPLATE_FORMAT)
    errors.push({ path: 'format', message: `must be "${TEMPLATE_FORMAT}" (an OpenKAM workspace template)` })
  if (file.version !== TEMPLATE_VERSION)
    errors.push({
      path: 'version',
      message: `version ${file.version} is not supported; this server reads version ${TEMPLATE_VERSION}`,
    })
  for (const [kind, items] of Object.entries(file.objects)) {
    if (!(templateKinds as readonly string[]).includes(kind)) {
      errors.push({ path: `objects.${kind}`, message: `unknown kind; known: ${templateKinds.join(', ')}` })
      continue
    }
    const seen = new Set<string>()
    items.forEach((it, i) => {
      if (seen.has(it.key))
        errors.push({ path: `objects.${kind}.${i}.key`, message: `${it.key} is listed twice` })
      seen.add(it.key)
    })
  }
  if (errors.length) throw invalid('This is not a workspace template this server can read', errors)
}

/** Placeholder id of an item the file will create (a preview writes nothing). */
const PENDING = '00000000-0000-4000-8000-000000000000'

type Lookup = Map<string, Map<string, string>>

function resolve(item: Item, at: string, lookup: Lookup, errors: FieldError[]): Item {
  return walk(item, '', (v, path) => {
    if (!isRef(v)) return v
    const id = lookup.get(v.$ref)?.get(String(v.key))
    if (id) return id
    errors.push({
      path: `${at}.${path}`,
      message: `refers to ${v.$ref} "${v.key}", which is neither in the file nor in this workspace`,
    })
    return PENDING
  }) as Item
}

const differs = (want: Item, have: Item) => Object.keys(want).some((k) => stable(want[k]) !== stable(have[k]))

/**
 * What importing the file would do (`apply` false: nothing is written) or does (`apply` true, in the
 * caller's transaction): per kind, the items created, changed, unchanged and the workspace's items the
 * file does not name (left as they are). Every item is checked before anything is written; a fault
 * anywhere answers 400 naming its path, and nothing changes.
 */
export async function importTemplate(
  tx: Executor,
  ctx: Ctx,
  deps: KindDeps,
  file: TemplateFile,
  apply: boolean,
): Promise<TemplatePlan> {
  requireAdmin(ctx)
  checkShape(file)
  const kinds = templateKindDefs.filter((d) => file.objects[d.kind])
  const all = await readAll(tx, ctx)
  const lookup: Lookup = new Map()
  for (const [kind, list] of all) lookup.set(kind, new Map(list.map((c) => [c.key, c.id])))
  for (const d of kinds)
    for (const it of file.objects[d.kind]!)
      if (!lookup.get(d.kind)!.has(it.key)) lookup.get(d.kind)!.set(it.key, PENDING)
  // Everything is checked first, so that a bad item changes nothing.
  const errors: FieldError[] = []
  for (const d of kinds)
    file.objects[d.kind]!.forEach((raw, i) => {
      const at = `objects.${d.kind}.${i}`
      const item = resolve(raw as Item, at, lookup, errors)
      for (const e of d.check(item))
        errors.push({ path: `${at}.${e.path}`.replace(/\.$/, ''), message: e.message })
    })
  if (errors.length) throw invalid('The template has items that are not valid; nothing was changed', errors)

  const plan: TemplatePlan = { applied: apply, kinds: [] }
  for (const d of kinds) {
    const current = apply ? await d.read(tx, ctx) : all.get(d.kind)!
    const byKey = new Map(current.map((c) => [c.key, c]))
    const items = file.objects[d.kind]! as Item[]
    const step = {
      kind: d.kind,
      created: [] as string[],
      changed: [] as string[],
      unchanged: [] as string[],
      names: {} as Record<string, string>,
    }
    const name = (key: string, it: Item | undefined) => {
      if (typeof it?.name === 'string' && it.name !== key) step.names[key] = it.name
    }
    for (const c of current) name(c.key, c.item)
    for (const raw of d.order ? d.order(items) : items) {
      const at = `objects.${d.kind}.${items.indexOf(raw)}`
      const item = resolve(raw, at, lookup, [])
      const have = byKey.get(item.key)
      name(item.key, item)
      if (have && !differs(item, have.item)) {
        step.unchanged.push(item.key)
        continue
      }
      ;(have ? step.changed : step.created).push(item.key)
      if (!apply) continue
      try {
        lookup.get(d.kind)!.set(item.key, await d.write(tx, ctx, deps, item, have))
      } catch (e) {
        if (e instanceof AppError && (e.status === 400 || e.status === 422))
          throw new AppError('invalid', e.code, `${d.kind} "${item.key}": ${e.message}`, {
            ...e.extra,
            errors: (e.extra.errors ?? [{ path: '', message: e.message }]).map((x) => ({
              ...x,
              path: x.path ? `${at}.${x.path}` : at,
            })),
          })
        throw e
      }
    }
    const named = new Set(items.map((i) => i.key))
    plan.kinds.push({ ...step, left: current.filter((c) => !named.has(c.key)).map((c) => c.key) })
  }
  return plan
}
