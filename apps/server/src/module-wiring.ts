// What modules provide to one another at start, so that neither imports the other (a module that watches
// another, or that the other's object model describes). Every entry point that works on records calls it
// before anything else: the runtime (`openkam start`, `openkam worker`, tests), `openkam seed`,
// `openkam import` and `openkam secrets rotate`, and the bench's generator. Calling it twice is harmless.
import { setCustomFields } from './core/crud/custom-fields'
import { addWriteGuard } from './core/crud/write-guards'
import { setRecordLocator } from './modules/activities'
import { setAlertPlaybooks } from './modules/alerts'
import { approvalFileAccess, approvalGuard } from './modules/approvals'
import { builtinCollections, customFieldsProvider, locateRecord } from './modules/fields'
import { setEntityObjects } from './modules/notifications'
import { addFileAccess } from './modules/pipelines'
import { alertPlaybooks } from './modules/rules'
import { ticketFileAccess } from './modules/tickets'

export function connectModules() {
  // Custom fields: the collections check and filter them through the object model (modules/fields).
  setCustomFields(customFieldsProvider)
  // Activities about any record (a lead, a contract, a custom object's record) find it through the object model.
  setRecordLocator(locateRecord)
  // Alert rules start playbooks, which the rules module owns (it watches alerts, so alerts do not import it).
  setAlertPlaybooks(alertPlaybooks)
  // Webhooks and notification texts find the field access of an event's object by its entity.
  setEntityObjects(new Map(Object.values(builtinCollections).map((c) => [c.def.entity, c.def.name])))
  addWriteGuard(approvalGuard)
  addFileAccess(approvalFileAccess)
  addFileAccess(ticketFileAccess)
}
