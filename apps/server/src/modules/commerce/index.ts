export {
  contractCollection,
  invoiceCollection,
  orderCollection,
  paymentCollection,
  quoteCollection,
} from './commerce.collections'
export { contracts, invoices, orders, payments, quotes } from './commerce.table'
