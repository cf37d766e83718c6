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
