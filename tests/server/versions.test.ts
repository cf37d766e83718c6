/**
 * @module Named versions (SPEC §4.1) through a real server and real y-websocket clients: saving,
 * listing, exporting and rebuilding an old map, restoring it live, who may do what, and that
 * versions survive a restart and are erased with their board.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { MAX_VERSIONS_PER_BOARD } from '../../server/store/types';
import {
  addCard,
  deleteCard,
  deleteCardText,
  insertCardText,
  listAllCards,
  moveCard,
} from '../../shared/cards';
import type { BoardExport } from '../../shared/export';
import { listScales, setRating } from '../../shared/ratings';
import { LINK_ROLES } from '../../shared/roles';
import { MAX_VERSION_LABEL_LENGTH, type VersionInfo } from '../../shared/version';
import { type BoardClient, connectClient, untilDoc } from '../helpers/clients';
import { filesContaining } from '../helpers/files';
import { startScaleOut } from '../helpers/scale-out';
import {
  type CreatedBoard,
  createBoard,
  startTestServer,
  type TestServer,
  tempDir,
} from '../helpers/server';
import { within } from '../helpers/waits';

/** Bound on waits for what takes milliseconds when it works at all. */
const ARRIVES_WITHIN_MS = 10_000;

/** A server in this process or a child process: where the API and the sockets are. */
type Instance = Pick<TestServer, 'url' | 'wsUrl'>;

let server: TestServer;
const clients: BoardClient[] = [];

beforeAll(async () => {
  server = await startTestServer();
});
afterAll(async () => {
  for (const client of clients) client.destroy();
  await server.close();
});

function join(
  board: CreatedBoard,
  role: keyof CreatedBoard['tokens'],
  on: Instance = server,
): BoardClient {
  const client = connectClient(on.wsUrl, board.id, board.tokens[role]);
  clients.push(client);
  return client;
}

function api(
  path: string,
  token: string,
  init: { method?: string; body?: unknown; on?: Instance } = {},
): Promise<Response> {
  return fetch(`${(init.on ?? server).url}/api/boards${path}`, {
    method: init.method ?? 'GET',
    headers: {
      authorization: `Bearer ${token}`,
      ...(init.body === undefined ? {} : { 'content-type': 'application/json' }),
    },
    ...(init.body === undefined
      ? {}
      : { body: typeof init.body === 'string' ? init.body : JSON.stringify(init.body) }),
  });
}

async function saveVersion(
  board: CreatedBoard,
  label: string,
  on: Instance = server,
): Promise<VersionInfo> {
  const response = await api(`/${board.id}/versions`, board.tokens.facilitator, {
    method: 'POST',
    body: { label },
    on,
  });
  expect(response.status).toBe(201);
  return (await response.json()) as VersionInfo;
}

async function listVersions(
  board: CreatedBoard,
  token = board.tokens.viewer,
  on: Instance = server,
) {
  const response = await api(`/${board.id}/versions`, token, { on });
  expect(response.status).toBe(200);
  return (await response.json()) as VersionInfo[];
}

async function exportOf(
  board: CreatedBoard,
  path: string,
  on: Instance = server,
): Promise<BoardExport> {
  const response = await api(`/${board.id}${path}`, board.tokens.viewer, { on });
  expect(response.status).toBe(200);
  return (await response.json()) as BoardExport;
}

/** The export without the moment it was made, to compare two exports of the same map. */
const map = ({ exportedAt: _, ...rest }: BoardExport) => rest;
const cardTexts = (exported: BoardExport) =>
  exported.sections.flatMap((section) => section.cards.map((card) => card.text));
const docTexts = (doc: Y.Doc) => listAllCards(doc).map((card) => card.text);

/**
 * A facilitator's page writes, a viewer watches: the server stores a change before it relays it,
 * so once the viewer has it, every export and version of the board has it too.
 */
async function meeting(board: CreatedBoard, on: Instance = server) {
  const writer = join(board, 'facilitator', on);
  const watcher = join(board, 'viewer', on);
  await Promise.all([writer.synced, watcher.synced]);
  const stored = (check: (doc: Y.Doc) => boolean) =>
    within(
      ARRIVES_WITHIN_MS,
      'the change reaches the watching viewer',
      untilDoc(watcher.doc, () => check(watcher.doc)),
    );
  return { writer, watcher, stored };
}

