import fs from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'

let cached: string | undefined

/** The apps/server folder, found from this file whether it runs from src/ or a bundle in dist/. */
export function serverRoot(): string {
  if (cached) return cached
  let dir = path.dirname(fileURLToPath(import.meta.url))
  for (;;) {
    const pkg = path.join(dir, 'package.json')
    if (fs.existsSync(pkg) && JSON.parse(fs.readFileSync(pkg, 'utf8')).name === '@openkam/server') {
      cached = dir
      return dir
    }
    const parent = path.dirname(dir)
    if (parent === dir) throw new Error('Cannot find the @openkam/server package folder')
    dir = parent
  }
}

export const migrationsFolder = () => path.join(serverRoot(), 'drizzle')
