import { ListView, ListViewCreate, ListViewUpdate } from '@openkam/contract'
import type { Db } from '../../core/db/types'
import { registerCollectionRoutes } from '../../core/http/collection-routes'
import type { App } from '../../core/http/server'
import { listViewCollection } from './list-view.collection'

/** `/api/v1/list-views`: the standard collection routes (list, create, get, patch, delete, restore). */
export function registerListViewRoutes(app: App, db: Db) {
  registerCollectionRoutes(app, db, listViewCollection, {
    Record: ListView,
    Create: ListViewCreate,
    Update: ListViewUpdate,
  })
}