describe('saving and listing versions', () => {
  it('saves named versions and lists them oldest first to every role, labels trimmed', async () => {
    const board = await createBoard(server.url, { title: 'Familjen L' });
    const first = await saveVersion(board, 'Möte 1 — 12 maj');
    const second = await saveVersion(board, '  Möte 2 — 19 maj 🏠  ');

    expect(Object.keys(first).sort()).toEqual(['createdAt', 'id', 'label']);
    expect(first).toMatchObject({ label: 'Möte 1 — 12 maj' });
    expect(second.label).toBe('Möte 2 — 19 maj 🏠');
    expect(Math.abs(first.createdAt - Date.now())).toBeLessThan(60_000);
    expect(second.id).not.toBe(first.id);
    for (const role of LINK_ROLES) {
      expect(await listVersions(board, board.tokens[role])).toEqual([first, second]);
    }
    // Another board has versions of its own.
    const other = await createBoard(server.url);
    expect(await listVersions(other)).toEqual([]);
  });

  it('accepts a label of exactly the longest length', async () => {
    const board = await createBoard(server.url);
    const label = 'å'.repeat(MAX_VERSION_LABEL_LENGTH);
    expect((await saveVersion(board, label)).label).toBe(label);
  });
});

describe('an old version', () => {
  it('exports the map as it was when saved, in the same shape as the live export', async () => {
    const board = await createBoard(server.url, { title: 'Familjen L' });
    const { writer, stored } = await meeting(board);
    const grandma = addCard(writer.doc, { section: 'strengths', author: 'f', text: 'Mormor' });
    addCard(writer.doc, { section: 'past-harm', author: 'f', text: 'Pappa skrek', voice: 'child' });
    setRating(writer.doc, 'safety', 'f', { value: 4, name: 'Åsa', role: 'worker', at: 1 });
    await stored((doc) => listScales(doc)[0]?.ratings.length === 1 && docTexts(doc).length === 2);
    const liveThen = await exportOf(board, '/export.json');
    const version = await saveVersion(board, 'Möte 1');

    // The meeting goes on: a text edited, a card moved, a card added, the marker moved.
    insertCardText(writer.doc, grandma, 6, ' hämtar varje dag');
    moveCard(writer.doc, grandma, 'next-steps', 0);
    addCard(writer.doc, {
      section: 'complicating-factors',
      author: 'f',
      text: 'Skolan saknar kontakt',
    });
    setRating(writer.doc, 'safety', 'f', { value: 6.5, name: 'Åsa', role: 'worker', at: 2 });
    await stored(
      (doc) => listScales(doc)[0]?.ratings[0]?.value === 6.5 && docTexts(doc).length === 3,
    );
    const liveNow = await exportOf(board, '/export.json');
    expect(cardTexts(liveNow)).toContain('Mormor hämtar varje dag');

    const before = Date.now();
    const old = await exportOf(board, `/versions/${version.id}/export.json`);
    expect(map(old)).toEqual(map(liveThen));
    expect(old.exportedAt).toBeGreaterThanOrEqual(before);
    // SPEC §4.4: exactly the keys of the live export, sections in the table's order.
    expect(Object.keys(old)).toEqual(Object.keys(liveNow));
    expect(old.sections.map((section) => section.id)).toEqual(
      liveNow.sections.map((section) => section.id),
    );
    const section = (id: string) => old.sections.find((each) => each.id === id);
    expect(section('strengths')?.cards.map((card) => card.text)).toEqual(['Mormor']);
    expect(section('past-harm')?.cards[0]).toMatchObject({ text: 'Pappa skrek', voice: 'child' });
    expect(section('next-steps')?.cards).toEqual([]);
    expect(cardTexts(old)).not.toContain('Skolan saknar kontakt');
    expect(old.scales[0]?.ratings.map((rating) => rating.value)).toEqual([4]);
  });

  it('has a Markdown record that names the version and shows its cards', async () => {
    const board = await createBoard(server.url, { title: 'Familjen M', language: 'sv' });
    const { writer, stored } = await meeting(board);
    const card = addCard(writer.doc, { section: 'strengths', author: 'f', text: 'Mormor' });
    await stored((doc) => docTexts(doc).length === 1);
    const version = await saveVersion(board, 'Möte 2 — 12 maj');
    deleteCard(writer.doc, card);
    addCard(writer.doc, { section: 'complicating-factors', author: 'f', text: 'Ett senare kort' });
    await stored((doc) => docTexts(doc).join() === 'Ett senare kort');

    const response = await api(
      `/${board.id}/versions/${version.id}/export.md`,
      board.tokens.viewer,
    );
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^text\/markdown/);
    const markdown = await response.text();
    expect(markdown).toContain('# Familjen M');
    expect(markdown).toContain('Version: «Möte 2 — 12 maj»');
    expect(markdown).toContain('Mormor');
    expect(markdown).not.toContain('Ett senare kort');
  });

  it('comes as one Yjs update that rebuilds the board as it was', async () => {
    const board = await createBoard(server.url);
    const { writer, stored } = await meeting(board);
    const card = addCard(writer.doc, { section: 'strengths', author: 'f', text: 'Mormor' });
    await stored((doc) => docTexts(doc).length === 1);
    const version = await saveVersion(board, 'Möte 1');
    deleteCardText(writer.doc, card, 0, 6);
    insertCardText(writer.doc, card, 0, 'Morfar');
    await stored((doc) => docTexts(doc).join() === 'Morfar');

    const response = await api(`/${board.id}/versions/${version.id}/update`, board.tokens.viewer);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('application/octet-stream');
    const doc = new Y.Doc();
    Y.applyUpdate(doc, new Uint8Array(await response.arrayBuffer()));
    expect(listAllCards(doc).map(({ id, text }) => ({ id, text }))).toEqual([
      { id: card, text: 'Mormor' },
    ]);
    expect(listScales(doc).map((scale) => scale.id)).toEqual(['safety']);
    doc.destroy();
  });
});

