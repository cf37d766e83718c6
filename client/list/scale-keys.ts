/** @module How keys move my own marker in the list view, as the ARIA slider pattern expects. */
import { SCALE_MAX, SCALE_MIN, SCALE_STEP, snapScaleValue } from '../../shared/scales';

/** A marker not placed yet starts in the middle, and the first key press moves it from there. */
export const UNPLACED_START = 5;

/** A whole step, for Page Up / Page Down. */
const PAGE_STEP = 1;

/**
 * The marker's value after `key`, or undefined when the key does not move a slider (so the
 * caller lets the browser have it). `value` is undefined while the marker is not placed.
 */
export function scaleValueAfterKey(key: string, value: number | undefined): number | undefined {
  const from = value ?? UNPLACED_START;
  switch (key) {
    case 'ArrowRight':
    case 'ArrowUp':
      return snapScaleValue(from + SCALE_STEP);
    case 'ArrowLeft':
    case 'ArrowDown':
      return snapScaleValue(from - SCALE_STEP);
    case 'PageUp':
      return snapScaleValue(from + PAGE_STEP);
    case 'PageDown':
      return snapScaleValue(from - PAGE_STEP);
    case 'Home':
      return SCALE_MIN;
    case 'End':
      return SCALE_MAX;
    default:
      return undefined;
  }
}
