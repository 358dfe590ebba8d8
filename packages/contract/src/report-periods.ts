// Plain data, apart from the report schemas (report-builder.ts): a dashboard's filter bar checks a period
// without loading zod.

/** Relative periods a date filter may take as its value: `last_N_days` / `next_N_days` for any N from 1 to 3650. */
export const relativePeriods = [
  'today',
  'yesterday',
  'this_week',
  'last_week',
  'this_month',
  'last_month',
  'this_quarter',
  'last_quarter',
  'this_year',
  'last_year',
] as const
export const RELATIVE_DATE =
  /^(today|yesterday|(this|last)_(week|month|quarter|year)|(last|next)_([1-9]\d{0,3})_days)$/
