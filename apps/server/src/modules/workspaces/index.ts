export { createWorkspace, hasWorkspaces, findWorkspaceBySlug } from './workspace.service'
export { workspaces } from './workspace.table'
