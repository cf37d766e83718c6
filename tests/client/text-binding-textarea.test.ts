/** @module Tests for the textarea binding with a stand-in textarea: typing, remote edits, IME, undo. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { type BindableTextarea, bindTextarea } from '../../client/editor/textarea-binding';

type Listener = (event: Event) => void;

/** Behaves like a focused or unfocused <textarea> as far as the binding can tell. */
class FakeTextarea implements BindableTextarea {
  selectionStart = 0;
  selectionEnd = 0;
  selectionDirection: 'forward' | 'backward' | 'none' | null = 'none';
  scrollTop = 0;
  readonly ownerDocument: { activeElement: unknown } = { activeElement: null };
  private text = '';
  private readonly listeners = new Map<string, Set<Listener>>();

  get value(): string {
    return this.text;
  }

  // Like a browser: a new value from script puts the caret at the end.
  set value(value: string) {
    if (value === this.text) return;
    this.text = value;
    this.selectionStart = value.length;
    this.selectionEnd = value.length;
  }

  focus(): void {
    this.ownerDocument.activeElement = this;
  }

  setSelectionRange(start: number, end: number): void {
    this.selectionStart = Math.min(start, this.text.length);
    this.selectionEnd = Math.min(end, this.text.length);
  }

  addEventListener(type: string, listener: Listener): void {
    const set = this.listeners.get(type) ?? new Set();
    set.add(listener);
    this.listeners.set(type, set);
  }

  removeEventListener(type: string, listener: Listener): void {
    this.listeners.get(type)?.delete(listener);
  }

  /** Types (or pastes) over the selection, as a keyboard would. */
  type(typed: string, options: { composing?: boolean } = {}): void {
    this.edit(typed, this.selectionStart, this.selectionEnd, options.composing ?? false);
  }

  backspace(): void {
    const { selectionStart: start, selectionEnd: end } = this;
    // A whole character: both halves of an emoji go together.
    const previous = [...this.text.slice(0, start)].pop() ?? '';
    this.edit('', start === end ? start - previous.length : start, end, false);
  }

  startComposition(): void {
    this.emit('compositionstart', {});
  }

  endComposition(): void {
    this.emit('compositionend', {});
  }

  private edit(typed: string, start: number, end: number, isComposing: boolean): void {
    this.text = this.text.slice(0, start) + typed + this.text.slice(end);
    this.selectionStart = start + typed.length;
    this.selectionEnd = this.selectionStart;
    this.emit('input', { isComposing });
  }

  private emit(type: string, fields: object): void {
    const event = Object.assign(new Event(type), fields);
    for (const listener of this.listeners.get(type) ?? []) listener(event);
  }
}

/** Two screens showing one card; updates travel only when `deliver` is called. */
function twoScreens(initial: string) {
  const docs = [new Y.Doc(), new Y.Doc()] as const;
  docs.forEach((doc, index) => {
    doc.clientID = index + 1;
  });
  docs[0].getText('card').insert(0, initial);
  Y.applyUpdate(docs[1], Y.encodeStateAsUpdate(docs[0]));
  const fields = [new FakeTextarea(), new FakeTextarea()] as const;
  const stops = fields.map((field, index) =>
    bindTextarea(field, (docs[index] as Y.Doc).getText('card')),
  );
  const deliver = (from: 0 | 1) => {
    const to = docs[1 - from] as Y.Doc;
    Y.applyUpdate(to, Y.encodeStateAsUpdate(docs[from], Y.encodeStateVector(to)), 'remote');
  };
  return {
    docs,
    fields,
    texts: docs.map((doc) => doc.getText('card')),
    deliver,
    syncAll: () => {
      deliver(0);
      deliver(1);
    },
    stop: () => {
      for (const stop of stops) stop();
    },
  };
}

