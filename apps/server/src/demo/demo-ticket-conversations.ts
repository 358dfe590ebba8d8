import { createHash } from 'node:crypto'
import { and, desc, eq, inArray, isNotNull, isNull, sql } from 'drizzle-orm'
import type { Ctx } from '../core/context'
import type { Executor } from '../core/db/types'
import { newId } from '../core/ids'
import { contacts } from '../modules/contacts'
import { pipelineTables } from '../modules/pipelines'
import { ticketMessages, tickets } from '../modules/tickets'
import type { Lang } from './demo-data'
import { Rng } from './demo-random'

const HOUR = 3_600_000
const t = (lang: Lang, zh: string, en: string) => (lang === 'en' ? en : zh)

/** A step of a conversation; `file` is a text file the writer attached (the contact's log, from the portal). */
type Step = {
  who: 'agent' | 'contact' | 'note'
  after: number
  text: (l: Lang) => string
  file?: { name: string; content: string }
}

/** Conversations as support has them: replies to the customer, notes between colleagues, the customer's answers. */
const scripts: Step[][] = [
  [
    {
      who: 'agent',
      after: 1,
      text: (l) =>
        t(
          l,
          '您好，已收到您的反馈，我们正在排查。能否提供一下出问题设备上的日志文件？',
          'Thank you, we are looking into it. Could you send us the log file from the affected device?',
        ),
    },
    {
      who: 'note',
      after: 2,
      text: (l) =>
        t(
          l,
          '测试环境已复现，与上月补丁后的报错一致，已转研发跟进。',
          "Reproduced on staging — the same error as after last month's patch. Passed to R&D.",
        ),
    },
    {
      who: 'contact',
      after: 5,
      text: (l) =>
        t(l, '日志已附上，问题是从周一更新后开始的。', 'Log attached — it started after Monday’s update.'),
      file: {
        name: 'device-log.txt',
        content: [
          '2026-03-02 09:14:07 INFO  client 5.8.2 started',
          '2026-03-02 09:14:09 WARN  sync: certificate chain changed',
          '2026-03-02 09:14:11 ERROR sync: handshake failed (code 0x80092013), retrying in 30 s',
          '2026-03-02 09:14:41 ERROR sync: handshake failed (code 0x80092013), giving up',
          '',
        ].join('\n'),
      },
    },
    {
      who: 'agent',
      after: 20,
      text: (l) =>
        t(
          l,
          '今天的热修复已解决该问题，请重启客户端后再试，如仍有问题请随时告诉我们。',
          "Today's hotfix resolves it: please restart the client and let us know if anything is still wrong.",
        ),
    },
  ],
  [
    {
      who: 'note',
      after: 0.5,
      text: (l) =>
        t(
          l,
          '注意：该客户三个月后续约，本单请亲自跟进，回复前先和客户经理同步。',
          'Careful: this account renews in three months — handle it personally and check with the account manager before replying.',
        ),
    },
    {
      who: 'agent',
      after: 2,
      text: (l) =>
        t(
          l,
          '非常抱歉给您带来不便。我们已安排专人处理，今天下班前给您明确答复。',
          'We are sorry for the trouble. A specialist is on it and you will have a clear answer before the end of today.',
        ),
    },
  ],
  [
    {
      who: 'agent',
      after: 3,
      text: (l) =>
        t(
          l,
          '您好，该功能在“设置 → 集成”中开启，操作步骤见附带的帮助文档链接。',
          'Hello — you can switch this on under Settings → Integrations; the help article explains each step.',
        ),
    },
    {
      who: 'note',
      after: 3.5,
      text: (l) =>
        t(
          l,
          '本季度第三次有人问这个问题，建议补充进常见问题。',
          'Third time this quarter someone asked — worth adding to the FAQ.',
        ),
    },
  ],
]

const praise: [zh: string, en: string][] = [
  ['响应很快，问题当天就解决了。', 'Quick response, fixed the same day.'],
  ['工程师很专业，解释得很清楚。', 'The engineer was knowledgeable and explained everything clearly.'],
]
const complaints: [zh: string, en: string][] = [
  ['等了三天才有人回复。', 'It took three days before anyone replied.'],
  ['问题反复出现，希望能彻底解决。', 'The problem keeps coming back; we want it fixed for good.'],
]

/**
 * Conversations on the most recent tickets (public replies by the assignee, internal notes, the contact's
 * answers) with the first response they mark, and the satisfaction ratings of the demo's rated tickets
 * given a time (a day or two after resolution) and, for some, a comment.
 */
