import type { Ctx } from '../../core/context'
import type { Executor } from '../../core/db/types'
import { AppError } from '../../core/errors'
import { newId } from '../../core/ids'
import { openStored } from '../../core/crypto/secret-box'
import { sendEmail } from './channels/email.sender'
import { postToEndpoint, type SendResult } from './channels/http.sender'
import { testMessage } from './channels/messages'
import { mobileNumber, sendSms } from './channels/sms/sms.sender'
import { findWebhook } from './notification.repository'
import { workspaceLocale } from './notify.service'
import { loadSettings, requireAdmin } from './settings.service'
import { langOf, t } from './texts'
import { webhookCollection } from './webhook.collection'

export type TestResult = { ok: boolean; status?: number; durationMs?: number; error?: string }

const kindName: Record<string, string> = { wecom: 'WeCom', dingtalk: 'DingTalk', feishu: 'Feishu' }

/**
 * Why a test message did not arrive, in OpenKAM's words only: the status, a robot's refusal code, or
 * why there was no answer — never the receiver's text (SSRF: the answer of a server the caller cannot
 * reach must not come back to them).
 */
function failureWithoutBody(kind: string, r: SendResult): string {
  if (r.status === undefined) return r.error ?? 'No answer'
  if (r.status < 200 || r.status > 299) return `The receiver answered HTTP ${r.status}`
  const name = kindName[kind] ?? 'The receiver'
  return r.code !== undefined
    ? `${name} refused the message (code ${r.code})`
    : `${name} did not confirm the message`
}

/** Sends a test message to a robot or webhook now and says whether it arrived (nothing is recorded). */
export async function testWebhook(
  db: Executor,
  ctx: Ctx,
  id: string,
  timeoutMs: number,
): Promise<TestResult> {
  webhookCollection.scope(ctx, 'update')
  await webhookCollection.get(db, ctx, id)
  const w = (await findWebhook(db, ctx.ws, id))!
  const lang = langOf(await workspaceLocale(db, ctx.ws))
  const started = performance.now()
  const r = await postToEndpoint(
    { kind: w.kind, url: w.url, secret: openStored(w.secret) },
    testMessage(w.kind, lang),
    {
      timeoutMs,
      deliveryId: newId(),
      eventType: 'test',
    },
  )
  return {
    ok: r.ok,
    ...(r.status !== undefined ? { status: r.status } : {}),
    durationMs: Math.round(performance.now() - started),
    ...(r.ok ? {} : { error: failureWithoutBody(w.kind, r) }),
  }
}

/** Sends a test e-mail through the workspace's SMTP settings now (administrators). */
export async function testEmail(db: Executor, ctx: Ctx, to: string, timeoutMs: number): Promise<TestResult> {
  requireAdmin(ctx, 'send test e-mails')
  const { smtp } = await loadSettings(db, ctx.ws)
  if (!smtp)
    return { ok: false, error: 'E-mail is not set up for this workspace — save the SMTP server first' }
  const lang = langOf(await workspaceLocale(db, ctx.ws))
  const r = await sendEmail(
    smtp,
    { to, subject: t(lang, 'testSubject'), text: t(lang, 'testBody') },
    timeoutMs,
  )
  return { ok: r.ok, ...(r.error ? { error: r.error } : {}) }
}

/**
 * Sends a test text through the workspace's SMS provider now (administrators), with the acknowledgement
 * template and sample values (`TK-10000`, "Test message"); also while SMS is switched off, to try it first.
 */
export async function testSms(db: Executor, ctx: Ctx, to: string, timeoutMs: number): Promise<TestResult> {
  requireAdmin(ctx, 'send test texts')
  const number = mobileNumber(to)
  if (!number)
    throw new AppError('invalid', 'invalid_input', 'The number cannot take a text message', {
      errors: [
        {
          path: 'to',
          message: 'must be a mobile number: 11 digits in mainland China, else + and the country code',
        },
      ],
    })
  const { sms } = await loadSettings(db, ctx.ws)
  if (!sms) return { ok: false, error: 'SMS is not set up for this workspace — save the SMS provider first' }
  const lang = langOf(await workspaceLocale(db, ctx.ws))
  const r = await sendSms(
    sms,
    { to: number, params: { number: 'TK-10000', subject: t(lang, 'testSmsSubject') } },
    { timeoutMs },
  )
  return {
    ok: r.ok,
    ...(r.status !== undefined ? { status: r.status } : {}),
    ...(r.error ? { error: r.error } : {}),
  }
}
