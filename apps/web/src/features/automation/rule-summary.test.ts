import { describe, expect, it } from 'vitest'
import i18next from 'i18next'
import { approvalEvents } from '@openkam/contract'
import { en } from '../../shared/i18n/en'
import { zhCN } from '../../shared/i18n/zh-CN'
import type { TriggerDraft } from './rule-draft'
import { actionSummary, triggerSummary } from './rule-summary'

const i18n = i18next.createInstance()
void i18n.init({
  resources: { en: { translation: en }, 'zh-CN': { translation: zhCN } },
  lng: 'en',
  fallbackLng: 'en',
  interpolation: { escapeValue: false },
  initAsync: false,
  showSupportNotice: false,
})
const tIn = (lng: 'en' | 'zh-CN') => i18n.getFixedT(lng)

describe('approval triggers and actions in words', () => {
  it.each([
    ['approved', 'When the approval of a contract is approved', '合同的审批通过时'],
    ['submitted', 'When a contract is submitted for approval', '合同提交审批时'],
    ['rejected', 'When the approval of a contract is rejected', '合同的审批被驳回时'],
  ] as const)('says the %s trigger in English and Chinese', (event, english, chinese) => {
    const trigger: TriggerDraft = { kind: 'approval_event', entity: 'contract', event }
    expect(triggerSummary(trigger, tIn('en'))).toBe(english)
    expect(triggerSummary(trigger, tIn('zh-CN'))).toBe(chinese)
  })

  it.each(approvalEvents)('has words for the %s event in both languages', (event) => {
    for (const lng of ['en', 'zh-CN'] as const) {
      const t = tIn(lng)
      expect(t(`automation.approvalEvents.${event}`)).not.toMatch(/^automation\./)
      expect(triggerSummary({ kind: 'approval_event', entity: 'quote', event }, t)).not.toMatch(
        /automation\.|\{\{/,
      )
    }
  })

  it('says what the start_approval action does, on the rule’s record type', () => {
    const action = { type: 'start_approval' as const }
    expect(actionSummary(action, 'contract', tIn('en'))).toBe('Submit the contract for approval')
    expect(actionSummary(action, 'contract', tIn('zh-CN'))).toBe('将合同提交审批')
    expect(actionSummary(action, undefined, tIn('en'))).toBe('Submit the record for approval')
    expect(actionSummary({ type: 'start_playbook' }, 'contract', tIn('en'))).toBe('Start a playbook')
  })

  it('names the trigger kind and the action type in both languages', () => {
    expect(tIn('en')('automation.triggerKinds.approval_event')).toBe('Something happens to an approval')
    expect(tIn('zh-CN')('automation.actionTypes.start_approval')).toBe('提交审批')
  })
})
