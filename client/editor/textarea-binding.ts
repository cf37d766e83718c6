/** @module Keeps a textarea and a Y.Text in step; DOM-free enough to test with a stand-in field. */
import type * as Y from 'yjs';
import {
  applyDiff,
  diffText,
  rebaseDiff,
  type TextDelta,
  type TextDiff,
  type TextSelection,
  transformSelection,
} from './text-diff';

type BindingEvent = 'input' | 'compositionstart' | 'compositionend';

/** The part of HTMLTextAreaElement the binding uses. */
export interface BindableTextarea {
  value: string;
  selectionStart: number;
  selectionEnd: number;
  selectionDirection: 'forward' | 'backward' | 'none' | null;
  scrollTop: number;
  readonly ownerDocument: { readonly activeElement: unknown };
  setSelectionRange(start: number, end: number, direction?: 'forward' | 'backward' | 'none'): void;
  addEventListener(type: BindingEvent, listener: (event: Event) => void): void;
  removeEventListener(type: BindingEvent, listener: (event: Event) => void): void;
}

/** Starts the binding; the returned function stops it. */
export function bindTextarea(textarea: BindableTextarea, text: Y.Text): () => void {
  /** What the textarea and the Y.Text last agreed on: the base every local diff starts from. */
  let agreed = text.toString();
  let composing = false;
  let writing = false;
  /** Changes by others that arrived during an IME composition, not yet shown. */
  let held: TextDelta[] = [];
  textarea.value = agreed;

  function sendTyping() {
    const typed = textarea.value;
    if (typed === agreed) return;
    const diff = diffText(agreed, typed, textarea.selectionEnd);
    if (held.length === 0) {
      write(diff);
      agreed = typed;
      return;
    }
    // Others changed the text while this person was composing: the splice moves onto the
    // text as it is now, and the caret goes after what was just composed.
    const moved = rebaseDiff(diff, held);
    held = [];
    write(moved);
    const caret = moved.index + moved.insert.length;
    showText(null, { start: caret, end: caret });
  }

  function write(diff: TextDiff) {
    writing = true;
    try {
      applyDiff(text, diff);
    } finally {
      writing = false;
    }
  }

  /**
   * Puts the Y.Text's words in the textarea. The caret follows `delta` when given, goes to
   * `caret` when given, and otherwise stays where it was.
   */
  function showText(delta: TextDelta | null, caret?: TextSelection) {
    const selection = { start: textarea.selectionStart, end: textarea.selectionEnd };
    const direction = textarea.selectionDirection;
    const scrollTop = textarea.scrollTop;
    agreed = text.toString();
    if (textarea.value === agreed) return;
    textarea.value = agreed;
    textarea.scrollTop = scrollTop;
    if (textarea.ownerDocument.activeElement !== textarea) return;
    const next = caret ?? (delta === null ? selection : transformSelection(delta, selection));
    textarea.setSelectionRange(next.start, next.end, direction ?? undefined);
  }

  function onInput(event: Event) {
    // During an IME composition the text is not final; it is sent on compositionend.
    if (composing || ('isComposing' in event && event.isComposing === true)) return;
    sendTyping();
  }

  function onCompositionStart() {
    composing = true;
  }

  function onCompositionEnd() {
    composing = false;
    sendTyping();
    if (held.length > 0) {
      // Nothing was typed after all (the composition was cancelled): show what others wrote.
      held = [];
      showText(null);
    }
  }

  // Not only remote transactions: undo and redo are local too and must reach the textarea.
  // Only this binding's own writes are skipped, because the textarea already shows them.
  function onTextChange(event: Y.YTextEvent) {
    if (writing) return;
    if (composing) {
      // Changing the value mid-composition breaks the IME; catch up when it ends.
      held.push(event.delta);
      return;
    }
    showText(event.delta);
  }

  textarea.addEventListener('input', onInput);
  textarea.addEventListener('compositionstart', onCompositionStart);
  textarea.addEventListener('compositionend', onCompositionEnd);
  text.observe(onTextChange);
  return () => {
    textarea.removeEventListener('input', onInput);
    textarea.removeEventListener('compositionstart', onCompositionStart);
    textarea.removeEventListener('compositionend', onCompositionEnd);
    text.unobserve(onTextChange);
  };
}
