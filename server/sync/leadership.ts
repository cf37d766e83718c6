/** @module Only a facilitator's connection may lead: others' presence loses the lead mark and focus. */

/**
 * A presence state as a non-facilitator connection may send it: without `user.facilitator` (which
 * tells followers whose `focus` to follow) and without `focus`, so a participant's page cannot
 * steer the projector or anyone's view. Everything else passes unchanged.
 */
export function withoutLeadership(state: unknown): unknown {
  if (typeof state !== 'object' || state === null || Array.isArray(state)) return state;
  const { focus: _focus, ...rest } = state as Record<string, unknown>;
  const user = rest.user;
  if (typeof user === 'object' && user !== null && !Array.isArray(user) && 'facilitator' in user) {
    const { facilitator: _facilitator, ...plainUser } = user as Record<string, unknown>;
    rest.user = plainUser;
  }
  return rest;
}
