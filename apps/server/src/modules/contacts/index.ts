export { contactCollection } from './contact.collection'
export { contacts } from './contact.table'
