import { describe, expect, it } from 'vitest'
import type { LayoutCondition } from '@openkam/contract'
import { collections } from '../records/meta'
import { placeFields, shows } from './layout'
import { moveField, removeSection, stepField, type DraftSection } from './layout-draft'

describe('shows', () => {
  it.each<[LayoutCondition | undefined, Record<string, any>, boolean]>([
    [undefined, {}, true],
    [{ field: 'tier', op: 'eq', value: 'strategic' }, { tier: 'strategic' }, true],
    [{ field: 'tier', op: 'eq', value: 'strategic' }, { tier: 'growth' }, false],
    [{ field: 'tier', op: 'neq', value: 'strategic' }, { tier: 'growth' }, true],
    [{ field: 'tier', op: 'in', value: ['growth', 'strategic'] }, { tier: 'growth' }, true],
    [{ field: 'tier', op: 'in', value: ['growth'] }, {}, false],
    [{ field: 'custom.erp', op: 'empty' }, { custom: {} }, true],
    [{ field: 'custom.erp', op: 'not_empty' }, { custom: { erp: 'sap' } }, true],
    [{ field: 'custom.tags', op: 'eq', value: 'a' }, { custom: { tags: ['a', 'b'] } }, true],
    [{ field: 'custom.ok', op: 'eq', value: true }, { custom: { ok: true } }, true],
    [{ field: 'employees', op: 'eq', value: 10 }, { employees: 10 }, true],
  ])('evaluates %j against %j as %s', (cond, values, expected) => {
    expect(shows(cond, values)).toBe(expected)
  })
})

describe('placeFields', () => {
  it('drops unknown names and appends fields no section places to the last one', () => {
    const meta = collections.tasks!
    const placed = placeFields(
      [
        { id: 'a', title: 'A', columns: 2, fields: ['title', 'nope'] },
        { id: 'b', title: 'B', columns: 1, fields: [] },
      ],
      meta,
    )
    expect(placed[0]!.fields.map((f) => f.key)).toEqual(['title'])
    expect(placed[1]!.fields.length).toBe(meta.fields.length - 1)
  })
})

describe('layout drafts', () => {
  const draft: DraftSection[] = [
    { id: 'a', titles: { en: 'A', 'zh-CN': '' }, columns: 2, fields: ['x', 'y'] },
    { id: 'b', titles: { en: 'B', 'zh-CN': '' }, columns: 1, fields: ['z'] },
  ]
  it('moves a field into another section at an index', () => {
    expect(moveField(draft, 'x', 'b', 0).map((s) => s.fields)).toEqual([['y'], ['x', 'z']])
  })
  it('steps a field past the end of its section into the next one', () => {
    expect(stepField(draft, 'y', 1).map((s) => s.fields)).toEqual([['x'], ['y', 'z']])
    expect(stepField(draft, 'z', -1).map((s) => s.fields)).toEqual([['x', 'y', 'z'], []])
  })
  it('gives a removed section’s fields to the section before it', () => {
    expect(removeSection(draft, 1)).toEqual([{ ...draft[0], fields: ['x', 'y', 'z'] }])
  })
})
