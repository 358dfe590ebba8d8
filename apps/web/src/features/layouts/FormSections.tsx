import type { ReactNode } from 'react'
import { Typography } from 'antd'
import { pathOf, type Field } from '../records/meta'
import { shows, type PlacedSection } from './layout'

type Props = {
  sections: PlacedSection[]
  /** The values the sections' conditions are evaluated against (the form's, or the record's). */
  values?: Record<string, any>
  /** One field's content, or null to leave it out here. */
  render: (f: Field) => ReactNode
  /** Shown in a section with no field (the designer's preview); such sections are left out otherwise. */
  emptyHint?: ReactNode
}

/** Long text takes the section's whole width. */
const wide = (f: Field) => f.type === 'textarea'

/**
 * Sections of a form or record page, in the layout's order, each with its title and its columns; a
 * section whose condition does not hold for `values` is not shown.
 */
export function FormSections({ sections, values, render, emptyHint }: Props) {
  const titled = sections.length > 1
  return (
    <>
      {sections
        .filter((s) => shows(s.visibleWhen, values))
        .map((s) => {
          const items = s.fields.flatMap((f) => {
            const node = render(f)
            return node === null || node === undefined || node === false ? [] : [{ f, node }]
          })
          if (!items.length && !emptyHint) return null
          return (
            <section key={s.id} className="form-section" aria-label={s.title} data-section={s.id}>
              {(titled || !!s.visibleWhen) && (
                <Typography.Title level={5} style={{ marginTop: 4 }}>
                  {s.title}
                </Typography.Title>
              )}
              {items.length ? (
                <div
                  style={{
                    display: 'grid',
                    gridTemplateColumns: `repeat(${s.columns}, minmax(0, 1fr))`,
                    columnGap: 16,
                  }}
                >
                  {items.map(({ f, node }) => (
                    <div key={pathOf(f)} style={wide(f) ? { gridColumn: '1 / -1' } : undefined}>
                      {node}
                    </div>
                  ))}
                </div>
              ) : (
                <Typography.Paragraph type="secondary">{emptyHint}</Typography.Paragraph>
              )}
            </section>
          )
        })}
    </>
  )
}

/** The widest section a form shows: its drawer is as wide as that needs. */
export const widthFor = (sections: PlacedSection[] | null) => {
  const cols = Math.max(1, ...(sections ?? []).map((s) => s.columns))
  return cols >= 3 ? 1000 : cols === 2 ? 760 : 520
}
