import { Account, AccountCreate, AccountUpdate } from '@openkam/contract'
import { registerCollectionRoutes } from '../../core/http/collection-routes'
import type { App } from '../../core/http/server'
import type { Db } from '../../core/db/types'
import { accountCollection } from './account.collection'

export function registerAccountRoutes(app: App, db: Db) {
  registerCollectionRoutes(app, db, accountCollection, {
    record: Account,
    create: AccountCreate,
    update: AccountUpdate,
    tag: 'accounts',
  })
}
