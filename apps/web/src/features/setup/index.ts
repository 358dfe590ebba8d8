export { SetupPage } from './SetupPage'
export { useSetupStatus } from './setup.queries'
