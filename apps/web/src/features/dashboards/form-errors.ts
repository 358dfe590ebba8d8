import type { FormInstance } from 'antd'
import { ApiError } from '../../shared/api/client'

/**
 * Puts each field error of an API answer under its field (`metrics.2.target` → the third row's target);
 * returns what fits no field, to show above the form (null when everything landed on a field).
 */
export function showApiErrors(
  form: FormInstance,
  e: unknown,
  known: (path: (string | number)[]) => boolean,
): string | null {
  if (!(e instanceof ApiError)) return e instanceof Error ? e.message : String(e)
  const rest: string[] = []
  const byField = new Map<string, { name: (string | number)[]; errors: string[] }>()
  for (const x of e.errors) {
    const name = x.path
      .split('.')
      .filter(Boolean)
      .map((p) => (/^\d+$/.test(p) ? Number(p) : p))
    if (name.length && known(name)) {
      const k = name.join('.')
      const f = byField.get(k) ?? { name, errors: [] }
      f.errors.push(x.message)
      byField.set(k, f)
    } else rest.push(x.path ? `${x.path}: ${x.message}` : x.message)
  }
  form.setFields([...byField.values()])
  if (byField.size && !rest.length) return null
  return rest.length ? `${e.message} (${rest.join('; ')})` : e.message
}
