/**
 * "Lupa kode akses?" request body. In a module of its own: the SDK sends it without
 * validating it, and a schema in report.ts would be built (and shipped) with every client.
 */
import * as z from 'zod/mini';

/** `POST /v1/reports/{id}/access-code`: the phone or email given with the report. */
export const AccessCodeRequest = z.object({ contact: z.string().check(z.trim(), z.minLength(3), z.maxLength(254)) });
