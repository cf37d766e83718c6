/** @module Y.Docs the server makes for itself. */
import * as Y from 'yjs';

/**
 * A doc named by the id of what it holds (a board or a version). Without a guid, Yjs makes a random
 * one a character at a time, each from `crypto.getRandomValues`: 0.1–0.3 ms here, longer than
 * loading a small board. A guid only names subdocuments, which boards do not have; no client
 * ever sees it.
 */
export function serverDoc(id: string): Y.Doc {
  return new Y.Doc({ guid: id });
}

/** A server doc with `updates` applied in one transaction. Destroyed again if one will not apply. */
export function docOfUpdates(id: string, updates: readonly Uint8Array[]): Y.Doc {
  const doc = serverDoc(id);
  try {
    doc.transact(() => {
      for (const update of updates) Y.applyUpdate(doc, update);
    });
    return doc;
  } catch (error) {
    doc.destroy();
    throw error;
  }
}

/** Reads a doc made of `updates` and destroys it afterwards. */
export function readDocOf<T>(
  id: string,
  updates: readonly Uint8Array[],
  read: (doc: Y.Doc) => T,
): T {
  const doc = docOfUpdates(id, updates);
  try {
    return read(doc);
  } finally {
    doc.destroy();
  }
}