describe('restoring a version', () => {
  it('brings the old map back live for everyone connected, after saving the current one', async () => {
    const board = await createBoard(server.url, { title: 'Familjen R' });
    const { writer, watcher, stored } = await meeting(board);
    const participant = join(board, 'participant');
    await participant.synced;
    const old = addCard(writer.doc, { section: 'strengths', author: 'f', text: 'Mormor' });
    setRating(writer.doc, 'safety', 'f', { value: 3, name: 'Åsa', role: 'worker', at: 1 });
    await stored((doc) => docTexts(doc).length === 1 && listScales(doc)[0]?.ratings.length === 1);
    const version = await saveVersion(board, 'Möte 1');
    const atVersion = await exportOf(board, `/versions/${version.id}/export.json`);

    deleteCard(participant.doc, old);
    const later = addCard(participant.doc, {
      section: 'complicating-factors',
      author: 'p',
      text: 'Senare',
    });
    setRating(writer.doc, 'safety', 'f', { value: 7, name: 'Åsa', role: 'worker', at: 2 });
    await stored(
      (doc) => docTexts(doc).join() === 'Senare' && listScales(doc)[0]?.ratings[0]?.value === 7,
    );

    const response = await api(
      `/${board.id}/versions/${version.id}/restore`,
      board.tokens.facilitator,
      {
        method: 'POST',
      },
    );
    expect(response.status).toBe(200);
    const { saved, restored } = (await response.json()) as {
      saved: VersionInfo;
      restored: VersionInfo;
    };
    expect(restored).toEqual(version);
    expect(saved.label).toBe('Före återställning till «Möte 1»');

    // Everyone connected sees the old card come back under its id, the later one go, the marker move.
    for (const client of [participant, writer, watcher]) {
      await within(
        ARRIVES_WITHIN_MS,
        'the restored map reaches a connected client',
        untilDoc(client.doc, () => docTexts(client.doc).join() === 'Mormor'),
      );
      expect(listAllCards(client.doc)[0]?.id).toBe(old);
      expect(listScales(client.doc)[0]?.ratings[0]?.value).toBe(3);
    }
    expect(map(await exportOf(board, '/export.json'))).toEqual(map(atVersion));
    // The map before the restore is kept as a version, so the restore can be undone.
    expect(await listVersions(board)).toEqual([version, saved]);
    const undo = await exportOf(board, `/versions/${saved.id}/export.json`);
    expect(undo.sections.flatMap((section) => section.cards.map((card) => card.id))).toEqual([
      later,
    ]);
    expect(undo.scales[0]?.ratings[0]?.value).toBe(7);
  });

  it('restores a board nobody has open, and names the saved version in English on an English board', async () => {
    const board = await createBoard(server.url, { title: 'Family E', language: 'en' });
    const first = await meeting(board);
    addCard(first.writer.doc, { section: 'strengths', author: 'f', text: 'Grandma' });
    await first.stored((doc) => docTexts(doc).length === 1);
    const version = await saveVersion(board, 'Meeting 1');
    addCard(first.writer.doc, { section: 'complicating-factors', author: 'f', text: 'Later' });
    await first.stored((doc) => docTexts(doc).length === 2);
    first.writer.destroy();
    first.watcher.destroy();

    const response = await api(
      `/${board.id}/versions/${version.id}/restore`,
      board.tokens.facilitator,
      {
        method: 'POST',
      },
    );
    expect(response.status).toBe(200);
    const { saved } = (await response.json()) as { saved: VersionInfo };
    expect(saved.label).toBe('Before restoring «Meeting 1»');
    expect(cardTexts(await exportOf(board, '/export.json'))).toEqual(['Grandma']);
    // Whoever opens the board next gets the restored map.
    const next = join(board, 'participant');
    await next.synced;
    expect(docTexts(next.doc)).toEqual(['Grandma']);
  });

  it('keeps the saved label within the limit when the restored version has the longest label', async () => {
    const board = await createBoard(server.url, { title: 'Family F', language: 'en' });
    const version = await saveVersion(board, 'ö'.repeat(MAX_VERSION_LABEL_LENGTH));
    const first = await restore(board, version);
    expect(first.label.length).toBeLessThanOrEqual(MAX_VERSION_LABEL_LENGTH);
    expect(first.label).toMatch(/^Before restoring «ö+…»$/);
    // Undoing the restore (restoring the saved one) does not nest labels past the limit either.
    const second = await restore(board, first);
    expect(second.label.length).toBeLessThanOrEqual(MAX_VERSION_LABEL_LENGTH);
    expect(second.label).toMatch(/^Before restoring «Before restoring «ö+…»$/);
  });
});

