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

describe('triggers on alerts and survey answers in words', () => {
  it('names the alert and its statuses, not their codes', () => {
    const created: TriggerDraft = { kind: 'record_created', entity: 'alert' }
    const reopened: TriggerDraft = {
      kind: 'field_changed',
      entity: 'alert',
      field: 'status',
      from: 'snoozed',
      to: 'open',
    }
    expect(triggerSummary(created, tIn('zh-CN'))).toBe('客户预警创建时')
    expect(triggerSummary(reopened, tIn('en'))).toBe('When “Status” of an alert changes from Snoozed to Open')
    expect(triggerSummary(reopened, tIn('zh-CN'))).toBe('客户预警的“状态”从 稍后提醒 变为 待处理 时')
    expect(triggerSummary({ kind: 'record_created', entity: 'survey_response' }, tIn('zh-CN'))).toBe(
      '问卷答复创建时',
    )
  })
})
