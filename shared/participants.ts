/** @module The people on a board: name, role and the colour of their marker and cursor. */
import * as Y from 'yjs';
import { participantsMap, readBoardMeta } from './board';
import { readString } from './fields';
import { byNameThenId } from './names';
import { isParticipantRole, type ParticipantRole } from './roles';

export interface ParticipantView {
  id: string;
  name: string;
  role: ParticipantRole;
  color: string;
}

/** A marker or cursor colour as clients write it: "#rrggbb". Anything else gets a fallback. */
export function isHexColor(value: unknown): value is string {
  return typeof value === 'string' && /^#[0-9a-f]{6}$/i.test(value);
}

export interface ParticipantInput {
  name: string;
  role: ParticipantRole;
  color: string;
}

/** Adds a participant or updates their name, role and colour (other fields are kept). */
export function upsertParticipant(doc: Y.Doc, id: string, input: ParticipantInput): void {
  if (!isParticipantRole(input.role)) {
    throw new Error(`"${input.role}" is not a participant role.`);
  }
  const fields: [string, string][] = [
    ['name', input.name],
    ['role', input.role],
    ['color', input.color],
  ];
  const participants = participantsMap(doc);
  const existing = participants.get(id);
  if (!(existing instanceof Y.Map)) {
    participants.set(id, new Y.Map<unknown>(fields));
    return;
  }
  doc.transact(() => {
    for (const [key, value] of fields) {
      if (existing.get(key) !== value) existing.set(key, value);
    }
  });
}

/** Everyone on the board, by name in the board's language. */
export function listParticipants(doc: Y.Doc): ParticipantView[] {
  const views: ParticipantView[] = [];
  for (const [id, participant] of participantsMap(doc)) {
    if (!(participant instanceof Y.Map)) continue;
    const role = participant.get('role');
    views.push({
      id,
      name: readString(participant, 'name'),
      // A role this client does not know yet still belongs to a person: show them as "other".
      role: isParticipantRole(role) ? role : 'other',
      color: readString(participant, 'color'),
    });
  }
  return views.sort(byNameThenId(readBoardMeta(doc).language));
}
