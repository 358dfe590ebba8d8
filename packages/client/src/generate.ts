import { createHash } from 'node:crypto'
import { createRequire } from 'node:module'
import openapiTS, { astToString, COMMENT_HEADER, type OpenAPI3 } from 'openapi-typescript'
import { openApiDocument } from '../../../apps/server/src/openapi-document'

export const SCHEMA_FILE = new URL('./schema.d.ts', import.meta.url)

const generatorVersion = (): string =>
  (createRequire(import.meta.url)('openapi-typescript/package.json') as { version: string }).version

/**
 * The fingerprint written at the top of src/schema.d.ts: the SHA-256 of the server's OpenAPI description and
 * the generator's version. Equal fingerprints mean an equal generated file, so the staleness check needs the
 * description only (a second or two), not the generation itself (much longer).
 */
export function fingerprintOf(doc: unknown): string {
  return createHash('sha256')
    .update(`openapi-typescript@${generatorVersion()}\n${JSON.stringify(doc)}`)
    .digest('hex')
}

export const FINGERPRINT_LINE = /^\/\/ openapi-fingerprint: ([0-9a-f]{64})$/m

/** The text of src/schema.d.ts for the server's current OpenAPI description (openapi-typescript). */
export async function generateSchema(): Promise<string> {
  const doc = await openApiDocument()
  const ast = await openapiTS(doc as unknown as OpenAPI3, { alphabetize: true })
  return [
    COMMENT_HEADER.trimEnd(),
    '// Regenerate with `npm run client:generate`; a unit test fails when this file is stale.',
    `// openapi-fingerprint: ${fingerprintOf(doc)}`,
    '',
    astToString(ast),
  ].join('\n')
}
