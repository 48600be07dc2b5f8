/** `POST /v1/attachments` answers with this once the bytes are stored and sniffed. */
import * as z from 'zod/mini';
import { AttachmentMime } from './enums.js';
import { Id } from './primitives.js';

export const Attachment = z.object({
  id: Id,
  name: z.string(),
  mime: AttachmentMime,
  bytes: z.number().check(z.int(), z.nonnegative()),
});
export type Attachment = z.infer<typeof Attachment>;
