export { CustomFieldsTab } from './CustomFieldsTab'
export { useObjectSchema, useFieldDefinitions, fieldKeys } from './fields.queries'
