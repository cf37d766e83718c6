/** @module The HTTP API (SPEC §4.1) through app.request, over a real SQLite store. */
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../server/app';
import { createLogger } from '../../server/log';
import { createMetrics } from '../../server/metrics';
import { openSqliteStore } from '../../server/store/sqlite';
import type { BoardStore } from '../../server/store/types';
import { Rooms } from '../../server/sync/rooms';
import { SECTIONS } from '../../shared/sections';
import { tempDir } from '../helpers/server';

let store: BoardStore;
let app: ReturnType<typeof createApp>;
let keyedApp: ReturnType<typeof createApp>;

beforeAll(() => {
  store = openSqliteStore(join(tempDir(), 'samkarta.db'));
  const log = createLogger('silent');
  const rooms = new Rooms({ store, log, maxBoardBytes: 1024 * 1024 });
  const metrics = createMetrics({
    storedBytes: () => store.storedBytes(),
    roomsLoaded: () => rooms.loadedCount,
  });
  const deps = {
    store,
    rooms,
    log,
    metrics,
    publicUrl: 'https://samkarta.example',
    createKey: undefined,
  };
  app = createApp(deps);
  keyedApp = createApp({ ...deps, createKey: 'the-create-key' });
});
afterAll(() => store.close());

const json = (body: unknown, headers: Record<string, string> = {}) => ({
  method: 'POST',
  headers: { 'content-type': 'application/json', ...headers },
  body: JSON.stringify(body),
});
const bearer = (token: string) => ({ headers: { authorization: `Bearer ${token}` } });

async function create(title = 'Familjen A', language?: 'sv' | 'en') {
  const response = await app.request('/api/boards', json({ title, language }));
  expect(response.status).toBe(201);
  return (await response.json()) as {
    id: string;
    tokens: Record<'facilitator' | 'participant' | 'viewer', string>;
    links: Record<'facilitator' | 'participant' | 'viewer', string>;
  };
}

describe('POST /api/boards', () => {
  it('creates a board with three role tokens and links that carry the token in the fragment', async () => {
    const board = await create();
    expect(board.id).toMatch(/^[\w-]{10,}$/);
    const tokens = Object.values(board.tokens);
    expect(new Set(tokens).size).toBe(3);
    // At least 128 random bits: base64url of 32 bytes is 43 characters.
    for (const token of tokens) expect(token).toMatch(/^[\w-]{43}$/);
    for (const role of ['facilitator', 'participant', 'viewer'] as const) {
      expect(board.links[role]).toBe(
        `https://samkarta.example/b/${board.id}#k=${board.tokens[role]}`,
      );
    }
  });

  it('refuses a missing or empty title, and a body that is not JSON, with a readable sentence', async () => {
    for (const body of [{}, { title: '   ' }, { title: 42 }, { title: 'ok', language: 'de' }]) {
      const response = await app.request('/api/boards', json(body));
      expect(response.status).toBe(400);
      const { error } = (await response.json()) as { error: string };
      expect(error).toMatch(/^[A-Z].*\.$/);
    }
    const notJson = await app.request('/api/boards', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{"title":',
    });
    expect(notJson.status).toBe(400);
    expect(await notJson.json()).toEqual({ error: 'The request body must be JSON.' });
  });

  it('refuses an oversized body with 413', async () => {
    const response = await app.request('/api/boards', json({ title: 'x'.repeat(200 * 1024) }));
    expect(response.status).toBe(413);
    expect(await response.json()).toEqual({ error: 'The request body is too large.' });
  });

  it('needs CREATE_KEY as bearer token when one is set', async () => {
    expect((await keyedApp.request('/api/boards', json({ title: 'A' }))).status).toBe(401);
    const wrong = await keyedApp.request(
      '/api/boards',
      json({ title: 'A' }, { authorization: 'Bearer nope' }),
    );
    expect(wrong.status).toBe(401);
    const right = await keyedApp.request(
      '/api/boards',
      json({ title: 'A' }, { authorization: 'Bearer the-create-key' }),
    );
    expect(right.status).toBe(201);
  });
});

describe('GET /api/boards/:id', () => {
  it('answers the role of each token', async () => {
    const board = await create('Familjen B');
    for (const role of ['facilitator', 'participant', 'viewer'] as const) {
      const response = await app.request(`/api/boards/${board.id}`, bearer(board.tokens[role]));
      expect(response.status).toBe(200);
      const body = (await response.json()) as Record<string, unknown>;
      expect(body).toMatchObject({ id: board.id, title: 'Familjen B', role });
      expect(typeof body.createdAt).toBe('number');
      expect(body.language).toBe('sv');
      expect(response.headers.get('cache-control')).toBe('no-store');
    }
  });

  it('answers 401 for a missing or wrong token and 404 for an unknown board', async () => {
    const board = await create();
    const other = await create();
    expect((await app.request(`/api/boards/${board.id}`)).status).toBe(401);
    expect((await app.request(`/api/boards/${board.id}`, bearer('wrong'))).status).toBe(401);
    // A token of another board is no key to this one.
    expect(
      (await app.request(`/api/boards/${board.id}`, bearer(other.tokens.facilitator))).status,
    ).toBe(401);
    const unknown = await app.request('/api/boards/nope', bearer(board.tokens.facilitator));
    expect(unknown.status).toBe(404);
    expect(await unknown.json()).toEqual({ error: 'There is no such board.' });
  });
});

