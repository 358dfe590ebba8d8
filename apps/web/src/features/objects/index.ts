export { ObjectsTab } from './ObjectsTab'
export { RelatedRecords, type RelatedEntry } from './RelatedRecords'
export { ObjectIcon } from './object-icons'
export { objectName, useCustomObjects, useObjectChoices, type CustomObject } from './objects.queries'
