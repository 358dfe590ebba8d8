import { describe, expect, it } from 'vitest'
import type { FastifyRequest } from 'fastify'
import { fromAcceptLanguage, messageLanguage } from './language'

describe('fromAcceptLanguage', () => {
  it.each([
    ['zh-CN', 'zh-CN'],
    ['zh', 'zh-CN'],
    ['zh-TW,zh;q=0.9', 'zh-CN'],
    ['en-US,en;q=0.9,zh-CN;q=0.8', 'en'],
    ['fr-FR, zh-CN;q=0.5, en;q=0.4', 'zh-CN'],
    ['en;q=0.5, zh;q=0.8', 'zh-CN'],
    ['zh;q=0, en', 'en'],
    ['fr, de', null],
    ['', null],
    [undefined, null],
  ])('reads %j as %j', (header, lang) => {
    expect(fromAcceptLanguage(header)).toBe(lang)
  })
})

const request = (kind: string | null, locale: string | undefined, acceptLanguage?: string) =>
  ({
    headers: acceptLanguage ? { 'accept-language': acceptLanguage } : {},
    ctx: kind ? { principal: { kind, ...(locale ? { locale } : {}) } } : null,
  }) as unknown as FastifyRequest

describe('messageLanguage', () => {
  it.each([
    ['a person with their own language', request('user', 'zh-CN', 'en'), 'zh-CN'],
    ['a person who chose English, whatever the browser says', request('user', 'en', 'zh-CN'), 'en'],
    ['a person without a language', request('user', undefined, 'zh-CN'), 'zh-CN'],
    ['an API token with Accept-Language', request('api_token', 'zh-CN', 'en'), 'en'],
    ['an API token without Accept-Language', request('api_token', 'zh-CN'), 'zh-CN'],
    ['a caller not signed in', request(null, undefined, 'zh-CN,zh;q=0.9'), 'zh-CN'],
    ['nobody saying anything', request(null, undefined), 'en'],
  ])('answers %s in the right language', (_, req, lang) => {
    expect(messageLanguage(req)).toBe(lang)
  })
})
