/** @module A token bucket: how many messages one connection may send, in bursts and over time. */

/**
 * Starts full with `capacity` tokens and regains `refillPerSecond` of them every second, never
 * more than `capacity`. `now` (milliseconds, monotonic) is injectable so tests need no clock.
 */
export class TokenBucket {
  private tokens: number;
  private refilledAt: number;

  constructor(
    private readonly refillPerSecond: number,
    private readonly capacity: number,
    private readonly now: () => number = () => performance.now(),
  ) {
    this.tokens = capacity;
    this.refilledAt = now();
  }

  /** Takes `cost` tokens when there are that many; otherwise takes nothing and returns false. */
  take(cost = 1): boolean {
    this.refill();
    if (this.tokens < cost) return false;
    this.tokens -= cost;
    return true;
  }

  /** Returns tokens taken for something that turned out to cost nothing. */
  giveBack(count = 1): void {
    this.tokens = Math.min(this.capacity, this.tokens + count);
  }

  private refill(): void {
    const now = this.now();
    if (now <= this.refilledAt) return;
    const elapsedMs = now - this.refilledAt;
    this.tokens = Math.min(this.capacity, this.tokens + (elapsedMs * this.refillPerSecond) / 1000);
    this.refilledAt = now;
  }
}
