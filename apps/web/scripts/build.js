// Builds the web app with Vite into dist/ (used by `npm run build` and by the openkam launcher).
import path from 'node:path'
import { fileURLToPath } from 'node:url'

const root = path.dirname(path.dirname(fileURLToPath(import.meta.url)))

export async function buildWeb({ quiet = false } = {}) {
  const { build } = await import('vite')
  await build({ root, configFile: path.join(root, 'vite.config.ts'), logLevel: quiet ? 'warn' : 'info' })
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  await buildWeb()
}
