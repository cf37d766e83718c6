/**
 * @module The y-websocket protocol for one incoming message: a pure function of
 * (room, connection, bytes). Envelope decoding and replies use y-protocols and lib0.
 */
import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import * as syncProtocol from 'y-protocols/sync';
import { CloseCode } from '../../shared/protocol';
import { canWrite } from '../../shared/roles';
import { ClientError, type Connection } from './connection';
import { encodeAwarenessMessage, MessageType } from './encode';
import type { Room } from './room';

/**
 * Handles one binary message. Throws ClientError for anything that is not a valid message;
 * the caller closes that connection and nothing else is affected.
 */
export function handleMessage(room: Room, connection: Connection, message: Uint8Array): void {
  try {
    const decoder = decoding.createDecoder(message);
    const type = decoding.readVarUint(decoder);
    switch (type) {
      case MessageType.Sync:
        handleSyncMessage(room, connection, decoder);
        return;
      case MessageType.Awareness:
        room.applyAwareness(connection, decoding.readVarUint8Array(decoder));
        return;
      case MessageType.QueryAwareness:
        connection.send(
          encodeAwarenessMessage(room.awareness, [...room.awareness.getStates().keys()]),
        );
        return;
      default:
        throw new ClientError(CloseCode.BadMessage, 'Unknown message type.');
    }
  } catch (error) {
    if (error instanceof ClientError) throw error;
    // lib0 and Yjs throw plain errors (or RangeError) on truncated or malformed input.
    throw new ClientError(CloseCode.BadMessage, 'The message could not be read.');
  }
}

function handleSyncMessage(room: Room, connection: Connection, decoder: decoding.Decoder): void {
  const syncType = decoding.readVarUint(decoder);
  switch (syncType) {
    case syncProtocol.messageYjsSyncStep1: {
      const reply = encoding.createEncoder();
      encoding.writeVarUint(reply, MessageType.Sync);
      syncProtocol.readSyncStep1(decoder, reply, room.doc);
      room.sendWhenDurable(connection, encoding.toUint8Array(reply));
      return;
    }
    case syncProtocol.messageYjsSyncStep2:
    case syncProtocol.messageYjsUpdate: {
      const update = decoding.readVarUint8Array(decoder);
      // A viewer may read the board, never change it: its writes are dropped, it stays connected.
      if (canWrite(connection.role)) room.applyClientUpdate(connection, update);
      return;
    }
    default:
      throw new ClientError(CloseCode.BadMessage, 'Unknown sync message type.');
  }
}
