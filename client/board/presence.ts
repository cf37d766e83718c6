/** @module What each client tells the others about itself (SPEC §4.3 awareness), read defensively. */
import type { Awareness } from 'y-protocols/awareness';
import { isRecord } from '../../shared/fields';
import { isHexColor } from '../../shared/participants';
import { isParticipantRole, type ParticipantRole } from '../../shared/roles';
import type { Point } from '../layout/geometry';

/** Cursors and card drags are sent at most this often: ~30 per second is smooth and cheap. */
export const PRESENCE_INTERVAL_MS = 33;

export interface PresenceUser {
  /** The participant id (the key in the doc's `participants` map). */
  id: string;
  name: string;
  role: ParticipantRole;
  color: string;
  /**
   * Set by a facilitator's page so that followers know whose `focus` to follow. Not part of
   * SPEC's awareness shape; other clients ignore it. The server strips it, and `focus`, from the
   * presence of every connection that is not a facilitator's (server/sync/leadership.ts).
   */
  facilitator?: true;
}

/** A card being dragged, in the wide (three-column) layout's world coordinates. */
export interface CardDrag {
  card: string;
  x: number;
  y: number;
}

export interface PresenceState {
  user: PresenceUser;
  /** In the wide layout's world coordinates, so every screen can place it on the same spot. */
  cursor?: Point;
  /** The id of the card this person is typing in. */
  editing?: string;
  /** A section id or scale id the facilitator points everyone to. */
  focus?: string;
  drag?: CardDrag;
}

/** Another client (or this one) as shown in the people list and on the canvas. */
export interface Peer extends PresenceState {
  clientId: number;
  self: boolean;
}

/** Every client that has said who it is; malformed states from other clients are skipped. */
export function readPeers(awareness: Awareness): Peer[] {
  const peers: Peer[] = [];
  for (const [clientId, state] of awareness.getStates()) {
    const parsed = parsePresence(state);
    if (parsed !== undefined) {
      peers.push({ ...parsed, clientId, self: clientId === awareness.clientID });
    }
  }
  return peers;
}

function parsePresence(state: unknown): PresenceState | undefined {
  if (!isRecord(state) || !isRecord(state.user)) return undefined;
  const { id, name, role, color, facilitator } = state.user;
  if (typeof id !== 'string' || typeof name !== 'string' || typeof color !== 'string') {
    return undefined;
  }
  const user: PresenceUser = {
    id,
    name,
    role: isParticipantRole(role) ? role : 'other',
    color: isHexColor(color) ? color : '#555555',
  };
  if (facilitator === true) user.facilitator = true;
  const presence: PresenceState = { user };
  if (isPoint(state.cursor)) presence.cursor = { x: state.cursor.x, y: state.cursor.y };
  if (typeof state.editing === 'string') presence.editing = state.editing;
  if (typeof state.focus === 'string') presence.focus = state.focus;
  const drag = state.drag;
  if (isRecord(drag) && typeof drag.card === 'string' && isPoint(drag)) {
    presence.drag = { card: drag.card, x: drag.x, y: drag.y };
  }
  return presence;
}

/** Sets (or with undefined, clears) one field of this client's awareness state. */
export function setPresenceField<K extends keyof PresenceState>(
  awareness: Awareness,
  key: K,
  value: PresenceState[K] | undefined,
): void {
  const current = awareness.getLocalState();
  if (current === null) return;
  if (current[key] === value) return;
  awareness.setLocalStateField(key, value ?? null);
}

function isPoint(value: unknown): value is Point {
  return (
    isRecord(value) &&
    typeof value.x === 'number' &&
    typeof value.y === 'number' &&
    Number.isFinite(value.x) &&
    Number.isFinite(value.y)
  );
}
