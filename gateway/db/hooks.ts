/**
 * After-commit hooks run once the change is durable. One that throws must neither leave
 * the other transactions of a SQLite batch unsettled nor make a committed transaction
 * look failed: its error is reported and the rest run.
 */
export function runHooks(hooks: readonly (() => void)[]): void {
  for (const hook of hooks) {
    try {
      hook();
    } catch (error) {
      console.error('[db] after-commit hook failed:', error);
    }
  }
}
