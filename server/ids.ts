/** @module Board ids: random, URL-safe, not secret (the link token is the secret). */
import { nanoid } from 'nanoid';

export function newBoardId(): string {
  return nanoid();
}
