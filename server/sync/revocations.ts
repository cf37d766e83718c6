/**
 * @module Links revoked and boards deleted while connections were being let in. A token is checked
 * against the store before its socket joins a room; a rotation or deletion in between must still
 * keep that socket out, or it would outlive the link that let it in.
 */
import { CloseCode } from '../../shared/protocol';
import type { LinkRole } from '../../shared/roles';

/** Taken before a token is checked; compared when its connection joins. */
export interface AdmissionTicket {
  revision: number;
  /** The hash of the token being checked (server/tokens.ts), when there is one. */
  tokenHash: string | undefined;
}

interface Rotation {
  /** The board's revision the rotation made. */
  revision: number;
  /** The hash of the token it issued, when known (other instances' older events lack it). */
  tokenHash: string | undefined;
}

interface BoardRevocations {
  /** Bumped by every rotation and deletion of the board. */
  revision: number;
  /** Each role's last rotation. */
  rotated: Partial<Record<LinkRole, Rotation>>;
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

  ticket(boardId: string, tokenHash: string | undefined): AdmissionTicket {
    return { revision: this.boards.get(boardId)?.revision ?? 0, tokenHash };
  }

  /** Undefined when a token of `role`, checked when `ticket` was taken, still admits. */
  refusal(boardId: string, role: LinkRole, ticket: AdmissionTicket): Refusal | undefined {
    const board = this.boards.get(boardId);
    if (!board) return undefined;
    if (board.deleted) return BOARD_DELETED;
    const rotation = board.rotated[role];
    if (rotation === undefined || rotation.revision <= ticket.revision) return undefined;
    // Checked before the rotation was heard of, yet with the token it issued: the check passed
    // with the new token (another instance rotated the link and its event came late).
    const issued = rotation.tokenHash !== undefined && rotation.tokenHash === ticket.tokenHash;
    return issued ? undefined : LINK_REVOKED;
  }

  rotated(boardId: string, role: LinkRole, tokenHash: string | undefined): void {
    const board = this.bump(boardId);
    board.rotated[role] = { revision: board.revision, tokenHash };
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