async function restore(board: CreatedBoard, version: VersionInfo): Promise<VersionInfo> {
  const response = await api(
    `/${board.id}/versions/${version.id}/restore`,
    board.tokens.facilitator,
    {
      method: 'POST',
    },
  );
  expect(response.status).toBe(200);
  return ((await response.json()) as { saved: VersionInfo }).saved;
}

describe('who may do what', () => {
  it('lets only the facilitator save and restore; every role reads', async () => {
    const board = await createBoard(server.url);
    const version = await saveVersion(board, 'Möte 1');
    for (const role of ['participant', 'viewer'] as const) {
      const save = await api(`/${board.id}/versions`, board.tokens[role], {
        method: 'POST',
        body: { label: 'Mitt' },
      });
      expect({ role, status: save.status, body: await save.json() }).toEqual({
        role,
        status: 403,
        body: { error: 'Your link does not allow this.' },
      });
      const restore = await api(`/${board.id}/versions/${version.id}/restore`, board.tokens[role], {
        method: 'POST',
      });
      expect({ role, status: restore.status }).toEqual({ role, status: 403 });
    }
    expect(await listVersions(board)).toEqual([version]);
    for (const role of LINK_ROLES) {
      for (const path of ['export.json', 'export.md', 'update']) {
        const answer = await api(`/${board.id}/versions/${version.id}/${path}`, board.tokens[role]);
        expect({ role, path, status: answer.status }).toEqual({ role, path, status: 200 });
      }
    }
  });

  it('answers 401 to a wrong token on every version endpoint', async () => {
    const board = await createBoard(server.url);
    const version = await saveVersion(board, 'Möte 1');
    const other = await createBoard(server.url);
    for (const [path, method] of [
      ['/versions', 'GET'],
      ['/versions', 'POST'],
      [`/versions/${version.id}/export.json`, 'GET'],
      [`/versions/${version.id}/export.md`, 'GET'],
      [`/versions/${version.id}/update`, 'GET'],
      [`/versions/${version.id}/restore`, 'POST'],
    ] as const) {
      // A valid facilitator link of another board opens nothing here.
      for (const token of ['not-a-token', other.tokens.facilitator]) {
        const answer = await api(`/${board.id}${path}`, token, {
          method,
          ...(method === 'POST' ? { body: { label: 'x' } } : {}),
        });
        expect({ path, status: answer.status, body: await answer.json() }).toEqual({
          path,
          status: 401,
          body: { error: 'A valid link token is needed for this board.' },
        });
      }
    }
    expect(await listVersions(board)).toEqual([version]);
  });

  it('refuses a missing, empty, too long or non-text label with a readable sentence', async () => {
    const board = await createBoard(server.url);
    for (const body of [
      {},
      { label: '' },
      { label: '   ' },
      { label: 42 },
      { label: 'x'.repeat(MAX_VERSION_LABEL_LENGTH + 1) },
      '{"label":',
    ]) {
      const answer = await api(`/${board.id}/versions`, board.tokens.facilitator, {
        method: 'POST',
        body,
      });
      expect(answer.status).toBe(400);
      const { error } = (await answer.json()) as { error: string };
      expect(error).toMatch(/^[A-Z].*\.$/);
    }
    expect(await listVersions(board)).toEqual([]);
  });

  it('answers 404 for a version the board does not have', async () => {
    const board = await createBoard(server.url);
    const other = await createBoard(server.url);
    const elsewhere = await saveVersion(other, 'Annan familj');
    for (const id of ['no-such-version', elsewhere.id]) {
      for (const [path, method] of [
        ['export.json', 'GET'],
        ['export.md', 'GET'],
        ['update', 'GET'],
        ['restore', 'POST'],
      ] as const) {
        const answer = await api(`/${board.id}/versions/${id}/${path}`, board.tokens.facilitator, {
          method,
        });
        expect({ id, path, status: answer.status, body: await answer.json() }).toEqual({
          id,
          path,
          status: 404,
          body: { error: 'There is no such version.' },
        });
      }
    }
    // A refused restore saved nothing.
    expect(await listVersions(board)).toEqual([]);
  });

  it(`keeps at most ${MAX_VERSIONS_PER_BOARD} versions of a board and says so`, async () => {
    const board = await createBoard(server.url);
    for (let start = 0; start < MAX_VERSIONS_PER_BOARD; start += 25) {
      await Promise.all(
        Array.from({ length: 25 }, (_, index) => saveVersion(board, `Möte ${start + index + 1}`)),
      );
    }
    const [first] = await listVersions(board);
    for (const path of ['/versions', `/versions/${first?.id}/restore`]) {
      const answer = await api(`/${board.id}${path}`, board.tokens.facilitator, {
        method: 'POST',
        body: { label: 'En till' },
      });
      expect({ path, status: answer.status, body: await answer.json() }).toEqual({
        path,
        status: 409,
        body: {
          error: `This board already keeps ${MAX_VERSIONS_PER_BOARD} versions, as many as it can.`,
        },
      });
    }
    expect(await listVersions(board)).toHaveLength(MAX_VERSIONS_PER_BOARD);
  });
});

