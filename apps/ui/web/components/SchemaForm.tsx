import Form from '@rjsf/core';
import type { RJSFSchema } from '@rjsf/utils';
import { useState } from 'react';
import type { FieldErrors } from '../api-errors';
import { formValidator } from './form-validator';

interface Props {
  schema: Record<string, unknown>;
  /** The API's validation errors at their fields (api-errors.ts fieldErrors). */
  errors?: FieldErrors | null;
  submitLabel: string;
  /** Answers already known (a subscription's id when starting from its page). */
  initial?: Record<string, unknown>;
  busy?: boolean;
  onSubmit(answer: Record<string, unknown>): void;
}

/**
 * A form drawn from the JSON Schema the API gives (a workflow's input, a suspended step's form, a page of a
 * multi-page form) with react-jsonschema-form; the inputs' own checks apply first, the API's answer has the last
 * word (form-validator.ts says why there is no AJV here).
 */
export function SchemaForm({ schema, errors, submitLabel, initial, busy, onSubmit }: Props) {
  const [data, setData] = useState<Record<string, unknown>>(initial ?? {});
  const { $schema: _ignored, ...drawn } = schema;
  return (
    <Form
      schema={drawn as RJSFSchema}
      validator={formValidator}
      formData={data}
      extraErrors={(errors ?? undefined) as never}
      showErrorList={false}
      disabled={busy}
      onChange={(event) => setData((event.formData ?? {}) as Record<string, unknown>)}
      onSubmit={(event) => onSubmit((event.formData ?? {}) as Record<string, unknown>)}
    >
      <button type="submit" disabled={busy}>
        {submitLabel}
      </button>
    </Form>
  );
}
