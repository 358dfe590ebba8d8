// The local receivers (SMTP, HTTP) any module's tests may start: a test-only entry, outside the modules'
// index.ts boundaries.
export { startReceiver, startSmtp, type Received } from '../src/modules/notifications/test-receivers'
