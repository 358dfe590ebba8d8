import nodemailer from 'nodemailer'
import net from 'node:net'
import { OutboundRefused, resolveOutbound } from '../../../core/http/outbound'
import type { SendResult } from './http.sender'

/** The SMTP settings of a workspace, as stored (with the password). */
export type Smtp = {
  host: string
  port: number
  secure: boolean
  user?: string | null
  password?: string | null
  from: string
}

export type Mail = { to: string; subject: string; text: string }

/** Sends one e-mail through the workspace's SMTP server; never throws. */
export async function sendEmail(smtp: Smtp, mail: Mail, timeoutMs: number): Promise<SendResult> {
  // The host is resolved and checked once (core/http/outbound) and the connection made to that address,
  // so the name cannot answer differently when the socket connects; TLS still checks the name.
  let address: string
  try {
    address = await resolveOutbound(smtp.host)
  } catch (err) {
    const why =
      err instanceof OutboundRefused ? err.message : ((err as { code?: string }).code ?? String(err))
    return { ok: false, error: `Could not send e-mail through ${smtp.host}:${smtp.port}: ${why}` }
  }
  const transport = nodemailer.createTransport({
    host: address,
    ...(net.isIP(smtp.host) ? {} : { tls: { servername: smtp.host } }),
    port: smtp.port,
    secure: smtp.secure,
    ...(smtp.user ? { auth: { user: smtp.user, pass: smtp.password ?? '' } } : {}),
    connectionTimeout: timeoutMs,
    greetingTimeout: timeoutMs,
    socketTimeout: timeoutMs,
  })
  try {
    const info = await transport.sendMail({
      from: smtp.from,
      to: mail.to,
      subject: mail.subject,
      text: mail.text,
    })
    const refused = info.rejected?.length ? `refused ${info.rejected.join(', ')}` : ''
    if (refused) return { ok: false, error: `The mail server ${refused}`, response: info.response }
    return { ok: true, response: String(info.response ?? '').slice(0, 500) }
  } catch (err) {
    const e = err as { message?: string; code?: string; response?: string }
    const why = e.response ?? e.message ?? String(err)
    return {
      ok: false,
      error: `Could not send e-mail through ${smtp.host}:${smtp.port}: ${why}`.slice(0, 1000),
    }
  } finally {
    transport.close()
  }
}
