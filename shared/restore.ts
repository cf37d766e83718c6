/** @module Restores a saved version as the live board, by edits that merge with anyone typing meanwhile. */
import { simpleDiffString } from 'lib0/diff';
import { equalityDeep } from 'lib0/function';
import * as Y from 'yjs';
import { cardsMap, metaMap, participantsMap, scalesMap } from './board';

/**
 * Makes `doc`'s cards, scales (with their ratings) and title equal those of `version`, in one
 * transaction with `origin`. The live document is edited rather than replaced: cards keep their
 * ids, a card deleted since the version comes back under its old id, and a changed text gets one
 * splice, so someone typing in that card right now keeps their letters and every client merges
 * the restore like any other edit. Every field is copied as the version has it — the optional
 * ones of SPEC §4.3 (agree, pair, owner, due, status, statement, hidden) and ones this client does
 * not know — and a field the version lacks is deleted. Participants are kept: the restored cards
 * and markers may be by people who joined since, and those who took part then are added back.
 * The board's language, template and creation time stay as they are.
 */
export function restoreBoard(doc: Y.Doc, version: Y.Doc, origin?: unknown): void {
  doc.transact(() => {
    syncMap(cardsMap(doc), cardsMap(version));
    syncMap(scalesMap(doc), scalesMap(version));
    syncKey(metaMap(doc), metaMap(version), 'title');
    const participants = participantsMap(doc);
    for (const [id, participant] of participantsMap(version)) {
      if (!(participants.get(id) instanceof Y.Map)) participants.set(id, copy(participant));
    }
  }, origin);
}

/** Makes `live` hold the keys and values of `saved`, editing nested maps and texts in place. */
function syncMap(live: Y.Map<unknown>, saved: Y.Map<unknown>): void {
  for (const key of [...live.keys()]) {
    if (!saved.has(key)) live.delete(key);
  }
  for (const key of saved.keys()) syncKey(live, saved, key);
}

function syncKey(live: Y.Map<unknown>, saved: Y.Map<unknown>, key: string): void {
  if (!saved.has(key)) {
    if (live.has(key)) live.delete(key);
    return;
  }
  const want = saved.get(key);
  const have = live.get(key);
  if (want instanceof Y.Map && have instanceof Y.Map) {
    syncMap(have, want);
  } else if (want instanceof Y.Text && have instanceof Y.Text) {
    syncText(have, want.toString());
  } else if (want instanceof Y.AbstractType || have instanceof Y.AbstractType) {
    // Another kind of shared type (or a type where there was a plain value): replace it whole,
    // unless it already holds the same content.
    const same =
      want instanceof Y.AbstractType &&
      have instanceof Y.AbstractType &&
      want.constructor === have.constructor &&
      equalityDeep(want.toJSON(), have.toJSON());
    if (!same) live.set(key, copy(want));
  } else if (!live.has(key) || !equalityDeep(have, want)) {
    live.set(key, want);
  }
}

/** One splice from the common start and end: the smallest edit for the usual one-place change. */
function syncText(text: Y.Text, wanted: string): void {
  const { index, remove, insert } = simpleDiffString(text.toString(), wanted);
  if (remove > 0) text.delete(index, remove);
  if (insert !== '') text.insert(index, insert);
}

/** A value from another document, ready to insert here: shared types cannot live in two docs. */
function copy(value: unknown): unknown {
  return value instanceof Y.AbstractType ? value.clone() : value;
}
