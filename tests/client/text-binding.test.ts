/** @module Tests for the card editor's pure text logic: diffs, splices on Y.Text, caret mapping. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import {
  applyDiff,
  diffText,
  rebaseDiff,
  type TextDelta,
  type TextDiff,
  transformSelection,
} from '../../client/editor/text-diff';

function splice(before: string, diff: TextDiff): string {
  return before.slice(0, diff.index) + diff.insert + before.slice(diff.index + diff.remove);
}

/** A Y.Text holding `initial`, in a doc of its own with a fixed client id. */
function textWith(initial: string, clientID = 1): Y.Text {
  const doc = new Y.Doc();
  doc.clientID = clientID;
  const text = doc.getText('card');
  text.insert(0, initial);
  return text;
}

/** A second doc with the same text, whose changes are sent to the first only when asked. */
function peerOf(text: Y.Text, clientID = 2): Y.Text {
  const doc = new Y.Doc();
  doc.clientID = clientID;
  if (text.doc === null) throw new Error('The text has no doc.');
  Y.applyUpdate(doc, Y.encodeStateAsUpdate(text.doc));
  return doc.getText('card');
}

/** Delivers everything `from` has to `to`, returning the deltas `to`'s text observed. */
function deliver(from: Y.Text, to: Y.Text): TextDelta[] {
  const deltas: TextDelta[] = [];
  const record = (event: Y.YTextEvent) => deltas.push(event.delta);
  to.observe(record);
  if (from.doc === null || to.doc === null) throw new Error('The texts have no docs.');
  Y.applyUpdate(to.doc, Y.encodeStateAsUpdate(from.doc, Y.encodeStateVector(to.doc)), 'remote');
  to.unobserve(record);
  return deltas;
}

describe('diffText', () => {
  it('finds what was typed where the caret says, even inside repeated letters', () => {
    expect(diffText('aa', 'aaa', 1)).toEqual({ index: 0, remove: 0, insert: 'a' });
    expect(diffText('aa', 'aaa', 2)).toEqual({ index: 1, remove: 0, insert: 'a' });
    expect(diffText('aa', 'aaa', 3)).toEqual({ index: 2, remove: 0, insert: 'a' });
    expect(diffText('mamma', 'mammma', 3)).toEqual({ index: 2, remove: 0, insert: 'm' });
  });

  it('places a deletion at the caret', () => {
    // Backspace after the second "a" of "aaa": the caret is left at 1.
    expect(diffText('aaa', 'aa', 1)).toEqual({ index: 1, remove: 1, insert: '' });
    expect(diffText('aaa', 'aa', 0)).toEqual({ index: 0, remove: 1, insert: '' });
  });

  it('turns a typed-over selection into one splice', () => {
    expect(diffText('abcabc', 'axbc', 2)).toEqual({ index: 1, remove: 3, insert: 'x' });
  });

  it('without a hint puts the change as far right as it can', () => {
    expect(diffText('aa', 'aaa')).toEqual({ index: 2, remove: 0, insert: 'a' });
    expect(diffText('same', 'same')).toEqual({ index: 4, remove: 0, insert: '' });
  });

  it('never splits an emoji in two', () => {
    // 😀 and 😁 share their first UTF-16 unit; the splice must replace the whole character.
    expect(diffText('a😀b', 'a😁b', 3)).toEqual({ index: 1, remove: 2, insert: '😁' });
    expect(diffText('a😀b', 'a😁b')).toEqual({ index: 1, remove: 2, insert: '😁' });
  });

  it('round trips: the splice turns before into after, whatever the caret hint', () => {
    fc.assert(
      fc.property(
        fc.string({ unit: 'grapheme-composite', maxLength: 12 }),
        fc.string({ unit: 'grapheme-composite', maxLength: 12 }),
        fc.option(fc.integer({ min: -2, max: 30 }), { nil: undefined }),
        (before, after, caret) => {
          const diff = diffText(before, after, caret);
          expect(splice(before, diff)).toBe(after);
          expect(diff.index).toBeGreaterThanOrEqual(0);
          expect(diff.remove).toBeGreaterThanOrEqual(0);
        },
      ),
    );
  });

  it('round trips on a Y.Text too, without breaking any character', () => {
    fc.assert(
      fc.property(
        fc.string({ unit: 'binary', maxLength: 12 }),
        fc.string({ unit: 'binary', maxLength: 12 }),
        fc.nat(30),
        (before, after, caret) => {
          const text = textWith(before);
          applyDiff(text, diffText(before, after, caret));
          expect(text.toString()).toBe(after);
        },
      ),
    );
  });

  it('recovers exactly what was typed when the caret ends after it', () => {
    fc.assert(
      fc.property(
        fc.array(fc.constantFrom('a', 'b', 'ö', '😀'), { maxLength: 10 }),
        fc.array(fc.constantFrom('a', 'b', 'ö', '😀'), { minLength: 1, maxLength: 4 }),
        fc.nat(),
        (letters, typedLetters, at) => {
          const position = at % (letters.length + 1);
          const index = letters.slice(0, position).join('').length;
          const before = letters.join('');
          const typed = typedLetters.join('');
          const after = before.slice(0, index) + typed + before.slice(index);
          expect(diffText(before, after, index + typed.length)).toEqual({
            index,
            remove: 0,
            insert: typed,
          });
        },
      ),
    );
  });
});

