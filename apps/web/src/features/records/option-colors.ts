/** Inline colours for a tag of a custom option's colour that read at 4.5:1 or better (WCAG AA). */

type Rgb = [number, number, number]

const parse = (hex: string): Rgb | null => {
  const m = /^#([0-9a-f]{6})$/i.exec(hex)
  if (!m) return null
  const n = parseInt(m[1]!, 16)
  return [(n >> 16) & 255, (n >> 8) & 255, n & 255]
}
const mix = (a: Rgb, b: Rgb, share: number): Rgb =>
  a.map((x, i) => Math.round(x * share + b[i]! * (1 - share))) as Rgb
const hex = (c: Rgb) => `#${c.map((x) => x.toString(16).padStart(2, '0')).join('')}`
const luminance = (c: Rgb) => {
  const [r, g, b] = c.map((x) => {
    const s = x / 255
    return s <= 0.03928 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4
  })
  return 0.2126 * r! + 0.7152 * g! + 0.0722 * b!
}
export const contrast = (a: Rgb, b: Rgb) => {
  const [x, y] = [luminance(a), luminance(b)].sort((p, q) => q - p)
  return (x! + 0.05) / (y! + 0.05)
}

const white: Rgb = [255, 255, 255]
const black: Rgb = [0, 0, 0]

/**
 * A light tint of the colour as background, a lighter border, and the colour darkened just enough
 * for its text to read: `#fa8c16` → orange text on a pale orange tag. Undefined for no colour.
 */
export function optionTagStyle(color: string | undefined) {
  const c = color ? parse(color) : null
  if (!c) return undefined
  const bg = mix(c, white, 0.12)
  let text = c
  for (let share = 0.9; contrast(text, bg) < 4.5 && share > 0; share -= 0.1) text = mix(c, black, share)
  return { background: hex(bg), borderColor: hex(mix(c, white, 0.45)), color: hex(text) }
}
