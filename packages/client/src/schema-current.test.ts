import fs from 'node:fs/promises'
import { describe, expect, it } from 'vitest'
import { openApiDocument } from '../../../apps/server/src/openapi-document'
import { FINGERPRINT_LINE, fingerprintOf, SCHEMA_FILE } from './generate'

describe('the generated client types', () => {
  it('are generated from the OpenAPI description the server serves now', async () => {
    const head = (await fs.readFile(SCHEMA_FILE, 'utf8')).slice(0, 1000)
    const written = FINGERPRINT_LINE.exec(head)?.[1]
    const current = fingerprintOf(await openApiDocument())
    expect(
      written === current,
      'packages/client/src/schema.d.ts is stale: run npm run client:generate and commit the result',
    ).toBe(true)
  }, 60_000)
})
