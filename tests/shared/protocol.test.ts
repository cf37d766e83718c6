/** @module Close reasons always fit a WebSocket close frame, cut at a character boundary. */
import { describe, expect, it } from 'vitest';
import { fitCloseReason, MAX_CLOSE_REASON_BYTES } from '../../shared/protocol';

const bytesOf = (text: string) => new TextEncoder().encode(text).length;

describe('close reasons', () => {
  it('keeps a sentence that fits', () => {
    expect(fitCloseReason('This link is not valid.')).toBe('This link is not valid.');
    const exact = 'x'.repeat(MAX_CLOSE_REASON_BYTES);
    expect(fitCloseReason(exact)).toBe(exact);
  });

  it('cuts a longer one to the limit, never inside a character', () => {
    expect(bytesOf(fitCloseReason('x'.repeat(500)))).toBe(MAX_CLOSE_REASON_BYTES);
    // 'å' is two bytes: 61 of them are 122 bytes, the 62nd would end past the limit.
    const swedish = 'å'.repeat(100);
    expect(fitCloseReason(swedish)).toBe('å'.repeat(61));
    // A four-byte emoji straddling the limit is dropped whole.
    const emoji = `${'x'.repeat(121)}😀`;
    expect(fitCloseReason(emoji)).toBe('x'.repeat(121));
  });
});
