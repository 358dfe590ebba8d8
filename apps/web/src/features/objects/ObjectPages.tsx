import { useParams } from 'react-router'
import { useObjectSchema } from '../fields/fields.queries'
import ListPage from '../records/ListPage'
import RecordPage from '../records/RecordPage'
import { ErrorState, LoadingState } from '../../shared/ui/states'

/** Renders the generic page once the custom object's description is known (its fields, filters, name). */
function WithObject({ objectKey, children }: { objectKey: string; children: React.ReactNode }) {
  const schema = useObjectSchema(objectKey)
  if (schema.isLoading) return <LoadingState />
  if (schema.isError || !schema.data || schema.data.builtIn)
    return (
      <ErrorState
        error={schema.error ?? new Error(`Unknown object: ${objectKey}`)}
        onRetry={() => void schema.refetch()}
      />
    )
  return <>{children}</>
}

/** `/objects/:key` — the records of a custom object in the generic list. */
export function ObjectListPage() {
  const { key = '' } = useParams()
  return (
    <WithObject objectKey={key}>
      <ListPage key={key} collection={key} />
    </WithObject>
  )
}

/** `/objects/:key/:id` — one record of a custom object on the generic record page. */
export function ObjectRecordPage() {
  const { key = '', id = '' } = useParams()
  return (
    <WithObject objectKey={key}>
      <RecordPage key={`${key}/${id}`} collection={key} id={id} />
    </WithObject>
  )
}
