/** @module Line colours for people without one on the board (left it, or a record that has no colours). */
import { PARTICIPANT_COLORS } from '../board/me';

/** The app's own marker colours in turn; lines also differ by marker and dash, so colour is extra. */
export function fallbackColor(index: number): string {
  return PARTICIPANT_COLORS[index % PARTICIPANT_COLORS.length] ?? PARTICIPANT_COLORS[0];
}