describe('keeping and erasing versions', () => {
  it('survives a restart of the server on the same data directory', async () => {
    const dataDir = tempDir();
    const first = await startTestServer({ dataDir });
    let second: TestServer | undefined;
    try {
      const board = await createBoard(first.url, { title: 'Familjen S' });
      const { writer, watcher, stored } = await meeting(board, first);
      addCard(writer.doc, { section: 'strengths', author: 'f', text: 'Mormor' });
      await stored((doc) => docTexts(doc).length === 1);
      const version = await saveVersion(board, 'Möte 1', first);
      const exported = await exportOf(board, `/versions/${version.id}/export.json`, first);
      expect(cardTexts(exported)).toEqual(['Mormor']);
      writer.destroy();
      watcher.destroy();
      await first.close();

      second = await startTestServer({ dataDir });
      expect(await listVersions(board, board.tokens.viewer, second)).toEqual([version]);
      const again = await exportOf(board, `/versions/${version.id}/export.json`, second);
      expect(map(again)).toEqual(map(exported));
    } finally {
      await first.close();
      await second?.close();
    }
  });

  it('erases every version with its board: 404 after, and no byte of them in the data directory', async () => {
    const marker = `VERSION-RADERA-${Date.now()}`;
    const board = await createBoard(server.url, { title: 'Familjen D' });
    const { writer, stored } = await meeting(board);
    const card = addCard(writer.doc, {
      section: 'complicating-factors',
      author: 'f',
      text: `Kort ${marker}`,
    });
    await stored((doc) => docTexts(doc).length === 1);
    // The label is only ever in the versions table.
    const version = await saveVersion(board, `Möte ${marker}`);
    deleteCard(writer.doc, card);
    await stored((doc) => docTexts(doc).length === 0);
    expect(cardTexts(await exportOf(board, '/export.json'))).toEqual([]);
    expect(cardTexts(await exportOf(board, `/versions/${version.id}/export.json`))).toEqual([
      `Kort ${marker}`,
    ]);
    // The search works: before the delete, it finds the version.
    expect(filesContaining(server.dataDir, `Möte ${marker}`)).not.toEqual([]);

    const deleted = await api(`/${board.id}`, board.tokens.facilitator, { method: 'DELETE' });
    expect(deleted.status).toBe(204);
    for (const path of [
      '/versions',
      `/versions/${version.id}/export.json`,
      `/versions/${version.id}/export.md`,
      `/versions/${version.id}/update`,
    ]) {
      const answer = await api(`/${board.id}${path}`, board.tokens.facilitator);
      expect({ path, status: answer.status }).toEqual({ path, status: 404 });
    }
    expect(filesContaining(server.dataDir, marker)).toEqual([]);
  });
});

