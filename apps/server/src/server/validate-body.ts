/**
 * Request-body validation with zod: a bad body is a 400 naming the field.
 */
import type { z } from 'zod';
import { ApiFailure } from './api-failure.js';

/** Parses `body` with `schema` or throws a 400 `BAD_REQUEST` that says which field is wrong. */
export function parseBody<T extends z.ZodType>(schema: T, body: unknown): z.infer<T> {
  const result = schema.safeParse(body ?? {});
  if (result.success) return result.data;
  const issue = result.error.issues[0];
  const field = issue?.path.join('.') || 'body';
  throw new ApiFailure(
    400,
    'BAD_REQUEST',
    `Invalid request body: ${field}: ${issue?.message ?? 'invalid'}.`,
    { issues: result.error.issues },
  );
}