describe('exports', () => {
  it('export.json has the board in the SPEC §4.4 shape, for every role', async () => {
    const board = await create('Familjen C', 'en');
    const response = await app.request(
      `/api/boards/${board.id}/export.json`,
      bearer(board.tokens.viewer),
    );
    expect(response.status).toBe(200);
    const exported = (await response.json()) as Record<string, unknown> & {
      sections: { id: string }[];
      scales: { id: string }[];
    };
    expect(exported).toMatchObject({
      id: board.id,
      title: 'Familjen C',
      template: 'mapping',
      language: 'en',
    });
    expect(exported.sections.map((section) => section.id)).toEqual(
      SECTIONS.map((section) => section.id),
    );
    expect(exported.scales.map((scale) => scale.id)).toEqual(['safety']);
  });

  it('export.md is markdown in the board language', async () => {
    const board = await create('Familjen D', 'sv');
    const response = await app.request(
      `/api/boards/${board.id}/export.md`,
      bearer(board.tokens.participant),
    );
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('text/markdown; charset=utf-8');
    const markdown = await response.text();
    expect(markdown).toContain('Familjen D');
    expect(markdown).toContain('Vilken oro finns?');
  });
});

describe('operations endpoints and headers', () => {
  it('GET /healthz answers ok', async () => {
    const response = await app.request('/healthz');
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ ok: true });
  });

  it('GET /metrics is Prometheus text with rooms, connections, messages and stored bytes', async () => {
    await create();
    const text = await (await app.request('/metrics')).text();
    for (const name of [
      'samkarta_rooms_loaded',
      'samkarta_connections',
      'samkarta_messages_in_total',
      'samkarta_messages_out_total',
      'samkarta_bytes_stored',
    ]) {
      expect(text).toContain(name);
    }
    expect(text).toMatch(/samkarta_bytes_stored [1-9]\d*/);
  });

  it('sends no referrer, forbids framing and sets a content security policy', async () => {
    const response = await app.request('/healthz');
    expect(response.headers.get('referrer-policy')).toBe('no-referrer');
    expect(response.headers.get('x-frame-options')).toBe('DENY');
    expect(response.headers.get('x-content-type-options')).toBe('nosniff');
    expect(response.headers.get('content-security-policy')).toContain("frame-ancestors 'none'");
    expect(response.headers.get('permissions-policy')).toContain('camera=()');
  });

  it('allows scripts, connections and workers from this origin only, and no eval', async () => {
    const policy = (await app.request('/healthz')).headers.get('content-security-policy') ?? '';
    const directives = new Map(
      policy.split(';').map((part) => {
        const [name = '', ...values] = part.trim().split(/\s+/);
        return [name, values];
      }),
    );
    expect(directives.get('default-src')).toEqual(["'self'"]);
    expect(directives.get('connect-src')).toEqual(["'self'"]);
    // No inline styles either: React and Konva set styles through the CSSOM, which CSP allows.
    expect(directives.get('style-src')).toEqual(["'self'"]);
    expect(directives.get('object-src')).toEqual(["'none'"]);
    expect(directives.get('base-uri')).toEqual(["'none'"]);
    // No script-src or worker-src of their own: both fall back to default-src 'self'.
    expect(directives.has('script-src') || directives.has('worker-src')).toBe(false);
    expect(policy).not.toContain('unsafe-eval');
  });

  it('answers a failure inside the server with a sentence, never its details', async () => {
    const broken = Object.assign(Object.create(store) as BoardStore, {
      getBoard: () =>
        Promise.reject(new Error('SQLITE_CORRUPT at /srv/samkarta/data/samkarta.db page 42')),
    });
    const log = createLogger('silent');
    const brokenApp = createApp({
      store: broken,
      rooms: new Rooms({ store: broken, log, maxBoardBytes: 1024 }),
      log,
      metrics: createMetrics({ storedBytes: async () => 0, roomsLoaded: () => 0 }),
      publicUrl: undefined,
      createKey: undefined,
    });
    const response = await brokenApp.request('/api/boards/some-board', bearer('some-token'));
    expect(response.status).toBe(500);
    expect(await response.text()).toBe('{"error":"Something went wrong on the server."}');
  });

  it('answers unknown API paths with a JSON 404', async () => {
    const response = await app.request('/api/nothing-here');
    expect(response.status).toBe(404);
    expect(await response.json()).toEqual({ error: 'There is no such API endpoint.' });
  });
});
