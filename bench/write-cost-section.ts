// docs/performance.md's paragraph on what a write costs in round trips. Its figures come from the API test
// (apps/server/src/core/crud/write-round-trips.api.test.ts counts the statements), not from `npm run bench`.

export const writeCostSection = (): string[] => [
  '## What a write costs',
  '',
  "A create of a record is one statement — the row, its audit entry, its outbox row and its handlers' jobs as",
  'data-modifying CTEs, atomic without BEGIN and COMMIT — and a change two: the row read with its xmin, then',
  'that statement guarded by it (ADR 0026). Counted at the driver for `POST /api/v1/accounts`: 1 statement',
  '(was 7: BEGIN, owner check, INSERT, audit, outbox, jobs, COMMIT); for `PATCH /api/v1/accounts/:id`: 2 (was',
  '8, with the row read `for update`). Health, rules, webhooks and notifications run after the commit, as',
  'handlers of the event. Collections with write hooks (`beforeInsert`, `afterWrite`, …), a row whose stored',
  'form cannot be predicted, and an update that met another writer between its read and its write take the',
  'classic path: a transaction, the row locked, one statement for each of row, audit, outbox and jobs.',
  '`core/crud/write-round-trips.api.test.ts` holds the account figures to ≤ 2 on both databases.',
  '',
]
