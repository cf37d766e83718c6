import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { throttle } from '../../client/canvas/throttle';

describe('throttle', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('sends the first value at once and the latest one after the interval', () => {
    const sent: number[] = [];
    const send = throttle<number>(33, (value) => sent.push(value));
    send(1);
    send(2);
    send(3);
    expect(sent).toEqual([1]);
    vi.advanceTimersByTime(33);
    expect(sent).toEqual([1, 3]);
    vi.advanceTimersByTime(100);
    expect(sent).toEqual([1, 3]);
  });

  it('drops the held value when cancelled', () => {
    const sent: number[] = [];
    const send = throttle<number>(33, (value) => sent.push(value));
    send(1);
    send(2);
    send.cancel();
    vi.advanceTimersByTime(100);
    expect(sent).toEqual([1]);
  });
});
