export { type NewWorkspace } from './workspace.service'
export { createWorkspace, hasWorkspaces, findWorkspaceBySlug, getWorkspace } from './workspace.service'
export { registerWorkspaceRoutes } from './workspace.routes'
export { workspaces } from './workspace.table'
