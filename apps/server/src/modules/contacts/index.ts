export { contactCollection } from './contact.collection'
export { contacts } from './contact.table'
export { relationshipSignals } from './relationship-signal.table'
export {
  relationshipSignalsHandler,
  recordRelationshipSignals,
  keyContactChanges,
  isKeyContact,
  signalEvents,
  relationshipSignalKinds,
  type RelationshipSignalKind,
  type SignalPayload,
  type KeyRole,
} from './relationship-signals'
export { reportingCycleError } from './reporting-cycle'
export {
  PersonIndex,
  contactKeys,
  phoneKey,
  samePerson,
  type PersonKeys,
  type PersonMatch,
} from './person-match'
export { findContactDuplicates } from './contact-duplicates.service'
export { registerContactDuplicateRoutes } from './contact-duplicates.routes'
