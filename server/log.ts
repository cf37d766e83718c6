/** @module Structured logging. Never log tokens, query strings, titles or card text. */
import { pino } from 'pino';

export type Logger = pino.Logger;

export function createLogger(level: pino.LevelWithSilent): Logger {
  return pino({
    level,
    base: { service: 'samkarta' },
    // A second line of defence: fields that could carry secrets, names or the family's words
    // (`*.name` is left out on purpose: `err.name` is the error's kind, which the log needs).
    redact: {
      paths: [
        'token',
        '*.token',
        'authorization',
        '*.authorization',
        'url',
        '*.url',
        'query',
        '*.query',
        'title',
        '*.title',
        'text',
        '*.text',
        'name',
        'user',
        '*.user',
        'state',
        '*.state',
      ],
      censor: '[redacted]',
    },
  });
}

/** What of an error may go to the log: its kind and message, never data. */
export function errorSummary(error: unknown): { name: string; message: string } {
  return error instanceof Error
    ? { name: error.name, message: error.message }
    : { name: 'Unknown', message: String(error) };
}
