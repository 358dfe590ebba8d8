import { createContext, useContext, type ReactNode } from 'react'
import { Form, Typography } from 'antd'

/** Error messages of the rule being edited, by path (`trigger.field`, `actions.0.task.title`). */
export type PathErrors = Record<string, string[]>

export const ErrorsContext = createContext<PathErrors>({})

/** The DOM id of the input at a path, so labels, error links and focus can find it. */
export const fieldId = (path: string) => `rule-${path.replace(/[^a-zA-Z0-9]+/g, '-')}`

/** Collects zod or API issues into messages per path. */
export function errorsByPath(issues: { path: string; message: string }[]): PathErrors {
  const out: PathErrors = {}
  for (const i of issues) (out[i.path] ??= []).push(i.message)
  return out
}

/**
 * A form row of the rule designer showing the errors at its path. With `hideLabel` the label is left
 * to the input's own aria-label (for dense rows such as conditions).
 */
export function Labeled({
  label,
  path,
  children,
  extra,
  required,
  hideLabel,
  style,
}: {
  label: ReactNode
  path: string
  children: ReactNode
  extra?: ReactNode
  required?: boolean
  hideLabel?: boolean
  style?: React.CSSProperties
}) {
  const errors = useContext(ErrorsContext)[path]
  return (
    <Form.Item
      label={hideLabel ? undefined : label}
      htmlFor={fieldId(path)}
      required={required}
      validateStatus={errors ? 'error' : undefined}
      help={errors?.join('; ')}
      extra={extra}
      style={style}
    >
      {children}
    </Form.Item>
  )
}

/** A heading over rows of inputs (fields to set, territories), showing the errors at its path. */
export function RowsHeading({ label, path, extra }: { label: ReactNode; path: string; extra?: ReactNode }) {
  const errors = useContext(ErrorsContext)[path]
  return (
    <div style={{ marginBottom: 8 }}>
      <Typography.Text strong id={fieldId(path)} tabIndex={-1}>
        {label}
      </Typography.Text>
      {extra && (
        <div>
          <Typography.Text type="secondary">{extra}</Typography.Text>
        </div>
      )}
      {errors && (
        <div role="alert">
          <Typography.Text type="danger">{errors.join('; ')}</Typography.Text>
        </div>
      )}
    </div>
  )
}
