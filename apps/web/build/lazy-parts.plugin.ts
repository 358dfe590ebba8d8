import path from 'node:path'
import type { Plugin } from 'vite'

const PREFIX = '\0lazy-part:'

/**
 * Parts of antd that a component imports for a feature the app does not use, served as lazy components:
 * `<importer>` (a file of antd, e.g. `card/Card.js`) gets, for its import of `source`, a component that loads
 * the part when first rendered (nothing shows meanwhile). So every page with a card — Home and sign-in among
 * them — does not carry Tabs (~10 KB compressed), which a card imports for its `tabList`.
 */
export function lazyParts(parts: { importer: string; source: string }[]): Plugin {
  return {
    name: 'openkam:lazy-parts',
    enforce: 'pre',
    resolveId(source, importer) {
      if (!importer) return null
      const file = importer.split(path.sep).join('/')
      const part = parts.find(
        (p) => p.source === source && file.endsWith(`/node_modules/antd/es/${p.importer}`),
      )
      if (!part) return null
      // The real module, beside the importer (resolved again when the lazy part loads).
      return `${PREFIX}${path.resolve(path.dirname(importer), source)}`
    },
    load(id) {
      if (!id.startsWith(PREFIX)) return null
      const target = JSON.stringify(id.slice(PREFIX.length))
      return `import { createElement, forwardRef, lazy, Suspense } from 'react'
const Part = lazy(() => import(${target}))
export default forwardRef(function LazyPart(props, ref) {
  return createElement(Suspense, { fallback: null }, createElement(Part, { ...props, ref }))
})`
    },
  }
}
