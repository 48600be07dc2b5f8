/**
 * One msw worker for the whole test file. Handlers are reset after each test so that
 * a test only sees the network it declares.
 */
import { setupWorker } from 'msw/browser';
import type { RequestHandler } from 'msw';

export const worker = setupWorker();
let started: Promise<unknown> | undefined;

export function startWorker(): Promise<unknown> {
  started ??= worker.start({ quiet: true, onUnhandledRequest: 'error' });
  return started;
}

/** Call at the top of a `describe`: starts msw once, resets handlers after each test. */
export function useMsw(...initial: RequestHandler[]): void {
  before(async () => {
    await startWorker();
  });
  beforeEach(() => {
    worker.resetHandlers(...initial);
  });
  afterEach(() => {
    worker.resetHandlers();
  });
}