describe('bindTextarea', () => {
  it('shows the card’s words and sends typing as character edits', () => {
    const { fields, texts, deliver } = twoScreens('Pappa lagar mat');
    const [anna] = fields;
    expect(anna.value).toBe('Pappa lagar mat');
    const seen: unknown[] = [];
    texts[1]?.observe((event) => seen.push(event.delta));
    anna.setSelectionRange(11, 11);
    anna.type(' ofta');
    expect(texts[0]?.toString()).toBe('Pappa lagar ofta mat');
    deliver(0);
    expect(seen).toEqual([[{ retain: 11 }, { insert: ' ofta' }]]);
  });

  it('shows others’ typing and keeps the caret on the same words', () => {
    const { fields, deliver } = twoScreens('Mamma hämtar');
    const [anna, bo] = fields;
    bo.focus();
    bo.setSelectionRange(6, 6); // before "hämtar"
    anna.setSelectionRange(0, 0);
    anna.type('Ibland ');
    deliver(0);
    expect(bo.value).toBe('Ibland Mamma hämtar');
    expect([bo.selectionStart, bo.selectionEnd]).toEqual([13, 13]);
  });

  it('leaves the caret of an unfocused field alone (it has none to keep)', () => {
    const { fields, deliver } = twoScreens('abc');
    fields[0].type('x');
    deliver(0);
    expect(fields[1].value).toBe('abcx');
  });

  it('holds others’ changes during an IME composition and merges them when it ends', () => {
    const { fields, texts, deliver } = twoScreens('Vi oroar oss');
    const [anna, bo] = fields;
    bo.focus();
    bo.setSelectionRange(12, 12);
    bo.startComposition();
    bo.type(' ', { composing: true });
    bo.type('ä', { composing: true });
    // Nothing reaches the card while the word is being composed.
    expect(texts[1]?.toString()).toBe('Vi oroar oss');
    anna.setSelectionRange(0, 0);
    anna.type('Nu ');
    deliver(0);
    // The field is not touched mid-composition, or the IME would lose the word.
    expect(bo.value).toBe('Vi oroar oss ä');
    bo.endComposition();
    expect(texts[1]?.toString()).toBe('Nu Vi oroar oss ä');
    expect(bo.value).toBe('Nu Vi oroar oss ä');
    expect(bo.selectionStart).toBe(17);
    deliver(1);
    expect(anna.value).toBe('Nu Vi oroar oss ä');
  });

  it('shows undo of this person’s own typing, which is a local change too', () => {
    const { fields, texts } = twoScreens('Hej');
    const [anna] = fields;
    const undo = new Y.UndoManager(texts[0] as Y.Text);
    anna.focus();
    anna.type(' då');
    expect(texts[0]?.toString()).toBe('Hej då');
    undo.undo();
    expect(anna.value).toBe('Hej');
  });

  it('stops listening when unbound', () => {
    const { fields, texts, stop, deliver } = twoScreens('a');
    stop();
    fields[0].type('b');
    expect(texts[0]?.toString()).toBe('a');
    texts[1]?.insert(0, 'z');
    deliver(1);
    expect(fields[0].value).toBe('ab');
  });

  it('converges: two people typing and deleting anywhere end with the same words on both screens', () => {
    const action = fc.record({
      who: fc.constantFrom(0 as const, 1 as const),
      kind: fc.constantFrom('type', 'backspace', 'move', 'deliver'),
      at: fc.nat(),
      length: fc.nat(3),
      letter: fc.constantFrom('a', 'b', 'ö', ' ', '😀', '\n'),
    });
    fc.assert(
      fc.property(fc.array(action, { maxLength: 40 }), (actions) => {
        const { fields, texts, deliver, syncAll } = twoScreens('start');
        fields[0].focus();
        for (const { who, kind, at, length, letter } of actions) {
          const field = fields[who];
          if (kind === 'move') {
            // Only to whole characters: a real caret never sits inside an emoji.
            const boundaries = [
              0,
              ...[...field.value].map((_, i, chars) => chars.slice(0, i + 1).join('').length),
            ];
            const start = boundaries[at % boundaries.length] ?? 0;
            const end =
              boundaries[Math.min(boundaries.length - 1, (at % boundaries.length) + length)] ??
              start;
            field.setSelectionRange(start, end);
          } else if (kind === 'type') field.type(letter);
          else if (kind === 'backspace') field.backspace();
          else if (kind === 'deliver') deliver(who);
          // Each screen always shows its own doc's words.
          expect(field.value).toBe(texts[who]?.toString());
        }
        syncAll();
        expect(fields[0].value).toBe(fields[1].value);
        expect(texts[0]?.toString()).toBe(texts[1]?.toString());
        expect(fields[0].value).toBe(texts[0]?.toString());
      }),
    );
  });
});
