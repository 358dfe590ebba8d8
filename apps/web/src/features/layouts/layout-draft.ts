import type { FormLayoutUpdate, LayoutCondition, LayoutSection } from '@openkam/contract'

/** A section as the designer edits it: a title in each language, which may still be empty. */
export type DraftSection = {
  id: string
  titles: { en: string; 'zh-CN': string }
  columns: number
  fields: string[]
  visibleWhen?: LayoutCondition
}

export type Lang = 'en' | 'zh-CN'

export const toDraft = (sections: LayoutSection[]): DraftSection[] =>
  sections.map((s) => ({
    id: s.id,
    titles: { en: s.titles?.en ?? s.title, 'zh-CN': s.titles?.['zh-CN'] ?? s.title },
    columns: s.columns,
    fields: [...s.fields],
    ...(s.visibleWhen ? { visibleWhen: s.visibleWhen } : {}),
  }))

/** A section's title in a language, else in the other one. */
export const titleIn = (s: DraftSection, lang: Lang) =>
  s.titles[lang].trim() || s.titles[lang === 'en' ? 'zh-CN' : 'en'].trim()

/** The sections as a layout (titles in the language asked, for the preview; both kept in `titles`). */
export const toSections = (draft: DraftSection[], lang: Lang = 'en'): LayoutSection[] =>
  draft.map((s) => {
    const titles = Object.fromEntries(
      (['en', 'zh-CN'] as const).flatMap((l) => (s.titles[l].trim() ? [[l, s.titles[l].trim()]] : [])),
    ) as LayoutSection['titles']
    return {
      id: s.id,
      title: titleIn(s, lang),
      titles,
      columns: s.columns,
      fields: s.fields,
      ...(s.visibleWhen ? { visibleWhen: s.visibleWhen } : {}),
    }
  })

export const toUpdate = (draft: DraftSection[], version: number): FormLayoutUpdate => ({
  version,
  sections: toSections(draft, 'en'),
})

/** What is wrong with a draft before it is sent, per section index: a title, a condition's value. */
export function draftProblems(draft: DraftSection[]): Map<number, ('title' | 'value')[]> {
  const out = new Map<number, ('title' | 'value')[]>()
  draft.forEach((s, i) => {
    const p: ('title' | 'value')[] = []
    if (!titleIn(s, 'en')) p.push('title')
    const c = s.visibleWhen
    const missing =
      c?.value === undefined ||
      c.value === null ||
      c.value === '' ||
      (Array.isArray(c.value) && !c.value.length)
    if (c && ['eq', 'neq', 'in'].includes(c.op) && missing) p.push('value')
    if (p.length) out.set(i, p)
  })
  return out
}

/** Moves a field to a section, at an index there (the end when absent). */
export function moveField(draft: DraftSection[], path: string, to: string, index?: number): DraftSection[] {
  const without = draft.map((s) => ({ ...s, fields: s.fields.filter((f) => f !== path) }))
  return without.map((s) => {
    if (s.id !== to) return s
    const fields = [...s.fields]
    fields.splice(index === undefined ? fields.length : Math.max(0, Math.min(index, fields.length)), 0, path)
    return { ...s, fields }
  })
}

/** Moves a field one place up or down in its section; past the edge it goes to the neighbouring section. */
export function stepField(draft: DraftSection[], path: string, by: -1 | 1): DraftSection[] {
  const si = draft.findIndex((s) => s.fields.includes(path))
  if (si < 0) return draft
  const fi = draft[si]!.fields.indexOf(path)
  const next = fi + by
  if (next >= 0 && next < draft[si]!.fields.length) return moveField(draft, path, draft[si]!.id, next)
  const other = draft[si + by]
  if (!other) return draft
  return moveField(draft, path, other.id, by < 0 ? other.fields.length : 0)
}

export function stepSection(draft: DraftSection[], index: number, by: -1 | 1): DraftSection[] {
  const to = index + by
  if (to < 0 || to >= draft.length) return draft
  const out = [...draft]
  const [s] = out.splice(index, 1)
  out.splice(to, 0, s!)
  return out
}

/** A new empty section with an id no other section has. */
export function addSection(draft: DraftSection[], titles: DraftSection['titles']): DraftSection[] {
  let n = draft.length + 1
  while (draft.some((s) => s.id === `section${n}`)) n++
  return [...draft, { id: `section${n}`, titles, columns: 2, fields: [] }]
}

/** Removes a section; its fields go to the section before it (or after, for the first). */
export function removeSection(draft: DraftSection[], index: number): DraftSection[] {
  if (draft.length < 2) return draft
  const gone = draft[index]!
  const heir = index > 0 ? index - 1 : 1
  return draft
    .map((s, i) => (i === heir ? { ...s, fields: [...s.fields, ...gone.fields] } : s))
    .filter((_, i) => i !== index)
}
