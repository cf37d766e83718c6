/** @module HTTP errors: thrown anywhere, turned into `{"error": "<sentence>"}` in one place. */
import type { Context } from 'hono';
import { HTTPException } from 'hono/http-exception';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import { errorSummary, type Logger } from './log';

export function httpError(status: ContentfulStatusCode, sentence: string): HTTPException {
  return new HTTPException(status, { message: sentence });
}

/** A request's JSON body; a body that is not JSON answers 400. */
export async function readJson(request: Request): Promise<unknown> {
  try {
    return await request.json();
  } catch {
    throw httpError(400, 'The request body must be JSON.');
  }
}

/** The app's onError: readable sentences for clients, details (never data) for the log. */
export function errorResponder(log: Logger) {
  return (error: Error, c: Context) => {
    if (error instanceof HTTPException && error.status < 500) {
      return c.json({ error: error.message || 'The request could not be handled.' }, error.status);
    }
    log.error({ method: c.req.method, err: errorSummary(error) }, 'request failed');
    return c.json({ error: 'Something went wrong on the server.' }, 500);
  };
}