export async function seedTicketConversationDemo(tx: Executor, ctx: Ctx, lang: Lang) {
  const rng = new Rng(1919)
  const now = Date.now()
  const recent = await tx
    .select()
    .from(tickets)
    .where(
      and(
        eq(tickets.workspaceId, ctx.ws),
        isNull(tickets.deletedAt),
        isNotNull(tickets.contactId),
        isNotNull(tickets.assigneeId),
        inArray(tickets.status, ['open', 'pending', 'resolved', 'closed']),
      ),
    )
    .orderBy(desc(tickets.createdAt))
    .limit(12)
  const rows: (typeof ticketMessages.$inferInsert)[] = []
  const files: (typeof pipelineTables.files.$inferInsert)[] = []
  for (const [i, tk] of recent.entries()) {
    const script = scripts[i % scripts.length]!
    const end = (tk.resolvedAt ?? new Date(now)).getTime()
    let firstReply: Date | null = null
    for (const s of script) {
      const at = new Date(Math.min(tk.createdAt.getTime() + s.after * HOUR, end - 60_000))
      if (at.getTime() <= tk.createdAt.getTime()) continue
      if (s.who === 'agent' && !firstReply) firstReply = at
      const content = s.file ? Buffer.from(s.file.content, 'utf8') : null
      const file =
        s.file && content
          ? {
              id: newId(),
              workspaceId: ctx.ws,
              name: s.file.name,
              size: content.length,
              contentType: 'text/plain',
              sha256: createHash('sha256').update(content).digest('hex'),
              content,
              createdAt: at,
              createdBy: s.who === 'contact' ? null : tk.assigneeId,
              createdByContactId: s.who === 'contact' ? tk.contactId : null,
            }
          : null
      if (file) files.push(file)
      rows.push({
        id: newId(),
        workspaceId: ctx.ws,
        createdAt: at,
        updatedAt: at,
        createdBy: s.who === 'contact' ? null : tk.assigneeId,
        ticketId: tk.id,
        visibility: s.who === 'note' ? 'internal' : 'public',
        body: s.text(lang),
        authorUserId: s.who === 'contact' ? null : tk.assigneeId,
        authorContactId: s.who === 'contact' ? tk.contactId : null,
        fileIds: file ? [file.id] : [],
        emailStatus: s.who === 'agent' ? 'queued' : null,
        emailedAt: s.who === 'agent' ? at : null,
      })
    }
    if (firstReply)
      await tx
        .update(tickets)
        .set({ firstRespondedAt: sql`coalesce(${tickets.firstRespondedAt}, ${firstReply})` })
        .where(and(eq(tickets.workspaceId, ctx.ws), eq(tickets.id, tk.id)))
  }
  // The reply e-mails went to the ticket's contact.
  const emails = new Map(
    (
      await tx
        .select({ id: contacts.id, email: contacts.email })
        .from(contacts)
        .where(
          and(
            eq(contacts.workspaceId, ctx.ws),
            inArray(
              contacts.id,
              recent.map((r) => r.contactId!),
            ),
          ),
        )
    ).map((c) => [c.id, c.email]),
  )
  for (const r of rows)
    if (r.emailStatus) {
      const tk = recent.find((x) => x.id === r.ticketId)!
      const email = emails.get(tk.contactId!)
      if (email) r.emailedTo = email
      else Object.assign(r, { emailStatus: 'no_email', emailedAt: null })
    }
  if (files.length) await tx.insert(pipelineTables.files).values(files)
  if (rows.length) await tx.insert(ticketMessages).values(rows)

  // Ratings: when (a day or two after resolution) and, now and then, what the contact wrote.
  const rated = await tx
    .select({ id: tickets.id, satisfaction: tickets.satisfaction, resolvedAt: tickets.resolvedAt })
    .from(tickets)
    .where(
      and(eq(tickets.workspaceId, ctx.ws), isNotNull(tickets.satisfaction), isNotNull(tickets.resolvedAt)),
    )
  const ids: string[] = []
  const ats: string[] = []
  const texts: (string | null)[] = []
  for (const r of rated) {
    const pool = r.satisfaction! <= 2 ? complaints : r.satisfaction! >= 4 ? praise : null
    ids.push(r.id)
    ats.push(new Date(Math.min(r.resolvedAt!.getTime() + rng.int(2, 48) * HOUR, now - HOUR)).toISOString())
    texts.push(pool && rng.chance(0.5) ? rng.pick(pool)[lang === 'en' ? 1 : 0] : null)
  }
  // One statement for all of them (a few hundred single updates would slow the demo's creation).
  if (ids.length)
    await tx.execute(sql`
      update tickets set satisfaction_at = v.at::timestamptz, satisfaction_comment = v.c
      from (select unnest(${sql.param(ids)}::uuid[]) as id, unnest(${sql.param(ats)}::text[]) as at,
                   unnest(${sql.param(texts)}::text[]) as c) v
      where tickets.workspace_id = ${ctx.ws} and tickets.id = v.id`)
  return { messages: rows.length, rated: rated.length }
}
