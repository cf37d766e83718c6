/** @module The participant id a presence state names, for the audit log: only a short plain token. */
import { isRecord } from '../../shared/fields';

/** Our client's ids are nanoids (21 characters); anything else of this shape is still safe to log. */
const PARTICIPANT_ID = /^[A-Za-z0-9_-]{1,64}$/;

/**
 * `user.id` of a presence state when it looks like a participant id, else undefined. The state
 * comes from the client, so nothing else of it (names, free text) may reach the log.
 */
export function participantIdOf(state: unknown): string | undefined {
  if (!isRecord(state) || !isRecord(state.user)) return undefined;
  const id = state.user.id;
  return typeof id === 'string' && PARTICIPANT_ID.test(id) ? id : undefined;
}
