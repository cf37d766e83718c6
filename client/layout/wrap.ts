/** @module Word wrap for card text: pure, measured by the caller, cached by text and width. */

/** Width in px of `text` drawn at `fontSize`; the canvas passes one backed by a 2D context. */
export type Measure = (text: string, fontSize: number) => number;

/**
 * Splits `text` into lines no wider than `maxWidth`: at '\n', between words, and inside a word
 * only when the word alone is wider than a line. Every character stays (spaces that end a line
 * are kept on it), so the family's words are drawn exactly as written. Always at least one line.
 */
export function wrapText(
  text: string,
  maxWidth: number,
  measure: Measure,
  fontSize: number,
): string[] {
  const lines: string[] = [];
  for (const paragraph of text.split('\n')) {
    wrapParagraph(paragraph, maxWidth, (line) => measure(line, fontSize), lines);
  }
  return lines;
}

function wrapParagraph(
  paragraph: string,
  maxWidth: number,
  width: (line: string) => number,
  lines: string[],
): void {
  // A word with the spaces after it: trailing spaces never push a line over its width.
  const words = paragraph.match(/\s*\S+\s*|\s+/g) ?? [''];
  let line = '';
  for (const word of words) {
    if (line === '' || width((line + word).trimEnd()) <= maxWidth) {
      line += word;
      if (width(line.trimEnd()) <= maxWidth) continue;
      // Only a single word wider than the whole line gets here: cut it between characters.
      const pieces = breakWord(line, maxWidth, width);
      lines.push(...pieces.slice(0, -1));
      line = pieces.at(-1) ?? '';
      continue;
    }
    lines.push(line);
    line = '';
    // Start the next line with this word (cutting it when it alone is too wide).
    const pieces = breakWord(word, maxWidth, width);
    lines.push(...pieces.slice(0, -1));
    line = pieces.at(-1) ?? '';
  }
  lines.push(line);
}

/** Greedy cut between graphemes, so an emoji or an accented letter is never split in half. */
function breakWord(word: string, maxWidth: number, width: (line: string) => number): string[] {
  if (width(word.trimEnd()) <= maxWidth) return [word];
  const pieces: string[] = [];
  let piece = '';
  for (const grapheme of graphemes(word)) {
    if (piece !== '' && width((piece + grapheme).trimEnd()) > maxWidth) {
      pieces.push(piece);
      piece = '';
    }
    piece += grapheme;
  }
  pieces.push(piece);
  return pieces;
}

const segmenter =
  typeof Intl !== 'undefined' && 'Segmenter' in Intl
    ? new Intl.Segmenter(undefined, { granularity: 'grapheme' })
    : undefined;

function graphemes(text: string): string[] {
  if (segmenter === undefined) return Array.from(text);
  return Array.from(segmenter.segment(text), (segment) => segment.segment);
}

/** Wraps kept per measurer; a busy board has a few hundred cards, so this bound is never near. */
const MAX_CACHED_WRAPS = 5_000;
const caches = new WeakMap<Measure, Map<string, string[]>>();

/**
 * `wrapText` remembered by text, width and size: the layout runs on every update of the board,
 * and re-measuring 300 cards per keystroke would cost more than the drawing. The same input
 * gives the same array, which lets the canvas skip cards whose lines did not change.
 */
export function wrapTextCached(
  text: string,
  maxWidth: number,
  measure: Measure,
  fontSize: number,
): string[] {
  let cache = caches.get(measure);
  if (cache === undefined) {
    cache = new Map();
    caches.set(measure, cache);
  }
  const key = `${fontSize}|${maxWidth}|${text}`;
  const cached = cache.get(key);
  if (cached !== undefined) return cached;
  if (cache.size >= MAX_CACHED_WRAPS) cache.clear();
  const lines = wrapText(text, maxWidth, measure, fontSize);
  cache.set(key, lines);
  return lines;
}
