type Lang = 'zh-CN' | 'en'

/** The subject of a ticket from an e-mail that had none, in the workspace's language. */
export const noSubject = (lang: Lang) => (lang === 'en' ? '(no subject)' : '（无主题）')

/** The text of the contact's message that carries an e-mail's files (a new ticket's, or a reply without words). */
export const attachedFiles = (lang: Lang, names: string[]) =>
  lang === 'en' ? `Attached to the e-mail: ${names.join(', ')}` : `邮件附件：${names.join('、')}`
