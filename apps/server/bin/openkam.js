#!/usr/bin/env node
// The openkam command: rebuilds dist/ when the sources are newer, then runs it.
import fs from 'node:fs'
import path from 'node:path'
import { fileURLToPath, pathToFileURL } from 'node:url'

const root = path.dirname(path.dirname(fileURLToPath(import.meta.url)))
const dist = path.join(root, 'dist', 'main.js')

function newest(dir) {
  let t = 0
  if (!fs.existsSync(dir)) return t
  for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, e.name)
    t = Math.max(t, e.isDirectory() ? newest(p) : fs.statSync(p).mtimeMs)
  }
  return t
}

const sources = Math.max(
  newest(path.join(root, 'src')),
  newest(path.join(root, '..', '..', 'packages', 'contract', 'src')),
)
if (!fs.existsSync(dist) || fs.statSync(dist).mtimeMs < sources) {
  const { buildServer } = await import(pathToFileURL(path.join(root, 'scripts', 'build.js')).href)
  await buildServer()
}
const web = path.join(root, '..', 'web')
const webIndex = path.join(web, 'dist', 'index.html')
if (!fs.existsSync(webIndex) || fs.statSync(webIndex).mtimeMs < newest(path.join(web, 'src'))) {
  // A line, not the build's output: the terminal keeps the summary the server prints once ready.
  const started = Date.now()
  process.stdout.write('Building the web app (its sources changed)… ')
  const { buildWeb } = await import(pathToFileURL(path.join(web, 'scripts', 'build.js')).href)
  await buildWeb({ quiet: true })
  process.stdout.write(`done in ${((Date.now() - started) / 1000).toFixed(0)} s\n`)
}
await import(pathToFileURL(dist).href)
