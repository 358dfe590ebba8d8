import type { emailIntakeEn } from './emailIntake.en'

/** 邮件收件：设置 → 通知渠道中的收件地址卡片。 */
export const emailIntakeZhCN: typeof emailIntakeEn = {
  title: '邮件收件',
  help: '客户发到支持邮箱的邮件会成为工单：把下面的地址填到邮件服务商的收信转发（Webhook）中，或由自己的邮件服务器转投到这里。客户账户的在职联系人发来的邮件会新建工单（与其他工单一样编号、分派并发送受理通知）；主题中带有其工单号（如 <code>TK-10042</code>）时，则作为客户回复加入该工单。其他邮件不会生成工单，并在下方列出原因。',
  endpoint: '邮件投递地址',
  endpointHelp:
    '以 POST 发送每封原始邮件（<code>RFC 822</code>）作为请求体，<code>Content-Type</code> 为 <code>message/rfc822</code>，不超过 {{mb}} 兆字节。',
  tokenLabel: '令牌',
  tokenHeader: '放在 <code>{{header}}</code> 请求头中，或作为地址中的 <code>?token=</code> 参数。',
  tokenSet: '已设置令牌（末尾为 …{{hint}}，生成于 {{at}}）。',
  noToken: '尚未生成令牌：生成之前，此地址不接收任何邮件。',
  generate: '生成令牌',
  regenerate: '重新生成令牌',
  regenerateConfirm: '要重新生成令牌吗？',
  regenerateWarning: '当前令牌将立即失效：在邮件服务商改用新令牌之前，它发来的邮件都会被拒绝。',
  generated: '新令牌——仅此一次显示',
  generatedHelp: '请现在复制到邮件服务商的设置中。系统只保留其指纹；如果丢失，请重新生成。',
  example: '可用一封保存为文件的邮件试一试：',
  log: '已收邮件',
  logHelp: '此地址收到的每封邮件（最新的在前）：新建或加入了哪个工单，或者为何未处理。',
  noLog: '尚未收到邮件。',
  logEnd: '以上是收到的全部邮件。',
  time: '收到时间',
  from: '发件人',
  subject: '主题',
  result: '结果',
  outcomes: {
    ticket_created: '新建工单',
    message_added: '已加入回复',
    dropped: '未处理',
  },
  reasons: {
    unknown_sender: '发件人不是客户账户的在职联系人',
    foreign_ticket: '工单号不属于发件人所在的账户',
    auto_reply: '自动回复（外出、群发邮件）：不予回复',
    bounce: '退信或投递报告：不予回复',
    no_sender: '邮件没有发件人',
  },
  skipped: '未保存的附件：{{files}}',
  skippedReasons: {
    type: '文件类型不支持',
    size: '超过 10 兆字节',
    empty: '空文件',
    count: '超过 10 个文件',
  },
}
