/**
 * An error the admin API turns into `{ code, message, details? }` with an HTTP status. At the root
 * of the server package: the project store and the import (below the HTTP layer) throw it too,
 * without importing from `server/`.
 */
export class ApiFailure extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details?: unknown,
  ) {
    super(message);
    this.name = 'ApiFailure';
  }
}
