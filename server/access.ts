/** @module Who may do what on a board: resolves a link token to its role (SPEC §3). */
import type { LinkRole } from '../shared/roles';
import type { BoardRecord, BoardStore } from './store/types';
import { hashToken } from './tokens';

export type Access =
  | { ok: true; board: BoardRecord; role: LinkRole }
  | { ok: false; reason: 'unknown-board' | 'bad-token' };

/** An unknown board wins over a bad token, so a deleted board answers 404 / 4404 to everyone. */
export async function resolveAccess(
  store: BoardStore,
  boardId: string,
  token: string | undefined,
): Promise<Access> {
  const board = await store.getBoard(boardId);
  if (!board) return { ok: false, reason: 'unknown-board' };
  if (!token) return { ok: false, reason: 'bad-token' };
  // Looked up by SHA-256 hash, never compared as given: how long the index search takes can at
  // most tell an attacker about the hash of their own guess, which brings them no closer to a
  // 256-bit token. (The create key, compared as given, uses secretsEqual.)
  const role = await store.roleForTokenHash(boardId, hashToken(token));
  if (!role) return { ok: false, reason: 'bad-token' };
  return { ok: true, board, role };
}
