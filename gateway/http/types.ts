/** Per-request values the middleware sets for the routes (Hono context variables). */
import type { HttpBindings } from '@hono/node-server';
import type { SiteKeyConfig } from '../options.js';

export interface SiteKeyContext extends SiteKeyConfig {
  key: string;
}

export type Env = {
  Bindings: HttpBindings;
  Variables: {
    requestId: string;
    /** Client identity for limits (http/client.ts). */
    client: string;
    lang: string;
    siteKey: SiteKeyContext | undefined;
    /** `Origin` header when it differs from our own origin, else undefined. */
    crossOrigin: string | undefined;
  };
};
