/**
 * @module The server's log over a whole meeting, run as `npm start` runs it: every join and leave
 * is there with board, role and participant id, and no token, title, name or card text is.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { addCard } from '../../shared/cards';
import { upsertParticipant } from '../../shared/participants';
import { CloseCode } from '../../shared/protocol';
import { setRating, setRatingNotes } from '../../shared/ratings';
import { type BoardClient, closeCodeOf, connectClient, untilDoc } from '../helpers/clients';
import { type ServerProcess, spawnServer } from '../helpers/process';
import { createBoard, tempDir } from '../helpers/server';

const clients: BoardClient[] = [];
const servers: ServerProcess[] = [];

afterEach(() => {
  for (const client of clients.splice(0)) client.destroy();
  for (const server of servers.splice(0)) server.child.kill('SIGKILL');
});

type LogLine = Record<string, unknown>;

const TITLE = 'Familjen Hemligsson 4711';
const CARD_TEXTS = ['Pappa Qwertz dricker på kvällarna', 'Mormor Zyxwv hämtar varje fredag'];
const RATING_WHY = 'Varför sju: Plommonträd';
const NAMES = { facilitator: 'Sigrid Socialsekreterare', participant: 'Annika Hemligsdotter' };
const IDS = { facilitator: 'worker-Kq3vX9', participant: 'anna-7Qx2Lm' };

function presence(id: string, name: string) {
  return { user: { id, name, role: 'family', color: '#1a4fa0' }, cursor: { x: 10, y: 20 } };
}

describe('audit log', () => {
  it('logs who joined and left, as ids and roles only, through a whole session', async () => {
    const server = await spawnServer({ DATA_DIR: tempDir() });
    servers.push(server);
    const board = await createBoard(server.url, { title: TITLE, language: 'sv' });

    const worker = connectClient(server.wsUrl, board.id, board.tokens.facilitator);
    const anna = connectClient(server.wsUrl, board.id, board.tokens.participant);
    clients.push(worker, anna);
    await Promise.all([worker.synced, anna.synced]);
    worker.provider.awareness.setLocalState(presence(IDS.facilitator, NAMES.facilitator));
    anna.provider.awareness.setLocalState(presence(IDS.participant, NAMES.participant));
    upsertParticipant(anna.doc, IDS.participant, {
      name: NAMES.participant,
      role: 'family',
      color: '#1a4fa0',
    });
    for (const text of CARD_TEXTS) addCard(anna.doc, { section: 'strengths', author: 'a', text });
    setRating(anna.doc, 'safety', IDS.participant, {
      value: 7,
      name: NAMES.participant,
      role: 'family',
      at: 1,
    });
    setRatingNotes(anna.doc, 'safety', IDS.participant, { why: RATING_WHY });
    await untilDoc(worker.doc, () => worker.doc.getMap('participants').has(IDS.participant));

    // Wrong tokens, on HTTP and on the socket.
    const wrong = await fetch(`${server.url}/api/boards/${board.id}?token=not-the-token`, {
      headers: { authorization: 'Bearer not-the-token' },
    });
    expect(wrong.status).toBe(401);
    expect(await closeCodeOf(`${server.wsUrl}/${board.id}?token=not-the-token`)).toBe(
      CloseCode.Unauthorized,
    );

    const exports = await Promise.all(
      ['export.json', 'export.md'].map((file) =>
        fetch(`${server.url}/api/boards/${board.id}/${file}`, {
          headers: { authorization: `Bearer ${board.tokens.participant}` },
        }).then((response) => response.text()),
      ),
    );
    // The exports do carry the board: so the log's silence below means something.
    for (const exported of exports) expect(exported).toContain(CARD_TEXTS[0]);

    const rotated = await fetch(`${server.url}/api/boards/${board.id}/links/viewer/rotate`, {
      method: 'POST',
      headers: { authorization: `Bearer ${board.tokens.facilitator}` },
    });
    expect(rotated.status).toBe(200);
    const { token: newViewerToken } = (await rotated.json()) as { token: string };
    const projector = connectClient(server.wsUrl, board.id, newViewerToken);
    clients.push(projector);
    await projector.synced;

    const left = (participantId: string) =>
      server.output.some(
        (line) => line.includes('participant left') && line.includes(participantId),
      );
    for (const client of clients.splice(0)) client.destroy();
    await untilOutput(server, () => left(IDS.participant) && left(IDS.facilitator));

    const lines = await stopAndReadLog(server);
    const output = server.output;
    const secrets = [
      ...Object.values(board.tokens),
      newViewerToken,
      TITLE,
      ...CARD_TEXTS,
      RATING_WHY,
      ...Object.values(NAMES),
    ];
    for (const secret of secrets) {
      expect(output.filter((line) => line.includes(secret))).toEqual([]);
    }
    expect(output.filter((line) => line.includes('token='))).toEqual([]);

    const about = (msg: string) => linesAbout(lines, board.id, msg);
    for (const role of ['facilitator', 'participant'] as const) {
      const joined = about('participant joined').filter((line) => line.role === role);
      expect(joined).toEqual([
        expect.objectContaining({ participantId: IDS[role], connection: expect.any(Number) }),
      ]);
      const connection = joined[0]?.connection;
      expect(about('connection opened')).toContainEqual(
        expect.objectContaining({ role, connection }),
      );
      expect(about('participant left')).toContainEqual(
        expect.objectContaining({
          role,
          participantId: IDS[role],
          connection,
          durationMs: expect.any(Number),
        }),
      );
    }
    expect(about('link rotated')).toEqual([expect.objectContaining({ role: 'viewer' })]);
    expect(about('connection refused')).toEqual([expect.objectContaining({ reason: 'bad-token' })]);
    // The projector never said who it is: its leave is a connection's.
    expect(about('connection closed')).toContainEqual(
      expect.objectContaining({ role: 'viewer', durationMs: expect.any(Number) }),
    );
  });

  it('logs the close of a connection still open when the server shuts down', async () => {
    const server = await spawnServer({ DATA_DIR: tempDir() });
    servers.push(server);
    const board = await createBoard(server.url, { title: TITLE, language: 'sv' });
    const projector = connectClient(server.wsUrl, board.id, board.tokens.viewer);
    clients.push(projector);
    await projector.synced;

    const lines = await stopAndReadLog(server);
    const opened = linesAbout(lines, board.id, 'connection opened');
    expect(opened).toEqual([expect.objectContaining({ role: 'viewer' })]);
    expect(linesAbout(lines, board.id, 'connection closed')).toEqual([
      expect.objectContaining({
        role: 'viewer',
        connection: opened[0]?.connection,
        durationMs: expect.any(Number),
      }),
    ]);
  });
});

/** Stops the server as a shutdown does (SIGTERM) and returns every line it logged, parsed. */
async function stopAndReadLog(server: ServerProcess): Promise<LogLine[]> {
  const streamsClosed = new Promise((resolve) => server.child.once('close', resolve));
  server.child.kill('SIGTERM');
  expect(await server.exited).toBe(0);
  await streamsClosed;
  return server.output.map((line) => JSON.parse(line) as LogLine);
}

/** The lines with message `msg` about board `boardId`. */
function linesAbout(lines: LogLine[], boardId: string, msg: string): LogLine[] {
  return lines.filter((line) => line.msg === msg && line.boardId === boardId);
}

/** Resolves once `check` holds, re-checking whenever the server writes to stdout. */
function untilOutput(server: ServerProcess, check: () => boolean): Promise<void> {
  const stdout = server.child.stdout as NodeJS.ReadableStream;
  return new Promise((resolve) => {
    // Registered after the helper's line reader, so the lines of each chunk are in by now.
    const test = () => {
      if (!check()) return;
      stdout.off('data', test);
      resolve();
    };
    stdout.on('data', test);
    test();
  });
}
