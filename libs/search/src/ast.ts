import type { ComparisonOperator } from './tokenizer';

/** A value as typed: a word or a quoted phrase, `prefix` when it ended in `*`. Offsets are into `q`. */
export interface QueryValue {
  text: string;
  prefix: boolean;
  quoted: boolean;
  start: number;
  end: number;
}

export interface FieldRef {
  /** As typed (`workflowName`, `workflow_name`, `data.port.speed`); resolved against a field map later. */
  name: string;
  start: number;
  end: number;
}

/** The parsed `q`: a tree whose every node knows where it was written. */
export type QueryNode =
  | { kind: 'and'; terms: QueryNode[]; start: number; end: number }
  | { kind: 'or'; alternatives: QueryNode[]; start: number; end: number }
  | { kind: 'not'; term: QueryNode; start: number; end: number }
  /** A bare word or phrase: matches any text field of the list. */
  | { kind: 'text'; value: QueryValue; start: number; end: number }
  /** `field:value` or `field:(a|b)`: one of the values matches the field. */
  | { kind: 'match'; field: FieldRef; values: QueryValue[]; start: number; end: number }
  /** `field>value` (also written `field:>value`), `>=`, `<`, `<=`. */
  | { kind: 'compare'; field: FieldRef; operator: ComparisonOperator; value: QueryValue; start: number; end: number };
