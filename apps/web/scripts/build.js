// Placeholder build of the web app: copies src/ to dist/. The web-app issue replaces this with Vite.
import fs from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'

const root = path.dirname(path.dirname(fileURLToPath(import.meta.url)))

export async function buildWeb() {
  fs.rmSync(path.join(root, 'dist'), { recursive: true, force: true })
  fs.cpSync(path.join(root, 'src'), path.join(root, 'dist'), { recursive: true })
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  await buildWeb()
  console.log('built apps/web/dist')
}
