import { errorText } from '../api-errors';

/** A failed call, said in the API's words (its error message). */
export function ErrorAlert({ error }: { error: unknown }) {
  if (!error) return null;
  return (
    <p role="alert" className="error">
      {errorText(error)}
    </p>
  );
}
