import type { RJSFSchema, ValidatorType } from '@rjsf/utils';

/**
 * react-jsonschema-form's validator without code generation. AJV (rjsf's usual validator) compiles each schema
 * with `new Function`, which the UI's Content-Security-Policy (no 'unsafe-eval') refuses. The forms come from
 * the API, which validates every answer and whose errors the form shows at their fields; in the browser the
 * inputs' own checks (required, min, max, ...) apply. `isValid`, which rjsf uses to pick the matching branch
 * of a oneOf/anyOf, checks type, const, enum, required and properties.
 */
export const formValidator: ValidatorType = {
  validateFormData: () => ({ errors: [], errorSchema: {} }),
  isValid: (schema, data) => matches(schema, data),
  rawValidation: () => ({ errors: [] }),
};

function matches(schema: RJSFSchema | boolean | undefined, data: unknown): boolean {
  if (schema === undefined || typeof schema === 'boolean') return schema !== false;
  if ('const' in schema && schema.const !== data) return false;
  if (schema.enum && !schema.enum.includes(data as never)) return false;
  const types = schema.type === undefined ? [] : Array.isArray(schema.type) ? schema.type : [schema.type];
  if (types.length > 0 && !types.some((type) => hasType(type, data))) return false;
  if (data !== null && typeof data === 'object' && !Array.isArray(data)) {
    const object = data as Record<string, unknown>;
    if ((schema.required ?? []).some((key) => object[key] === undefined)) return false;
    for (const [key, property] of Object.entries(schema.properties ?? {})) {
      if (object[key] !== undefined && !matches(property as RJSFSchema | boolean, object[key])) return false;
    }
  }
  return true;
}

function hasType(type: string, data: unknown): boolean {
  switch (type) {
    case 'null':
      return data === null;
    case 'array':
      return Array.isArray(data);
    case 'object':
      return data !== null && typeof data === 'object' && !Array.isArray(data);
    case 'integer':
      return Number.isInteger(data);
    default:
      return typeof data === type;
  }
}
