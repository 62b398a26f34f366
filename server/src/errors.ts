import type { Context, ErrorHandler } from 'hono';
import { HTTPException } from 'hono/http-exception';
import { errorMessage, type Logger } from './logger.js';

/** The statuses a refusal may have (a refusal is never a 5xx unless the server is busy). */
export type RefusalStatus = 400 | 401 | 403 | 404 | 409 | 413 | 415 | 422 | 429 | 503;

/**
 * The one error type of the server: a refusal with an HTTP status and a machine-readable
 * code. Services and routes throw it; `handleErrors` turns it into the JSON answer
 * `{ error: <code>, message: <text> }` in one place. Anything else thrown is a bug: logged,
 * answered 500 without details.
 */
export class CommandError extends Error {
  constructor(
    readonly status: RefusalStatus,
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

/** The JSON answer of a refusal. */
export function errorJson(c: Context, err: CommandError) {
  return c.json({ error: err.code, message: err.message }, err.status);
}

/** `app.onError`: refusals as JSON, everything else logged and answered 500. */
export function handleErrors(logger: Logger): ErrorHandler {
  return (err, c) => {
    if (err instanceof CommandError) return errorJson(c, err);
    // Hono's own refusals (e.g. a malformed request it rejects itself) keep their answer.
    if (err instanceof HTTPException) return err.getResponse();
    logger.error('http.failed', {
      method: c.req.method,
      path: c.req.path,
      error: errorMessage(err),
    });
    return c.json({ error: 'internal', message: 'the server could not do this' }, 500);
  };
}
