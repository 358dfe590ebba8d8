export const FIELD_INDEX_JOB = 'custom_field_index'
export const FIELD_BACKFILL_JOB = 'custom_field_backfill'
