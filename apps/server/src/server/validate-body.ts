/**
 * Request-body validation with zod: a bad body is a 400 naming the field.
 *
 * zod is imported on first use, not with the server: loading it is about 150 ms of CPU, which
 * `mediate start` would otherwise spend before answering its first request. `warmUpValidation`
 * loads it once start-up is done, so the first save does not wait for it either.
 */
import type { z } from 'zod';
import { ApiFailure } from '../api-failure.js';

type Zod = typeof z;

let loading: Promise<Zod> | undefined;

/** zod, imported once. */
function loadZod(): Promise<Zod> {
  loading ??= import('zod').then((m) => m.z);
  return loading;
}

/** Loads zod in the background (after start-up). */
export function warmUpValidation(): void {
  void loadZod();
}

/** A schema defined on first use: `lazySchema((z) => z.object({ … }))`. */
export type LazySchema<T extends z.ZodType> = () => Promise<T>;

export function lazySchema<T extends z.ZodType>(define: (zod: Zod) => T): LazySchema<T> {
  let schema: Promise<T> | undefined;
  return () => (schema ??= loadZod().then(define));
}

/** Parses `body` with `schema` or throws a 400 `BAD_REQUEST` that says which field is wrong. */
export async function parseBody<T extends z.ZodType>(
  schema: LazySchema<T>,
  body: unknown,
): Promise<z.infer<T>> {
  const result = (await schema()).safeParse(body ?? {});
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
