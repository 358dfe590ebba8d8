// Bundles the server into dist/main.js with esbuild; npm dependencies stay external.
import fs from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { build } from 'esbuild'

const root = path.dirname(path.dirname(fileURLToPath(import.meta.url)))

export async function buildServer() {
  const pkg = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8'))
  const external = Object.keys(pkg.dependencies ?? {}).filter((d) => !d.startsWith('@openkam/'))
  await build({
    entryPoints: [path.join(root, 'src/main.ts')],
    outfile: path.join(root, 'dist/main.js'),
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    sourcemap: true,
    external,
    logLevel: 'warning',
    banner: {
      js: "import { createRequire as __cr } from 'node:module'; const require = __cr(import.meta.url);",
    },
  })
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  await buildServer()
  console.log('built apps/server/dist/main.js')
}
