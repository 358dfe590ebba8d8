type Lang = 'en' | 'zh-CN'
type Vars = { number: string; subject: string; name: string }

/** The longest subject an SMS template variable gets; providers cap variables, and texts are paid by length. */
export const SMS_SUBJECT_MAX = 20

/** `subject` cut to `max` characters (code points, so Chinese is not split), with … when cut. */
export const shorten = (subject: string, max = SMS_SUBJECT_MAX) => {
  const chars = [...subject.trim()]
  return chars.length > max
    ? `${chars
        .slice(0, max - 1)
        .join('')
        .trimEnd()}…`
    : chars.join('')
}

/** The acknowledgement e-mail to the ticket's contact. */
export function acknowledgementMail(lang: Lang, v: Vars) {
  return lang === 'en'
    ? {
        subject: `We received your request ${v.number}: ${v.subject}`,
        body: [
          `Hello ${v.name},`,
          `thank you for contacting us. We have received your request and given it the number ${v.number}:`,
          `    ${v.subject}`,
          `Our team is on it and will come back to you soon. Please quote ${v.number} whenever you write to us about it.`,
        ].join('\n\n'),
      }
    : {
        subject: `您的请求已受理（${v.number}）：${v.subject}`,
        body: [
          `${v.name}，您好：`,
          `感谢您的联系。我们已收到您的请求，受理编号为 ${v.number}：`,
          `    ${v.subject}`,
          `我们的团队正在处理，会尽快回复您。就此事与我们联系时，请注明编号 ${v.number}。`,
        ].join('\n\n'),
      }
}

/** How the text shows in the delivery log (the provider's approved template carries the words). */
export function acknowledgementSmsLog(lang: Lang, v: Omit<Vars, 'name'>) {
  return lang === 'en'
    ? { subject: `Request ${v.number} received`, body: `${v.number} · ${v.subject}` }
    : { subject: `请求 ${v.number} 已受理`, body: `${v.number} · ${v.subject}` }
}
