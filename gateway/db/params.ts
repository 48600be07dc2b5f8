/**
 * Parameters as both drivers take them: `undefined` → NULL (better-sqlite3 refuses
 * undefined), booleans → 0/1 (our flag columns are INTEGER on both; better-sqlite3
 * refuses booleans and PostgreSQL would refuse `true` for a BIGINT).
 */
export function bindable(params: readonly unknown[]): unknown[] {
  return params.map((p) => (p === undefined ? null : typeof p === 'boolean' ? (p ? 1 : 0) : p));
}