describe('with several instances', () => {
  it('a restore on one instance reaches clients on another, and no log line names a label', async () => {
    const group = await startScaleOut();
    const here: BoardClient[] = [];
    try {
      const [first, second] = await Promise.all([group.spawn(), group.spawn()]);
      const board = await createBoard(first.url, { title: 'Familjen P' });
      // The meeting is on the second instance; the first has never loaded the board.
      const { writer, watcher, stored } = await meeting(board, second);
      here.push(writer, watcher);
      const old = addCard(writer.doc, { section: 'strengths', author: 'f', text: 'Mormor' });
      await stored((doc) => docTexts(doc).length === 1);
      const secret = `HEMLIG-${Date.now()}`;
      const version = await saveVersion(board, `Möte 1 ${secret}`, first);
      expect(
        cardTexts(await exportOf(board, `/versions/${version.id}/export.json`, first)),
      ).toEqual(['Mormor']);

      deleteCard(writer.doc, old);
      addCard(writer.doc, { section: 'next-steps', author: 'f', text: 'Senare' });
      await stored((doc) => docTexts(doc).join() === 'Senare');
      const response = await api(
        `/${board.id}/versions/${version.id}/restore`,
        board.tokens.facilitator,
        { method: 'POST', on: first },
      );
      expect(response.status).toBe(200);
      await stored((doc) => docTexts(doc).join() === 'Mormor');
      expect(listAllCards(writer.doc).map((card) => card.id)).toEqual([old]);
      const listed = await listVersions(board, board.tokens.participant, second);
      expect(listed.map((each) => each.label)).toEqual([
        `Möte 1 ${secret}`,
        `Före återställning till «Möte 1 ${secret}»`,
      ]);

      const lines = [...first.output, ...second.output];
      expect(lines.filter((line) => line.includes(secret))).toEqual([]);
      expect(lines.some((line) => line.includes('"version saved"'))).toBe(true);
      expect(lines.some((line) => line.includes('"version restored"'))).toBe(true);
    } finally {
      for (const client of here) client.destroy();
      await group.cleanup();
    }
  });
});
