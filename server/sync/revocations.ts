/**
 * @module Links revoked and boards deleted while connections were being let in. A token is checked
 * against the store before its socket joins a room; a rotation or deletion in between must still
 * keep that socket out, or it would outlive the link that let it in.
 */
import { CloseCode } from '../../shared/protocol';
import type { LinkRole } from '../../shared/roles';

/** Taken before a token is checked; compared when its connection joins. */
export type AdmissionTicket = number;

interface BoardRevocations {
  /** Bumped by every rotation and deletion of the board. */
  revision: number;
  /** The revision at which each role's link was last rotated. */
  rotated: Partial<Record<LinkRole, number>>;
  deleted: boolean;
}

/** Why a connection may not join: a WebSocket close code and its readable sentence. */
export interface Refusal {
  code: number;
  reason: string;
}

export const LINK_REVOKED: Refusal = {
  code: CloseCode.Unauthorized,
  reason: 'This link is no longer valid.',
};
export const BOARD_DELETED: Refusal = {
  code: CloseCode.BoardNotFound,
  reason: 'The board was deleted.',
};

/**
 * Kept for the life of the process, one small entry per board that had a link rotated or was
 * deleted; boards nobody touched cost nothing.
 */
export class Revocations {
  private readonly boards = new Map<string, BoardRevocations>();

  ticket(boardId: string): AdmissionTicket {
    return this.boards.get(boardId)?.revision ?? 0;
  }

  /** Undefined when a token of `role`, checked when `ticket` was taken, still admits. */
  refusal(boardId: string, role: LinkRole, ticket: AdmissionTicket): Refusal | undefined {
    const board = this.boards.get(boardId);
    if (!board) return undefined;
    if (board.deleted) return BOARD_DELETED;
    const rotated = board.rotated[role];
    return rotated !== undefined && rotated > ticket ? LINK_REVOKED : undefined;
  }

  rotated(boardId: string, role: LinkRole): void {
    const board = this.bump(boardId);
    board.rotated[role] = board.revision;
  }

  deleted(boardId: string): void {
    this.bump(boardId).deleted = true;
  }

  private bump(boardId: string): BoardRevocations {
    let board = this.boards.get(boardId);
    if (!board) {
      board = { revision: 0, rotated: {}, deleted: false };
      this.boards.set(boardId, board);
    }
    board.revision += 1;
    return board;
  }
}
