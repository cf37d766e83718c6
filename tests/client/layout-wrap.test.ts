import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { wrapText, wrapTextCached } from '../../client/layout/wrap';

/** Every character is 10 px wide at size 20: easy to reason about in tests. */
const measure = (text: string, fontSize: number) => Array.from(text).length * fontSize * 0.5;

describe('wrapText', () => {
  it('keeps a short text on one line', () => {
    expect(wrapText('Mamma är arg', 200, measure, 20)).toEqual(['Mamma är arg']);
  });

  it('breaks between words, keeping the space at the end of the line', () => {
    expect(wrapText('one two three four', 90, measure, 20)).toEqual(['one two ', 'three ', 'four']);
  });

  it('honours line breaks, including empty lines', () => {
    expect(wrapText('a\n\nb', 100, measure, 20)).toEqual(['a', '', 'b']);
  });

  it('cuts a word wider than a line between characters', () => {
    expect(wrapText('abcdefghij xy', 40, measure, 20)).toEqual(['abcd', 'efgh', 'ij ', 'xy']);
  });

  it('never splits a grapheme such as an emoji with a skin tone', () => {
    const lines = wrapText('👍🏽👍🏽👍🏽', 20, measure, 20);
    expect(lines.join('')).toBe('👍🏽👍🏽👍🏽');
    for (const line of lines) expect(line).toMatch(/^(👍🏽)+$/u);
  });

  it('gives one empty line for an empty card', () => {
    expect(wrapText('', 100, measure, 20)).toEqual(['']);
  });

  it('keeps every character and every line within the width', () => {
    fc.assert(
      fc.property(
        fc.string({ unit: fc.constantFrom('a', 'b', ' ', '\n', 'ö', 'x'), maxLength: 80 }),
        fc.integer({ min: 10, max: 200 }),
        (text, width) => {
          const lines = wrapText(text, width, measure, 20);
          expect(lines.join('')).toBe(text.replaceAll('\n', ''));
          // Line count: one per paragraph at least.
          expect(lines.length).toBeGreaterThanOrEqual(text.split('\n').length);
          for (const line of lines) {
            // A single character wider than the line is the only allowed overflow.
            if (Array.from(line.trimEnd()).length > 1) {
              expect(measure(line.trimEnd(), 20)).toBeLessThanOrEqual(width);
            }
          }
        },
      ),
    );
  });
});

describe('wrapTextCached', () => {
  it('returns the same lines array for the same text, width and size', () => {
    const first = wrapTextCached('same words here', 60, measure, 20);
    expect(wrapTextCached('same words here', 60, measure, 20)).toBe(first);
    expect(wrapTextCached('same words here', 80, measure, 20)).not.toBe(first);
  });

  it('measures once per distinct input', () => {
    let calls = 0;
    const counting = (text: string, size: number) => {
      calls += 1;
      return measure(text, size);
    };
    wrapTextCached('counted once', 1000, counting, 20);
    const afterFirst = calls;
    wrapTextCached('counted once', 1000, counting, 20);
    expect(calls).toBe(afterFirst);
  });
});
