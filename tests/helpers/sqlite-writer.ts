/**
 * @module Test helper run as a child process: appends to a SQLite store and is then killed with
 * SIGKILL, without closing the store, the way a crashed server leaves its files.
 * Arguments: the database file, the board id, then the updates as hex. With `--create` before
 * them, it creates the board first (its first update is the first given).
 * Prints `stored <seq>` after each append has resolved.
 */
import { createHash } from 'node:crypto';
import { openSqliteStore } from '../../server/store/sqlite';

const hash = (text: string) => createHash('sha256').update(text).digest('hex');

const args = process.argv.slice(2);
const create = args[0] === '--create';
const [file, boardId, ...updates] = create ? args.slice(1) : args;
if (!file || !boardId) throw new Error('usage: sqlite-writer [--create] <file> <board> <hex>…');
const store = openSqliteStore(file);
const bytes = updates.map((hex) => new Uint8Array(Buffer.from(hex, 'hex')));
if (create) {
  const [initial, ...rest] = bytes;
  if (!initial) throw new Error('--create needs a first update');
  await store.createBoard(
    { id: boardId, title: 'Familjen Test', language: 'sv', createdAt: Date.now() },
    { facilitator: hash('f'), participant: hash('p'), viewer: hash('v') },
    initial,
  );
  bytes.splice(0, bytes.length, ...rest);
}
for (const update of bytes) {
  const seq = await store.appendUpdates(boardId, [update]);
  process.stdout.write(`stored ${seq}\n`);
}
process.kill(process.pid, 'SIGKILL');
