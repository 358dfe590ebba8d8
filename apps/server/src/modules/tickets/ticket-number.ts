import { sql } from 'drizzle-orm'
import type { Executor } from '../../core/db/types'
import { ticketCounters } from './ticket.table'

/** The first number a workspace's tickets get is TK-10001. */
const BASE = 10_000

/**
 * The workspace's next ticket number (`TK-10001`, `TK-10002`…), counted in `ticket_counters`: the upsert
 * locks the workspace's row until the transaction ends, so concurrent creates get distinct numbers, and a
 * rolled-back create gives its number back.
 * @example const number = await nextTicketNumber(tx, ctx.ws) // 'TK-10042'
 */
export async function nextTicketNumber(tx: Executor, ws: string): Promise<string> {
  const [row] = await tx
    .insert(ticketCounters)
    .values({ workspaceId: ws, last: 1 })
    .onConflictDoUpdate({
      target: ticketCounters.workspaceId,
      set: { last: sql`${ticketCounters.last} + 1` },
    })
    .returning({ last: ticketCounters.last })
  return `TK-${BASE + Number(row!.last)}`
}

/**
 * Numbers the workspace's tickets that have none (rows written in bulk, e.g. by the demo), oldest first,
 * after the highest number given so far; returns how many it numbered.
 */
export async function numberUnnumberedTickets(tx: Executor, ws: string): Promise<number> {
  const res = await tx.execute(sql`
    with todo as (
      select id, row_number() over (order by created_at, id) as rn
      from tickets where workspace_id = ${ws} and number is null
    ), counter as (
      insert into ticket_counters (workspace_id, last)
      values (${ws}, (select count(*) from todo))
      on conflict (workspace_id) do update set last = ticket_counters.last + excluded.last
      returning last
    )
    update tickets t set number = 'TK-' || (${BASE} + (select last from counter) - (select count(*) from todo) + todo.rn)::text
    from todo where t.workspace_id = ${ws} and t.id = todo.id
    returning t.id`)
  return (res as unknown as { rows: unknown[] }).rows.length
}
