import type { Executor } from '../core/db/types'
import { saveSmsSettings, type SmsConfig } from '../modules/notifications'
import type { Lang } from './demo-data'

/**
 * The demo's SMS card filled with sample values and switched off: there is no real provider account
 * (and no secret), so nothing pretends to send; the demo's tickets were written in bulk and need no
 * acknowledgement, and those its scenes open log the text as skipped ("SMS is switched off").
 */
export async function seedSmsDemo(tx: Executor, ws: string, lang: Lang) {
  const sms: SmsConfig = {
    provider: 'aliyun',
    enabled: false,
    accessKeyId: 'LTAI5tDEMOSAMPLE0000',
    accessKeySecret: null,
    signName: lang === 'en' ? 'OpenKAM Demo' : '开放客户演示',
    templateCode: 'SMS_000000000',
    region: null,
    sdkAppId: null,
    baseUrl: null,
  }
  await saveSmsSettings(tx, ws, sms)
}
