/**
 * Collects typed query parameters while a query is assembled: every value reaches SQL as
 * `{pN:Type}`, never as text pasted into the query.
 */
export class SqlParams {
  readonly values: Record<string, unknown> = {};
  #next = 0;

  /** Registers `value` with ClickHouse type `type` and returns its placeholder. */
  add(value: unknown, type: string): string {
    const name = `p${this.#next++}`;
    this.values[name] = value;
    return `{${name}:${type}}`;
  }
}
