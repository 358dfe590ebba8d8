import fs from 'node:fs/promises'
import { fileURLToPath } from 'node:url'
import { generateSchema, SCHEMA_FILE } from '../src/generate'

// Writes packages/client/src/schema.d.ts from the server's OpenAPI description (no server is started).
const text = await generateSchema()
await fs.writeFile(SCHEMA_FILE, text)
console.log(`wrote ${fileURLToPath(SCHEMA_FILE)} (${text.split('\n').length} lines)`)
