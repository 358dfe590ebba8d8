export { IntegrationsTab } from './IntegrationsTab'
