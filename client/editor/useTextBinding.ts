/** @module Binds a plain <textarea> to a card's Y.Text, character by character. */
import { type RefObject, useEffect } from 'react';
import type * as Y from 'yjs';
import { bindTextarea } from './textarea-binding';

/**
 * Keeps `ref`'s textarea and `text` in step: typing becomes Y.Text inserts/deletes (never a
 * whole-string replace), remote changes update the textarea and keep the caret where the
 * person was typing. The textarea must be uncontrolled (no `value` prop) and rendered whenever
 * the component calling this is.
 */
export function useTextBinding(
  ref: RefObject<HTMLTextAreaElement | null>,
  text: Y.Text | null,
): void {
  useEffect(() => {
    const textarea = ref.current;
    if (textarea === null || text === null) return;
    return bindTextarea(textarea, text);
  }, [ref, text]);
}
