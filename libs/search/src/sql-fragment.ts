/** A piece of SQL whose `$n` placeholders refer to `params` (numbered on from the offset it was built with). */
export interface SqlFragment {
  sql: string;
  params: unknown[];
}

export type SqlCast = 'text' | 'uuid' | 'timestamptz' | 'numeric' | 'boolean' | 'text[]';

/** Collects parameter values; every value leaves as a typed placeholder, never inlined. */
export class SqlParams {
  readonly values: unknown[] = [];

  constructor(private readonly offset = 0) {
    if (!Number.isInteger(offset) || offset < 0) throw new TypeError(`paramOffset must be a whole number >= 0`);
  }

  add(value: unknown, cast: SqlCast): string {
    this.values.push(value);
    return `$${this.offset + this.values.length}::${cast}`;
  }
}