describe('applyDiff', () => {
  it('sends one update per splice, as this user (no origin), so undo sees it', () => {
    const text = textWith('Pappa dricker');
    const doc = text.doc as Y.Doc;
    const undo = new Y.UndoManager(text);
    const origins: unknown[] = [];
    doc.on('update', (_update: Uint8Array, origin: unknown) => origins.push(origin));
    applyDiff(text, diffText('Pappa dricker', 'Pappa dricker inte', 18));
    undo.stopCapturing();
    applyDiff(text, diffText('Pappa dricker inte', 'Mamma dricker inte', 1));
    expect(origins).toEqual([null, null]);
    expect(text.toString()).toBe('Mamma dricker inte');
    undo.undo();
    expect(text.toString()).toBe('Pappa dricker inte');
  });

  it('leaves the rest of the text alone: a peer sees only the changed characters', () => {
    const text = textWith('Vi är oroliga för att');
    const peer = peerOf(text);
    applyDiff(text, diffText(text.toString(), 'Vi är mycket oroliga för att', 13));
    expect(deliver(text, peer)).toEqual([[{ retain: 6 }, { insert: 'mycket ' }]]);
  });

  it('keeps both people’s words when two editors type into the same card at once', () => {
    const anna = textWith('Mormor hämtar');
    const bo = peerOf(anna);
    // Both type before either hears from the other, as on a slow connection.
    applyDiff(anna, diffText('Mormor hämtar', 'Mormor hämtar på fredagar', 25));
    applyDiff(bo, diffText('Mormor hämtar', 'Mormor Eva hämtar', 11));
    deliver(anna, bo);
    deliver(bo, anna);
    expect(anna.toString()).toBe(bo.toString());
    expect(anna.toString()).toBe('Mormor Eva hämtar på fredagar');
  });

  it('converges and keeps every typed character under any interleaving of two typists', () => {
    // Each typist only inserts (letters of their own alphabet), so nothing may be lost.
    const keystroke = fc.record({
      who: fc.integer({ min: 0, max: 1 }),
      at: fc.nat(),
      letter: fc.nat(25),
      deliverAfter: fc.boolean(),
    });
    fc.assert(
      fc.property(fc.array(keystroke, { maxLength: 40 }), (keystrokes) => {
        const texts = [textWith('..', 1)];
        texts.push(peerOf(texts[0] as Y.Text));
        const typed = ['', ''];
        for (const { who, at, letter, deliverAfter } of keystrokes) {
          const text = texts[who] as Y.Text;
          const before = text.toString();
          const index = at % (before.length + 1);
          const char = String.fromCharCode((who === 0 ? 97 : 65) + letter);
          applyDiff(
            text,
            diffText(before, before.slice(0, index) + char + before.slice(index), index + 1),
          );
          typed[who] += char;
          if (deliverAfter) deliver(text, texts[1 - who] as Y.Text);
        }
        deliver(texts[0] as Y.Text, texts[1] as Y.Text);
        deliver(texts[1] as Y.Text, texts[0] as Y.Text);
        const result = (texts[0] as Y.Text).toString();
        expect((texts[1] as Y.Text).toString()).toBe(result);
        expect([...result].sort()).toEqual([...`..${typed[0]}${typed[1]}`].sort());
      }),
    );
  });
});

