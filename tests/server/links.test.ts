/**
 * @module Rotating a link and deleting a board (SPEC §3, §4.1), over real sockets: who is cut off,
 * how fast, who may do it, and that a deleted board leaves no byte behind.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { addCard, listAllCards } from '../../shared/cards';
import { CloseCode } from '../../shared/protocol';
import { LINK_ROLES, type LinkRole } from '../../shared/roles';
import { type BoardClient, closeCodeOf, connectClient, untilDoc } from '../helpers/clients';
import { filesContaining } from '../helpers/files';
import {
  type CreatedBoard,
  createBoard,
  startTestServer,
  type TestServer,
} from '../helpers/server';

let server: TestServer;
const clients: BoardClient[] = [];

beforeAll(async () => {
  server = await startTestServer();
});
afterAll(async () => {
  for (const client of clients) client.destroy();
  await server.close();
});

function join(board: CreatedBoard, token: string): BoardClient {
  const client = connectClient(server.wsUrl, board.id, token);
  clients.push(client);
  return client;
}

const api = (path: string, token: string, method = 'GET') =>
  fetch(`${server.url}/api/boards${path}`, {
    method,
    headers: { authorization: `Bearer ${token}` },
  });

async function rotate(board: CreatedBoard, role: LinkRole, token = board.tokens.facilitator) {
  const response = await api(`/${board.id}/links/${role}/rotate`, token, 'POST');
  expect(response.status).toBe(200);
  return (await response.json()) as { token: string; link: string };
}

/** A raw socket that has been let into the room (it received the server's greeting). */
async function openSocket(board: CreatedBoard, token: string) {
  const ws = new WebSocket(`${server.wsUrl}/${board.id}?token=${token}`);
  const closed = new Promise<{ code: number; reason: string; at: number }>((resolve) =>
    ws.on('close', (code, reason) => resolve({ code, reason: reason.toString(), at: Date.now() })),
  );
  await new Promise((resolve) => ws.once('message', resolve));
  return { ws, closed };
}

describe('rotating a link', () => {
  it('closes every socket of the old link within 1 s; the old token is then refused, the new one works, other links carry on', async () => {
    const board = await createBoard(server.url);
    const facilitator = join(board, board.tokens.facilitator);
    const viewer = join(board, board.tokens.viewer);
    await Promise.all([facilitator.synced, viewer.synced]);
    const participants = await Promise.all([
      openSocket(board, board.tokens.participant),
      openSocket(board, board.tokens.participant),
    ]);

    const requestedAt = Date.now();
    const fresh = await rotate(board, 'participant');
    const closes = await Promise.all(participants.map((socket) => socket.closed));
    for (const close of closes) {
      expect(close.code).toBe(CloseCode.Unauthorized);
      expect(close.reason).toBe('This link is no longer valid.');
      expect(close.at - requestedAt).toBeLessThan(1000);
    }

    expect(fresh.link).toBe(`${server.url}/b/${board.id}#k=${fresh.token}`);
    // At least 128 bits of base64url (SPEC §3).
    expect(fresh.token).toMatch(/^[A-Za-z0-9_-]{22,}$/);
    expect((await api(`/${board.id}`, board.tokens.participant)).status).toBe(401);
    expect(await closeCodeOf(`${server.wsUrl}/${board.id}?token=${board.tokens.participant}`)).toBe(
      CloseCode.Unauthorized,
    );
    const info = await api(`/${board.id}`, fresh.token);
    expect(await info.json()).toMatchObject({ id: board.id, role: 'participant' });

    // The new link writes; the facilitator's and the viewer's connections never dropped.
    const rejoined = join(board, fresh.token);
    await rejoined.synced;
    addCard(rejoined.doc, { section: 'strengths', author: 'p', text: 'Ny länk, samma möte' });
    const seen = (client: BoardClient) =>
      untilDoc(client.doc, () =>
        listAllCards(client.doc).some((card) => card.text === 'Ny länk, samma möte'),
      );
    await Promise.all([seen(facilitator), seen(viewer)]);
    expect(facilitator.provider.wsconnected && viewer.provider.wsconnected).toBe(true);
  });

  it("rotating the facilitator's own link cuts off the old facilitator sockets; the new token leads", async () => {
    const board = await createBoard(server.url);
    const old = await openSocket(board, board.tokens.facilitator);
    const fresh = await rotate(board, 'facilitator');
    expect((await old.closed).code).toBe(CloseCode.Unauthorized);
    expect((await api(`/${board.id}`, board.tokens.facilitator)).status).toBe(401);
    // The new facilitator token can do what only a facilitator may.
    const again = await rotate(board, 'viewer', fresh.token);
    expect((await api(`/${board.id}`, again.token)).status).toBe(200);
    expect((await api(`/${board.id}`, board.tokens.viewer)).status).toBe(401);
  });

  it('answers 400 for a role that does not exist, and changes no link', async () => {
    const board = await createBoard(server.url);
    const response = await api(`/${board.id}/links/admin/rotate`, board.tokens.facilitator, 'POST');
    expect(response.status).toBe(400);
    expect(await response.json()).toEqual({
      error: 'The role must be "facilitator", "participant" or "viewer".',
    });
    for (const role of LINK_ROLES) {
      expect((await api(`/${board.id}`, board.tokens[role])).status).toBe(200);
    }
  });
});

