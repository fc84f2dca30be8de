/**
 * How a list's searchable fields map to SQL. `sql` is a column expression in the scope of the list's FROM
 * (`p.status`), or, with `within`, in the scope of a subquery that `within` wraps around the condition
 * (`EXISTS (SELECT 1 FROM process_subscriptions ps WHERE ps.process_id = p.process_id AND <condition>)`),
 * for values that live in another table. A negated term negates the whole EXISTS: `-product:x` lists the
 * processes with no subscription of product x.
 */
interface FieldBase {
  sql: string;
  within?: (condition: string) => string;
  /** Other names the field answers to in `q` (`tag` for productTag). */
  aliases?: readonly string[];
  /** Bare words search this field (text, enum and uuid fields only; a uuid field only for a whole UUID). */
  freeText?: boolean;
}

export type SearchFieldSpec =
  | (FieldBase & {
      kind: 'text';
      /** `field:value` means equal (default) or contains; `field:value*` always means "starts with". */
      match?: 'equals' | 'contains';
    })
  | (FieldBase & { kind: 'enum'; values: readonly string[] })
  | (FieldBase & { kind: 'boolean' })
  | (FieldBase & { kind: 'uuid' })
  | (FieldBase & { kind: 'date' })
  | (FieldBase & { kind: 'number' })
  /** A jsonb expression searched as `<name>.<path>:value` (`data.port.speed:10G`, `data.vlan>100`). */
  | (FieldBase & { kind: 'json'; rows?: JsonRowsLookup });

/**
 * A json field whose document is stored as rows (a subscription's block instances and their values, ENGINE.md
 * 13.3) rather than in one jsonb column: `data.endpoints.port.portName:x` is then every split of the path into
 * a head (`endpoints.port`, the way down to the value's row), a key (`portName`, the row's name) and a rest
 * (a path inside the row's value, here none), each a condition on the rows that `within` wraps; any split may
 * match. `sql` is not used.
 */
export interface JsonRowsLookup {
  /** The jsonb value of a row, in the scope of `within`'s subquery (`v.value`). */
  readonly value: string;
  /** The row's value as lower-case text when it is a scalar (an indexed column): whole-value matches use it. */
  readonly text: string;
  /**
   * A condition on the list's row: the rows named `key` (a text placeholder) reached through `head` (a text[]
   * placeholder) whose value matches `condition`, as in `s.subscription_id IN (...)`.
   */
  within(condition: string, at: { readonly head: string; readonly key: string }): string;
}

export type SearchFieldKind = SearchFieldSpec['kind'];
export type SearchField = SearchFieldSpec & { name: string };

export interface SearchFields {
  /** Every field, in the order given (bare words search the freeText ones in this order). */
  readonly fields: readonly SearchField[];
  readonly freeText: readonly SearchField[];
  /** The field a name in `q` means: names compare without case and underscores (`workflow_name`). */
  lookup(name: string): SearchField | undefined;
}

/** `workflowName`, `workflow_name` and `WORKFLOWNAME` are one name. */
export const normalizeFieldName = (name: string): string => name.replaceAll('_', '').toLowerCase();

const FIELD_NAME = /^[A-Za-z][A-Za-z0-9_]*$/;
const FREE_TEXT_KINDS: readonly SearchFieldKind[] = ['text', 'enum', 'uuid'];

/** Checks a list's field descriptions once, at module load: a mistake here is a programming error. */
export function defineSearchFields(specs: Record<string, SearchFieldSpec>): SearchFields {
  const byName = new Map<string, SearchField>();
  const fields: SearchField[] = [];
  for (const [name, spec] of Object.entries(specs)) {
    const field = { ...spec, name } as SearchField;
    for (const alias of [name, ...(spec.aliases ?? [])]) {
      if (!FIELD_NAME.test(alias))
        throw new TypeError(`search field "${alias}": a name is a letter then letters or digits`);
      const key = normalizeFieldName(alias);
      if (byName.has(key)) throw new TypeError(`search field "${alias}" is defined twice`);
      byName.set(key, field);
    }
    if (spec.freeText && !FREE_TEXT_KINDS.includes(spec.kind)) {
      throw new TypeError(`search field "${name}": only text, enum and uuid fields take bare words`);
    }
    if (spec.kind === 'enum' && spec.values.length === 0) throw new TypeError(`search field "${name}" has no values`);
    fields.push(field);
  }
  return {
    fields,
    freeText: fields.filter((field) => field.freeText),
    lookup: (name) => byName.get(normalizeFieldName(name)),
  };
}
