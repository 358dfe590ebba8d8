import type { CalendarPreset } from '@openkam/contract'

/**
 * China's public holidays and extra working days (调休) as a business-calendar preset.
 *
 * 2026: the State Council General Office's notice on the 2026 holiday schedule (国务院办公厅关于2026年
 * 部分节假日安排的通知, published November 2025): every day off and every swapped working day.
 *
 * 2027: that year's notice was not available when this file was written. The preset holds the statutory
 * days off of the 全国年节及纪念日放假办法 (as revised in 2024) on 2027's dates — the lunar holidays by
 * the lunar calendar — and no swapped working days yet. Check against the notice once published and add
 * its bridge days and 调休 Saturdays/Sundays (docs/service-desk.md says so too).
 */

const span = (from: string, days: number, name: string) =>
  Array.from({ length: days }, (_, i) => {
    const d = new Date(`${from}T00:00:00Z`)
    d.setUTCDate(d.getUTCDate() + i)
    return { date: d.toISOString().slice(0, 10), name }
  })

const holidays2026 = [
  ...span('2026-01-01', 3, '元旦'),
  ...span('2026-02-15', 9, '春节'),
  ...span('2026-04-04', 3, '清明节'),
  ...span('2026-05-01', 5, '劳动节'),
  ...span('2026-06-19', 3, '端午节'),
  ...span('2026-09-25', 3, '中秋节'),
  ...span('2026-10-01', 7, '国庆节'),
]
const workdays2026 = [
  { date: '2026-01-04', name: '元旦调休上班' },
  { date: '2026-02-14', name: '春节调休上班' },
  { date: '2026-02-28', name: '春节调休上班' },
  { date: '2026-05-09', name: '劳动节调休上班' },
  { date: '2026-09-20', name: '国庆节调休上班' },
  { date: '2026-10-10', name: '国庆节调休上班' },
]

// Statutory days only (see above): New Year's Day; Spring Festival eve to the third day (2027-02-05…08,
// the new year being 2027-02-06); Qingming 04-05; Labour Day 05-01…02; Dragon Boat 06-09; Mid-Autumn
// 09-15; National Day 10-01…03.
const holidays2027 = [
  ...span('2027-01-01', 1, '元旦'),
  ...span('2027-02-05', 4, '春节'),
  ...span('2027-04-05', 1, '清明节'),
  ...span('2027-05-01', 2, '劳动节'),
  ...span('2027-06-09', 1, '端午节'),
  ...span('2027-09-15', 1, '中秋节'),
  ...span('2027-10-01', 3, '国庆节'),
]

/** China's holiday preset (key `cn`) for 2026 and 2027. */
export const chinaHolidayPreset: CalendarPreset = {
  key: 'cn',
  years: [2026, 2027],
  holidays: [...holidays2026, ...holidays2027],
  workdays: workdays2026,
  source:
    '2026: 国务院办公厅关于2026年部分节假日安排的通知; 2027: statutory days of the 全国年节及纪念日放假办法 only (the 2027 notice was not yet included)',
}