describe('who may manage links and delete', () => {
  it('refuses rotation and deletion to participants and viewers (403) and to wrong tokens (401); nothing changes', async () => {
    const board = await createBoard(server.url);
    const calls = LINK_ROLES.map((role) => ({
      path: `/${board.id}/links/${role}/rotate`,
      method: 'POST',
    }));
    calls.push({ path: `/${board.id}`, method: 'DELETE' });

    for (const { path, method } of calls) {
      for (const role of ['participant', 'viewer'] as const) {
        const response = await api(path, board.tokens[role], method);
        expect({ path, method, role, status: response.status }).toEqual({
          path,
          method,
          role,
          status: 403,
        });
        expect(await response.json()).toEqual({ error: 'Your link does not allow this.' });
      }
      expect((await api(path, 'not-a-token', method)).status).toBe(401);
      expect(
        (await api(path.replace(board.id, 'no-such-board'), board.tokens.facilitator, method))
          .status,
      ).toBe(404);
    }
    for (const role of LINK_ROLES) {
      expect((await api(`/${board.id}`, board.tokens[role])).status).toBe(200);
    }
  });
});

describe('deleting a board', () => {
  it('closes its sockets with 4404, answers 404 to every call after, and leaves no byte of its words in the data directory', async () => {
    const marker = `RADERA-MIG-${Date.now()}`;
    const board = await createBoard(server.url, { title: `Familjen ${marker}` });
    const neighbour = await createBoard(server.url, { title: 'Grannen' });
    const writer = join(board, board.tokens.participant);
    const next = join(neighbour, neighbour.tokens.participant);
    await Promise.all([writer.synced, next.synced]);
    addCard(writer.doc, { section: 'past-harm', author: 'p', text: `Kort ${marker}` });
    addCard(next.doc, { section: 'strengths', author: 'q', text: 'Grannens kort' });
    const stored = async (target: CreatedBoard, text: string) => {
      const response = await api(`/${target.id}/export.json`, target.tokens.viewer);
      return JSON.stringify(await response.json()).includes(text);
    };
    // Stored: the export reads only what the store holds.
    await expect.poll(() => stored(board, `Kort ${marker}`)).toBe(true);
    await expect.poll(() => stored(neighbour, 'Grannens kort')).toBe(true);
    expect(filesContaining(server.dataDir, marker)).not.toEqual([]);

    const open = await openSocket(board, board.tokens.viewer);
    const response = await api(`/${board.id}`, board.tokens.facilitator, 'DELETE');
    expect(response.status).toBe(204);
    expect(await response.text()).toBe('');
    const close = await open.closed;
    expect({ code: close.code, reason: close.reason }).toEqual({
      code: CloseCode.BoardNotFound,
      reason: 'The board was deleted.',
    });

    for (const [path, method] of [
      [`/${board.id}`, 'GET'],
      [`/${board.id}/export.json`, 'GET'],
      [`/${board.id}/export.md`, 'GET'],
      [`/${board.id}/links/participant/rotate`, 'POST'],
      [`/${board.id}`, 'DELETE'],
    ] as const) {
      for (const role of LINK_ROLES) {
        const answer = await api(path, board.tokens[role], method);
        expect({ path, method, role, status: answer.status }).toEqual({
          path,
          method,
          role,
          status: 404,
        });
      }
    }
    for (const role of LINK_ROLES) {
      expect(await closeCodeOf(`${server.wsUrl}/${board.id}?token=${board.tokens[role]}`)).toBe(
        CloseCode.BoardNotFound,
      );
    }
    expect(filesContaining(server.dataDir, marker)).toEqual([]);

    // The neighbour lost nothing and still syncs.
    expect(await stored(neighbour, 'Grannens kort')).toBe(true);
    const later = join(neighbour, neighbour.tokens.viewer);
    await later.synced;
    expect(listAllCards(later.doc).map((card) => card.text)).toContain('Grannens kort');
  });
});
