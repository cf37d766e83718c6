/** @module Outgoing y-websocket messages, encoded with y-protocols and lib0 (never by hand). */
import * as encoding from 'lib0/encoding';
import * as awarenessProtocol from 'y-protocols/awareness';
import * as syncProtocol from 'y-protocols/sync';
import * as Y from 'yjs';

/** Top-level message types of the y-websocket protocol. */
export const MessageType = { Sync: 0, Awareness: 1, Auth: 2, QueryAwareness: 3 } as const;

export function encodeSyncStep1Message(doc: Y.Doc): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, MessageType.Sync);
  syncProtocol.writeSyncStep1(encoder, doc);
  return encoding.toUint8Array(encoder);
}

/**
 * The board as stored: the doc's state as an update, without the structs Yjs holds back for
 * missing dependencies (`Y.encodeStateAsUpdate` adds those). They are no part of the board until
 * they integrate, and then they are stored and relayed like any change. Given to a fresh doc now
 * they may integrate where the room's cannot (a forged origin that duplicates an integrated struct,
 * found by the fuzz test), and that doc would show what the store never gets.
 */
export function encodeBoardState(doc: Y.Doc, stateVector?: Uint8Array): Uint8Array {
  const store = doc.store;
  const { pendingStructs, pendingDs } = store;
  store.pendingStructs = null;
  store.pendingDs = null;
  try {
    return Y.encodeStateAsUpdate(doc, stateVector);
  } finally {
    store.pendingStructs = pendingStructs;
    store.pendingDs = pendingDs;
  }
}

/** The reply to a SyncStep1: what the client lacks of the board (`encodeBoardState`). */
export function encodeSyncStep2Message(doc: Y.Doc, stateVector: Uint8Array): Uint8Array {
  return encodeStoredSyncStep2Message(encodeBoardState(doc, stateVector));
}

/** A SyncStep2 carrying an update as it is, e.g. a stored snapshot. */
export function encodeStoredSyncStep2Message(update: Uint8Array): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, MessageType.Sync);
  encoding.writeVarUint(encoder, syncProtocol.messageYjsSyncStep2);
  encoding.writeVarUint8Array(encoder, update);
  return encoding.toUint8Array(encoder);
}

export function encodeUpdateMessage(update: Uint8Array): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, MessageType.Sync);
  syncProtocol.writeUpdate(encoder, update);
  return encoding.toUint8Array(encoder);
}

export function encodeAwarenessMessage(
  awareness: awarenessProtocol.Awareness,
  clients: number[],
): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, MessageType.Awareness);
  encoding.writeVarUint8Array(encoder, awarenessProtocol.encodeAwarenessUpdate(awareness, clients));
  return encoding.toUint8Array(encoder);
}
