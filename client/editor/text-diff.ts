/** @module Pure text editing for the card editor: a typed change as one splice, remote changes mapped onto the caret. */
import type * as Y from 'yjs';

/** One splice: at `index`, remove `remove` characters, then insert `insert`. */
export interface TextDiff {
  index: number;
  remove: number;
  insert: string;
}

/** A caret (start === end) or selection, in UTF-16 code units like Y.Text and <textarea>. */
export interface TextSelection {
  start: number;
  end: number;
}

/** The changes of one Y.Text transaction, as `YTextEvent.delta` gives them. */
export type TextDelta = Y.YTextEvent['delta'];

/**
 * The smallest single splice that turns `before` into `after`.
 *
 * Common prefix and suffix alone cannot tell where "a" was typed into "aa"; `caret` (where the
 * caret is in `after`, i.e. `selectionEnd` after the input) settles it, because typed or pasted
 * text always ends at the caret and a deletion leaves the caret where it was. Without a hint the
 * change is placed as far right as possible. Whatever the hint, the splice turns `before` into
 * `after`; the hint only decides which of several equally small splices it is, which matters
 * when someone else is typing nearby.
 */
export function diffText(before: string, after: string, caret?: number): TextDiff {
  const shortest = Math.min(before.length, after.length);
  let prefix = 0;
  let suffix = 0;
  if (caret === undefined) {
    prefix = commonPrefix(before, after, shortest);
    suffix = commonSuffix(before, after, shortest - prefix);
  } else {
    // The text after the caret is untouched, so match it from the end first.
    const afterCaret = after.length - Math.min(after.length, Math.max(0, Math.trunc(caret)));
    suffix = commonSuffix(before, after, Math.min(shortest, afterCaret));
    prefix = commonPrefix(before, after, shortest - suffix);
  }
  // Never cut between the two halves of a surrogate pair (an emoji, say): Yjs would store a
  // replacement character there, and the family's words must arrive exactly as written.
  if (prefix > 0 && isHighSurrogate(before.charCodeAt(prefix - 1))) prefix -= 1;
  if (suffix > 0 && isLowSurrogate(after.charCodeAt(after.length - suffix))) suffix -= 1;
  return {
    index: prefix,
    remove: before.length - prefix - suffix,
    insert: after.slice(prefix, after.length - suffix),
  };
}

/**
 * Applies a splice to a Y.Text as this user's own edit: one transaction (so it travels and is
 * undone as one change) and no origin, so a Y.UndoManager with default tracked origins counts it.
 */
export function applyDiff(text: Y.Text, diff: TextDiff): void {
  if (diff.remove === 0 && diff.insert === '') return;
  const splice = () => {
    if (diff.remove > 0) text.delete(diff.index, diff.remove);
    if (diff.insert !== '') text.insert(diff.index, diff.insert);
  };
  if (text.doc === null) splice();
  else text.doc.transact(splice);
}

/**
 * Where a caret or selection is after someone else's change.
 *
 * Each end stays next to the character on its right, as a Y.RelativePosition made with
 * `createRelativePositionFromTypeIndex(text, index)` does — the convention of y-prosemirror and
 * y-codemirror. So text another person inserts exactly at my caret lands before it and my caret
 * moves right, and the next letter I type follows their words rather than splitting them. When
 * the character to the right is deleted, the end moves to where it was.
 */
export function transformSelection(delta: TextDelta, selection: TextSelection): TextSelection {
  return {
    start: transformIndex(delta, selection.start),
    end: transformIndex(delta, selection.end),
  };
}

/**
 * Maps a position through a delta. `stick` says which neighbour it stays with when text is
 * inserted exactly there: 'right' (the caret convention above) or 'left'.
 */
function transformIndex(
  delta: TextDelta,
  index: number,
  stick: 'left' | 'right' = 'right',
): number {
  let mapped = index;
  // Walk the delta in the old text's coordinates: retains and deletes advance, inserts do not.
  let position = 0;
  for (const change of delta) {
    if (change.retain !== undefined) {
      position += change.retain;
    } else if (change.delete !== undefined) {
      if (index > position) mapped -= Math.min(change.delete, index - position);
      position += change.delete;
    } else if (change.insert !== undefined) {
      const length = typeof change.insert === 'string' ? change.insert.length : 1;
      if (position < index || (position === index && stick === 'right')) mapped += length;
    }
    if (position > index) break;
  }
  return mapped;
}

/**
 * Moves a splice made against an older text onto the text after `deltas` (others' changes,
 * oldest first). Their inserts at either edge of the removed range are kept. Words someone put
 * inside the very range that this splice removes go with it: that needs a selection replaced
 * during one IME composition while someone else types inside it.
 */
export function rebaseDiff(diff: TextDiff, deltas: readonly TextDelta[]): TextDiff {
  let start = diff.index;
  let end = diff.index + diff.remove;
  for (const delta of deltas) {
    start = transformIndex(delta, start, 'right');
    end = transformIndex(delta, end, 'left');
  }
  return { index: start, remove: Math.max(0, end - start), insert: diff.insert };
}

function commonPrefix(a: string, b: string, limit: number): number {
  let length = 0;
  while (length < limit && a.charCodeAt(length) === b.charCodeAt(length)) length += 1;
  return length;
}

function commonSuffix(a: string, b: string, limit: number): number {
  let length = 0;
  while (
    length < limit &&
    a.charCodeAt(a.length - 1 - length) === b.charCodeAt(b.length - 1 - length)
  ) {
    length += 1;
  }
  return length;
}

function isHighSurrogate(code: number): boolean {
  return code >= 0xd800 && code <= 0xdbff;
}

function isLowSurrogate(code: number): boolean {
  return code >= 0xdc00 && code <= 0xdfff;
}
