import type { SendResult } from '../http.sender'
import { aliyunSender } from './aliyun.sender'
import { tencentSender } from './tencent.sender'

export const smsProviders = ['aliyun', 'tencent'] as const
export type SmsProvider = (typeof smsProviders)[number]

/** A workspace's SMS settings as stored (with the secret; never returned by the API). */
export type SmsConfig = {
  provider: SmsProvider
  enabled: boolean
  /** Aliyun AccessKey ID, or Tencent Cloud SecretId. */
  accessKeyId: string
  /** Aliyun AccessKey secret, or Tencent Cloud SecretKey. */
  accessKeySecret: string | null
  /** The approved signature shown in 【】 before the text. */
  signName: string
  /** The approved template of the acknowledgement: Aliyun `SMS_…`, Tencent a numeric id. */
  templateCode: string
  /** Tencent Cloud region, e.g. ap-guangzhou. */
  region?: string | null
  /** Tencent Cloud SMS application (SmsSdkAppId). */
  sdkAppId?: string | null
  /** The API address, when not the provider's public one (a proxy, or a test server). */
  baseUrl?: string | null
}

/** A phone number a provider can send to: mainland Chinese mobiles, or any number with its country code. */
export type MobileNumber = { e164: string; mainland: boolean }

/** One text: to whom, and the template's values in the template's order. */
export type SmsMessage = { to: MobileNumber; params: Record<string, string> }

export type SmsSendOptions = { timeoutMs: number; now?: Date; nonce?: string }

export interface SmsSender {
  send(config: SmsConfig, message: SmsMessage, opts: SmsSendOptions): Promise<SendResult>
}

/**
 * The number as providers want it, or null when it cannot take a text: an 11-digit mainland mobile
 * (1[3-9]…, with or without +86/0086), or an international number written with + or 00 and its
 * country code. Chinese landlines (010-…, +86 10 …) are not mobiles.
 * @example mobileNumber('138 0013 8000') // { e164: '+8613800138000', mainland: true }
 */
export function mobileNumber(raw: string | null | undefined): MobileNumber | null {
  if (!raw) return null
  const s = raw.replace(/[\s\-().]/g, '')
  const cn = /^(?:\+86|0086|86)?(1[3-9]\d{9})$/.exec(s)
  if (cn) return { e164: `+86${cn[1]}`, mainland: true }
  const intl = /^(?:\+|00)([1-9]\d{6,14})$/.exec(s)
  if (intl && !intl[1]!.startsWith('86')) return { e164: `+${intl[1]}`, mainland: false }
  return null
}

const senders: Record<SmsProvider, SmsSender> = { aliyun: aliyunSender, tencent: tencentSender }

/** Sends one text through the workspace's provider; never throws. */
export function sendSms(config: SmsConfig, message: SmsMessage, opts: SmsSendOptions): Promise<SendResult> {
  return senders[config.provider].send(config, message, opts)
}

export const providerName: Record<SmsProvider, string> = {
  aliyun: 'Aliyun SMS',
  tencent: 'Tencent Cloud SMS',
}
