/**
 * A WHERE clause assembled from a filter's optional parts: each method adds a condition only when its
 * value is given, with its parameters in order, so every repository states a filter as a list of columns.
 */
import { ms } from './sqlite-codec.ts';
import { searchCondition } from './sqlite-search.ts';

export type Param = string | number;

export class Conditions {
  readonly parts: string[] = [];
  readonly params: Param[] = [];

  /** `column = value`. */
  eq(column: string, value: Param | undefined): this {
    if (value !== undefined) this.add(`${column} = ?`, value);
    return this;
  }

  /** `column IN (values)`; an empty list matches nothing. */
  in(column: string, values: readonly Param[] | undefined): this {
    if (values !== undefined) this.add(values.length === 0 ? '0' : `${column} IN (${values.map(() => '?').join(', ')})`, ...values);
    return this;
  }

  /** `[from, to)` on a millisecond time column. */
  range(column: string, from: Date | undefined, to: Date | undefined): this {
    if (from !== undefined) this.add(`${column} >= ?`, ms(from));
    if (to !== undefined) this.add(`${column} < ?`, ms(to));
    return this;
  }

  /** Every word of `text` in the item's full-text index. */
  search(text: string | undefined): this {
    if (text === undefined) return this;
    const { sql, params } = searchCondition(text);
    return this.add(sql, ...params);
  }

  add(sql: string, ...params: Param[]): this {
    this.parts.push(sql);
    this.params.push(...params);
    return this;
  }

  /** The conditions joined by AND (`1` when there are none). */
  get sql(): string {
    return this.parts.length === 0 ? '1' : this.parts.join(' AND ');
  }
}
