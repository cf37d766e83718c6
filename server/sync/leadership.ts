/** @module Only a facilitator's connection may lead: others' presence loses the lead mark and focus. */
import { isRecord } from '../../shared/fields';

/** A JSON object (not an array): the only shape of presence state with fields to strip. */
const isObjectState = (value: unknown): value is Record<string, unknown> =>
  isRecord(value) && !Array.isArray(value);

/**
 * A presence state as a non-facilitator connection may send it: without `user.facilitator` (which
 * tells followers whose `focus` to follow) and without `focus`, so a participant's page cannot
 * steer the projector or anyone's view. Everything else passes unchanged.
 */
export function withoutLeadership(state: unknown): unknown {
  if (!isObjectState(state)) return state;
  const { focus: _focus, ...rest } = state;
  const user = rest.user;
  if (isObjectState(user) && 'facilitator' in user) {
    const { facilitator: _facilitator, ...plainUser } = user;
    rest.user = plainUser;
  }
  return rest;
}
