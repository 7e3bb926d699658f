/** The kiosk's per-client token bucket, on a hand-driven clock: counts, not timings. */
import { describe, expect, it } from 'vitest';
import { parseRateLimit, RateLimiter } from '../../gis-core/server/rate-limit.js';

function limiter(burst: number, perSecond: number) {
  let now = 0;
  const rate = new RateLimiter({ burst, perSecond }, () => now);
  return { rate, advance: (ms: number) => (now += ms) };
}

describe('RateLimiter', () => {
  it('lets a burst through, refuses the next request with the seconds to wait, and refills', () => {
    const { rate, advance } = limiter(5, 2);
    for (let i = 0; i < 5; i++) expect(rate.take('10.0.0.1')).toEqual({ allowed: true });
    expect(rate.take('10.0.0.1')).toEqual({ allowed: false, retryAfterSeconds: 1 });
    advance(500); // one token back at 2 a second
    expect(rate.take('10.0.0.1')).toEqual({ allowed: true });
    expect(rate.take('10.0.0.1').allowed).toBe(false);
  });

  it('keeps a bucket per client', () => {
    const { rate } = limiter(2, 1);
    rate.take('a');
    rate.take('a');
    expect(rate.take('a').allowed).toBe(false);
    expect(rate.take('b').allowed).toBe(true);
  });

  it('charges expensive requests more and says how long they must wait', () => {
    const { rate, advance } = limiter(10, 2);
    expect(rate.take('a', 8).allowed).toBe(true);
    expect(rate.take('a', 8)).toEqual({ allowed: false, retryAfterSeconds: 3 });
    advance(3000);
    expect(rate.take('a', 8).allowed).toBe(true);
  });

  it('never holds more than the burst, however long a client was idle', () => {
    const { rate, advance } = limiter(3, 10);
    advance(3_600_000);
    for (let i = 0; i < 3; i++) expect(rate.take('a').allowed).toBe(true);
    expect(rate.take('a').allowed).toBe(false);
  });

  it('parses BURST/PER_SECOND and refuses anything else', () => {
    expect(parseRateLimit('40/4')).toEqual({ burst: 40, perSecond: 4 });
    expect(parseRateLimit('5/0.5')).toEqual({ burst: 5, perSecond: 0.5 });
    for (const bad of ['40', '0/4', '4/0', 'a/b', '-1/2']) expect(() => parseRateLimit(bad)).toThrow(/BURST\/PER_SECOND/);
  });
});
