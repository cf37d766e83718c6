/**
 * @module The SQLite store's update log: an append-only file of its own in front of the database.
 * Each event-loop turn's appends are one record and ONE `write` (no SQLite statement, lock or page
 * touched per update); the store folds the log into the database in batches and then empties it.
 * A record that reached the file survives a crash or `kill -9` of the process, as a WAL commit
 * with `synchronous = NORMAL` does (neither is promised to survive a power cut).
 *
 * A record on disk: its payload's length (uint32), the payload's CRC-32 (uint32), the payload
 * (lib0: a count, then per entry the board id, its sequence number and the update). Reading stops
 * at the first record that is cut short or whose checksum does not match: a write the process did
 * not finish.
 */
import { closeSync, fstatSync, ftruncateSync, openSync, readFileSync, writeSync } from 'node:fs';
import { crc32 } from 'node:zlib';
import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';

/** One stored update of one board. */
export interface LogEntry {
  boardId: string;
  seq: number;
  update: Uint8Array;
}

/** Length and checksum, each a uint32. */
const HEADER_BYTES = 8;
const CLOSED = 'The store is closed.';

export class UpdateLog {
  /** Bytes of whole records in the file; a failed write is cut back to this. */
  private size: number;
  /** Closed, or a failed write could not be cut off: nothing more may be written. */
  private unusable: string | undefined;

  private constructor(
    /** Null: a store in memory, which has no file to write. */
    private readonly fd: number | null,
    size: number,
  ) {
    this.size = size;
  }

  /**
   * Opens (creating, owner-only) the log at `file`, or a log without a file when `file` is null.
   * Returns the entries of the whole records already in it, oldest first, and cuts off a torn end.
   */
  static open(file: string | null): { log: UpdateLog; entries: LogEntry[] } {
    if (file === null) return { log: new UpdateLog(null, 0), entries: [] };
    // 'a+': every write lands at the end, and the file is created when missing.
    const fd = openSync(file, 'a+', 0o600);
    try {
      const { entries, wholeBytes } = readRecords(readFileSync(fd));
      if (fstatSync(fd).size !== wholeBytes) ftruncateSync(fd, wholeBytes);
      return { log: new UpdateLog(fd, wholeBytes), entries };
    } catch (error) {
      closeSync(fd);
      throw error;
    }
  }

  /** Writes the entries as one record; when this returns, they are in the file. */
  append(entries: readonly LogEntry[]): void {
    if (this.unusable) throw new Error(this.unusable);
    if (this.fd === null || entries.length === 0) return;
    const record = encodeRecord(entries);
    try {
      let written = 0;
      while (written < record.byteLength) {
        written += writeSync(this.fd, record, written);
      }
    } catch (error) {
      // A part-written record would stop every later one from being read: cut it off.
      try {
        ftruncateSync(this.fd, this.size);
      } catch {
        this.unusable = 'The update log could not be repaired after a failed write.';
      }
      throw error;
    }
    this.size += record.byteLength;
  }

  /** Empties the file, once everything in it is in the database. */
  clear(): void {
    if (this.fd === null || this.size === 0) return;
    ftruncateSync(this.fd, 0);
    this.size = 0;
  }

  /** Safe to call more than once. Appends after it throw (the descriptor may be reused). */
  close(): void {
    if (this.unusable === CLOSED) return;
    this.unusable = CLOSED;
    if (this.fd !== null) closeSync(this.fd);
  }
}

/** One record: its header is written over the first bytes once the payload is encoded. */
function encodeRecord(entries: readonly LogEntry[]): Uint8Array {
  const encoder = encoding.createEncoder();
  // Room for the header, in one buffer with the payload: one allocation and copy fewer per write.
  encoding.writeUint32(encoder, 0);
  encoding.writeUint32(encoder, 0);
  encoding.writeVarUint(encoder, entries.length);
  for (const entry of entries) {
    encoding.writeVarString(encoder, entry.boardId);
    encoding.writeVarUint(encoder, entry.seq);
    encoding.writeVarUint8Array(encoder, entry.update);
  }
  const record = encoding.toUint8Array(encoder);
  const header = new DataView(record.buffer, record.byteOffset, HEADER_BYTES);
  // lib0's uint32 is little-endian, as readRecords reads it.
  header.setUint32(0, record.byteLength - HEADER_BYTES, true);
  header.setUint32(4, crc32(record.subarray(HEADER_BYTES)), true);
  return record;
}

/** The entries of every whole record from the start of `bytes`, and how many bytes those take. */
function readRecords(bytes: Uint8Array): { entries: LogEntry[]; wholeBytes: number } {
  const entries: LogEntry[] = [];
  let offset = 0;
  while (bytes.byteLength - offset >= HEADER_BYTES) {
    const header = decoding.createDecoder(bytes.subarray(offset, offset + HEADER_BYTES));
    const length = decoding.readUint32(header);
    const checksum = decoding.readUint32(header);
    const end = offset + HEADER_BYTES + length;
    if (end > bytes.byteLength) break;
    const body = bytes.subarray(offset + HEADER_BYTES, end);
    // Zeros (a file extended but never written, after a power cut) pass the checksum of an empty
    // payload; no record is empty.
    if (length === 0 || crc32(body) !== checksum) break;
    const record = decodeRecord(body);
    if (!record) break;
    entries.push(...record);
    offset = end;
  }
  return { entries, wholeBytes: offset };
}

/** A record's entries, or undefined when its payload does not read as one. */
function decodeRecord(body: Uint8Array): LogEntry[] | undefined {
  const entries: LogEntry[] = [];
  try {
    const decoder = decoding.createDecoder(body);
    const count = decoding.readVarUint(decoder);
    for (let i = 0; i < count; i++) {
      const boardId = decoding.readVarString(decoder);
      const seq = decoding.readVarUint(decoder);
      // A copy: the file's buffer is dropped once read.
      const update = decoding.readVarUint8Array(decoder).slice();
      entries.push({ boardId, seq, update });
    }
  } catch {
    return undefined;
  }
  return entries;
}
