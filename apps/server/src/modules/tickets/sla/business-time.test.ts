import { describe, expect, it } from 'vitest'
import { addBusinessMinutes, businessMinutesBetween, type Calendar } from './business-time'
import { chinaHolidayPreset } from './cn-holidays'

const nine = { start: '09:00', end: '18:00' }
const cal: Calendar = {
  timeZone: 'Asia/Shanghai',
  week: [nine, nine, nine, nine, nine, null, null],
  holidays: chinaHolidayPreset.holidays,
  workdays: chinaHolidayPreset.workdays,
  extraDayHours: nine,
}
/** A Shanghai wall-clock time as an instant. */
const sh = (s: string) => new Date(`${s}+08:00`)
const iso = (d: Date) => d.toISOString()

describe('addBusinessMinutes', () => {
  it.each([
    ['within the day', '2026-03-10T10:00:00', 60, '2026-03-10T11:00:00'],
    ['ending exactly at the end of the day stays there', '2026-03-10T17:00:00', 60, '2026-03-10T18:00:00'],
    ['over the night', '2026-03-10T17:30:00', 60, '2026-03-11T09:30:00'],
    ['from before opening', '2026-03-10T07:00:00', 30, '2026-03-10T09:30:00'],
    ['from the evening', '2026-03-10T21:00:00', 30, '2026-03-11T09:30:00'],
    ['over a weekend', '2026-03-13T17:00:00', 120, '2026-03-16T10:00:00'],
    ['from a Sunday', '2026-03-15T12:00:00', 60, '2026-03-16T10:00:00'],
    [
      'a 24 h target is 24 business hours: 2 days and 6 hours',
      '2026-03-10T09:00:00',
      24 * 60,
      '2026-03-12T15:00:00',
    ],
    // Qingming 2026: Sat 04-04 to Mon 04-06 off.
    ['over a holiday (Qingming: Monday off)', '2026-04-03T17:00:00', 120, '2026-04-07T10:00:00'],
    // Sat 2026-02-14 is a 调休 working day; Sun 02-15 to Mon 02-23 the Spring Festival.
    ['on a 调休 working Saturday', '2026-02-13T17:00:00', 120, '2026-02-14T10:00:00'],
    ['over the Spring Festival after the 调休 Saturday', '2026-02-14T17:00:00', 120, '2026-02-24T10:00:00'],
    ['zero minutes is the start itself', '2026-03-14T12:00:00', 0, '2026-03-14T12:00:00'],
  ])('counts %s', (_, start, minutes, due) => {
    expect(iso(addBusinessMinutes(sh(start), minutes, cal))).toBe(iso(sh(due)))
  })

  it('counts in the calendar’s zone, not the server’s', () => {
    const berlin: Calendar = { ...cal, timeZone: 'Europe/Berlin', holidays: [], workdays: [] }
    // 2026-03-27 is a Friday; Europe moves to summer time on Sunday 03-29 (+01:00 → +02:00).
    const due = addBusinessMinutes(new Date('2026-03-27T16:00:00Z'), 120, berlin)
    expect(iso(due)).toBe('2026-03-30T08:00:00.000Z') // Mon 10:00 CEST
  })

  it('refuses a calendar without working time instead of looping', () => {
    const none: Calendar = { ...cal, week: [null, null, null, null, null, null, null], workdays: [] }
    expect(() => addBusinessMinutes(sh('2026-03-10T10:00:00'), 60, none)).toThrow(/no working time/)
  })
})

describe('businessMinutesBetween', () => {
  it.each([
    ['inside one day', '2026-03-10T10:00:00', '2026-03-10T11:15:00', 75],
    ['over a night', '2026-03-10T17:00:00', '2026-03-11T10:00:00', 120],
    [
      'a pause over a weekend counts Friday evening and Monday morning only',
      '2026-03-13T16:00:00',
      '2026-03-16T11:00:00',
      240,
    ],
    ['nothing on a holiday', '2026-10-02T10:00:00', '2026-10-02T17:00:00', 0],
    ['a 调休 Sunday counts', '2026-09-20T09:00:00', '2026-09-20T18:00:00', 540],
    ['outside hours is nothing', '2026-03-10T18:30:00', '2026-03-11T08:59:00', 0],
    ['the end before the start is nothing', '2026-03-11T10:00:00', '2026-03-10T10:00:00', 0],
  ])('counts %s', (_, a, b, minutes) => {
    expect(businessMinutesBetween(sh(a), sh(b), cal)).toBe(minutes)
  })

  it('is the inverse of addBusinessMinutes across weekends, holidays and 调休 days', () => {
    const starts = [
      '2026-02-12T11:11:00',
      '2026-04-30T16:00:00',
      '2026-09-18T17:59:00',
      '2026-12-31T12:00:00',
    ]
    for (const s of starts)
      for (const m of [1, 59, 540, 1440, 4320])
        expect(businessMinutesBetween(sh(s), addBusinessMinutes(sh(s), m, cal), cal)).toBe(m)
  })
})
