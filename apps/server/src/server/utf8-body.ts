/**
 * Request bodies must be UTF-8 (RFC 8259 for JSON). The JSON parser would replace bytes that are
 * not with U+FFFD, so a save would quietly change the user's text; instead the request is refused
 * with where the bad bytes are.
 */
import type { IncomingMessage } from 'node:http';
import { isUtf8 } from 'node:buffer';
import { utf8Problem } from '@mediate/engine';

/** The error `express.json({ verify })` passes on; app.ts answers it with 400. */
export class BodyEncodingError extends Error {
  readonly type = 'body.encoding.invalid';
  readonly status = 400;
}

/** `verify` for express.json: throws {@link BodyEncodingError} when `body` is not UTF-8. */
export function verifyUtf8(_req: IncomingMessage, _res: unknown, body: Buffer): void {
  if (isUtf8(body)) return;
  const problem = utf8Problem(body);
  if (!problem) return;
  throw new BodyEncodingError(
    `The request body is not valid UTF-8 at byte offset ${problem.offset} (line ${problem.line}, column ${problem.column} of the body); send it as UTF-8.`,
  );
}
