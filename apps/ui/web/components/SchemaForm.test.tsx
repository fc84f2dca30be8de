import type { RJSFSchema } from '@rjsf/utils';
import { renderToStaticMarkup } from 'react-dom/server';
import { ApiRequestError } from '@orchestrator/client';
import { fieldErrors } from '../api-errors';
import { formValidator } from './form-validator';
import { SchemaForm } from './SchemaForm';

// The JSON Schema the API gives for a suspended step (zod's toJSONSchema of its form).
const schema = {
  $schema: 'https://json-schema.org/draft/2020-12/schema',
  type: 'object',
  properties: { approver: { type: 'string', minLength: 3 }, vlan: { type: 'integer', minimum: 2, maximum: 4094 } },
  required: ['approver', 'vlan'],
  additionalProperties: false,
};

const refusal = (paths: string[]) =>
  new ApiRequestError(400, {
    error: {
      code: 'VALIDATION_FAILED',
      message: 'no',
      details: paths.map((path) => ({ path, message: `bad ${path}` })),
    },
  });

describe('the schema form', () => {
  it('draws a labelled input per property, with the browser checks of the schema, and a named submit button', () => {
    const html = renderToStaticMarkup(<SchemaForm schema={schema} submitLabel="Submit" onSubmit={() => undefined} />);
    expect(html).toMatch(/<label[^>]*for="root_approver"[^>]*>approver/);
    expect(html).toMatch(/<input[^>]*id="root_vlan"[^>]*type="number"|<input[^>]*type="number"[^>]*id="root_vlan"/);
    expect(html).toMatch(/id="root_vlan"[^>]*required=""|required=""[^>]*id="root_vlan"/);
    expect(html).toMatch(/max="4094"/);
    expect(html).toMatch(/<button type="submit"[^>]*>Submit<\/button>/);
  });

  it('shows the API validation errors at their fields', () => {
    const errors = fieldErrors(refusal(['approver']), false);
    const html = renderToStaticMarkup(
      <SchemaForm schema={schema} errors={errors} submitLabel="Submit" onSubmit={() => undefined} />,
    );
    const approverField = html.slice(html.indexOf('root_approver'), html.indexOf('root_vlan'));
    expect(approverField).toContain('bad approver');
  });

  it("maps a multi-page answer's error paths (page index first) and nested paths to field errors", () => {
    expect(fieldErrors(refusal(['1.port.speed', '1.name']), true)).toEqual({
      port: { speed: { __errors: ['bad 1.port.speed'] } },
      name: { __errors: ['bad 1.name'] },
    });
    expect(fieldErrors(refusal(['']), false)).toEqual({ __errors: ['bad '] });
    expect(fieldErrors(new ApiRequestError(409, undefined), false)).toBeNull();
  });

  it('picks the matching branch of a oneOf without compiling code (type, const, enum, required, properties)', () => {
    const root = {};
    const byKind = (kind: string): RJSFSchema => ({
      type: 'object',
      properties: { kind: { const: kind } },
      required: ['kind'],
    });
    expect(formValidator.isValid(byKind('port'), { kind: 'port' }, root)).toBe(true);
    expect(formValidator.isValid(byKind('port'), { kind: 'vlan' }, root)).toBe(false);
    expect(formValidator.isValid(byKind('port'), {}, root)).toBe(false);
    expect(formValidator.isValid({ type: 'integer' }, 2.5, root)).toBe(false);
    expect(formValidator.isValid({ enum: ['a', 'b'] }, 'b', root)).toBe(true);
    expect(formValidator.validateFormData({ anything: 1 }, { type: 'object' }).errors).toEqual([]);
  });
});