describe('transformSelection', () => {
  it('moves the caret by what others insert before it, and not by what comes after', () => {
    const delta: TextDelta = [{ insert: 'Hej ' }];
    expect(transformSelection(delta, { start: 3, end: 3 })).toEqual({ start: 7, end: 7 });
    expect(transformSelection([{ retain: 5 }, { insert: '!' }], { start: 3, end: 3 })).toEqual({
      start: 3,
      end: 3,
    });
  });

  it('puts others’ words typed exactly at the caret before it (y-prosemirror convention)', () => {
    expect(transformSelection([{ retain: 3 }, { insert: 'xy' }], { start: 3, end: 3 })).toEqual({
      start: 5,
      end: 5,
    });
  });

  it('moves the caret to where deleted text was', () => {
    const delta: TextDelta = [{ retain: 2 }, { delete: 4 }];
    expect(transformSelection(delta, { start: 4, end: 8 })).toEqual({ start: 2, end: 4 });
  });

  /** Letters that are all different, so "the same character" is well defined. */
  const distinctText = fc
    .uniqueArray(fc.constantFrom(...'abcdefghijklmnopqrstuvwxyzåäö'), { maxLength: 20 })
    .map((letters) => letters.join(''));
  const remoteEdit = fc.oneof(
    fc.record({
      kind: fc.constant('insert' as const),
      at: fc.nat(),
      text: fc.string({ unit: fc.constantFrom('1', '2', '3'), minLength: 1, maxLength: 4 }),
    }),
    fc.record({
      kind: fc.constant('delete' as const),
      at: fc.nat(),
      length: fc.integer({ min: 1, max: 4 }),
    }),
  );

  it('keeps a caret next to the same character after others edit elsewhere', () => {
    fc.assert(
      fc.property(
        distinctText,
        fc.nat(),
        fc.array(remoteEdit, { minLength: 1, maxLength: 5 }),
        (initial, at, edits) => {
          const local = textWith(initial);
          const remote = peerOf(local);
          const caret = at % (initial.length + 1);
          const right = initial[caret];
          const left = caret > 0 ? initial[caret - 1] : undefined;
          remote.doc?.transact(() => {
            for (const edit of edits) {
              const index = edit.at % (remote.length + 1);
              if (edit.kind === 'insert') remote.insert(index, edit.text);
              else remote.delete(index, Math.min(edit.length, remote.length - index));
            }
          });
          let selection = { start: caret, end: caret };
          for (const delta of deliver(remote, local))
            selection = transformSelection(delta, selection);
          const after = local.toString();
          expect(selection.start).toBe(selection.end);
          expect(selection.start).toBeGreaterThanOrEqual(0);
          expect(selection.start).toBeLessThanOrEqual(after.length);
          // The letter to the right of the caret, if it survived, is still right of it.
          if (right !== undefined && after.includes(right))
            expect(after[selection.start]).toBe(right);
          // The letter to the left, if it survived, is still somewhere left of it.
          if (left !== undefined && after.includes(left)) {
            expect(after.indexOf(left)).toBeLessThan(selection.start);
          }
        },
      ),
    );
  });

  it('agrees with Yjs’s own relative positions for both ends of any selection', () => {
    fc.assert(
      fc.property(
        distinctText,
        fc.nat(),
        fc.nat(),
        fc.array(remoteEdit, { minLength: 1, maxLength: 5 }),
        (initial, a, b, edits) => {
          const local = textWith(initial);
          const remote = peerOf(local);
          const [start, end] = [a % (initial.length + 1), b % (initial.length + 1)].sort(
            (x, y) => x - y,
          ) as [number, number];
          const anchors = [start, end].map((index) =>
            Y.createRelativePositionFromTypeIndex(local, index),
          );
          for (const edit of edits) {
            const index = edit.at % (remote.length + 1);
            if (edit.kind === 'insert') remote.insert(index, edit.text);
            else remote.delete(index, Math.min(edit.length, remote.length - index));
          }
          let selection = { start, end };
          for (const delta of deliver(remote, local))
            selection = transformSelection(delta, selection);
          const [expectedStart, expectedEnd] = anchors.map(
            (anchor) =>
              Y.createAbsolutePositionFromRelativePosition(anchor, local.doc as Y.Doc)?.index,
          );
          expect(selection).toEqual({ start: expectedStart, end: expectedEnd });
        },
      ),
    );
  });
});

describe('rebaseDiff', () => {
  it('moves a splice made on an old text onto the text after others’ changes', () => {
    const text = textWith('Vi oroar oss');
    const peer = peerOf(text);
    // This person replaced "oroar" (3..8) with "är oroliga" while the peer wrote at both edges.
    const local = diffText('Vi oroar oss', 'Vi är oroliga oss', 13);
    peer.insert(12, ' mycket');
    peer.insert(3, 'alla ');
    const deltas = deliver(peer, text);
    applyDiff(text, rebaseDiff(local, deltas));
    expect(text.toString()).toBe('Vi alla är oroliga oss mycket');
  });
});
