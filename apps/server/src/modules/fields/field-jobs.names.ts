export const FIELD_INDEX_JOB = 'custom_field_index'
export const FIELD_BACKFILL_JOB = 'custom_field_backfill'
/** How long a deleted field's values are kept and the field can be restored. */
export const RESTORE_DAYS = 30
