/** @module Binds a plain <textarea> to a card's Y.Text, character by character (stub: see helper). */
import type { RefObject } from 'react';
import type * as Y from 'yjs';

/**
 * Keeps `ref`'s textarea and `text` in step: typing becomes Y.Text inserts/deletes (never a
 * whole-string replace), remote changes update the textarea and keep the caret where the
 * person was typing. The textarea must be uncontrolled (no `value` prop).
 */
export function useTextBinding(
  _ref: RefObject<HTMLTextAreaElement | null>,
  _text: Y.Text | null,
): void {}
