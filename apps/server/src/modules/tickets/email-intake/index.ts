export { registerEmailIntakeRoutes } from './email-intake.routes'
export { ticketEmailIntake, ticketEmailIntakeLog } from './email-intake.table'
export { receiveEmail } from './email-intake.service'
export { parseMail } from './parse-mail'
