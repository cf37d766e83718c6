/**
 * @module The y-websocket protocol for one incoming message: a pure function of
 * (room, connection, bytes). Envelope decoding and replies use y-protocols and lib0.
 */
import * as decoding from 'lib0/decoding';
import * as syncProtocol from 'y-protocols/sync';
import { CloseCode } from '../../shared/protocol';
import { canWrite } from '../../shared/roles';
import { ClientError, type Connection } from './connection';
import { encodeAwarenessMessage, MessageType } from './encode';
import type { Room } from './room';

/**
 * What a message cost the server, for the rate limit: `echo` is presence that changed nothing
 * (PRESENCE_ECHO_MESSAGES says why those count for little).
 */
export type Handled = 'work' | 'echo';

/**
 * Handles one binary message. Throws ClientError for anything that is not a valid message;
 * the caller closes that connection and nothing else is affected.
 */
export function handleMessage(room: Room, connection: Connection, message: Uint8Array): Handled {
  try {
    const decoder = decoding.createDecoder(message);
    const type = decoding.readVarUint(decoder);
    switch (type) {
      case MessageType.Sync:
        handleSyncMessage(room, connection, decoder);
        return 'work';
      case MessageType.Awareness:
        return room.applyAwareness(connection, decoding.readVarUint8Array(decoder))
          ? 'work'
          : 'echo';
      case MessageType.QueryAwareness:
        connection.send(
          encodeAwarenessMessage(room.awareness, [...room.awareness.getStates().keys()]),
        );
        return 'work';
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
    case syncProtocol.messageYjsSyncStep1:
      room.answerSyncStep1(connection, decoding.readVarUint8Array(decoder));
      return;
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
