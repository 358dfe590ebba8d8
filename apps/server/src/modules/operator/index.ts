export { registerOperatorRoutes } from './operator.routes'
export {
  EXIT,
  operatorCommand,
  operatorListCommand,
  workspaceCreateCommand,
  workspaceListCommand,
  type OperatorOptions,
  type WorkspaceCreateOptions,
} from './workspace.cli'
