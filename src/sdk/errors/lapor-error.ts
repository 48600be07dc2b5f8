/**
 * Base of every error the SDK throws, so `catch (e) { if (e instanceof LaporError) … }`
 * covers them all. Modelled on stripe-node / ky: a stable `name` (minifiers rename
 * classes, so it is a literal), a machine `code`, the gateway's request id for support,
 * the original error kept as `cause`. `message` is already localized for the citizen.
 */
export interface LaporErrorInit {
  code: string;
  requestId?: string | undefined;
  cause?: unknown;
}

export class LaporError extends Error {
  /** Machine-readable code: the gateway's `error.code`, or the SDK's own (`network`, …). */
  readonly code: string;
  /** `X-Request-Id` of the failing response (or `error.requestId`), when there was one. */
  readonly requestId: string | undefined;

  constructor(message: string, init: LaporErrorInit) {
    super(message, init.cause === undefined ? undefined : { cause: init.cause });
    this.name = 'LaporError';
    this.code = init.code;
    this.requestId = init.requestId;
  }
}
