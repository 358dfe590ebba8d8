export { registerAuthRoutes, setSessionCookie } from './auth.routes'
export { resolvePrincipal, login, principalByEmail } from './auth.service'
export { listenForAccessChanges } from './access.cache'
export { missingUsers, userRefs, userCollection, teamCollection, roleCollection } from './user.collections'
export { defaultRoles } from './default-roles'
export { hashPassword } from './password'
export {
  findUserInWorkspace,
  grantOperator,
  isOperator,
  listOperators,
  revokeOperator,
} from './operator.repository'
export * as userTables from './user.table'
export {
  peopleByIds,
  peopleWithRole,
  rolesOf,
  managerOf,
  teamManagerOf,
  teamOf,
  teamMemberIds,
  type Person,
} from './people.repository'
export { addMissingRolePermissions } from './role-upgrade'
export { roleFieldAccess, setRoleFieldAccess } from './role-field-access.service'
