/**
 * Request rate limiting per client address (kiosk mode): a token bucket per address. A bucket
 * holds at most `burst` tokens and refills `perSecond` tokens a second; a request takes its cost
 * (1, more for expensive routes such as the PDF sheet) or is refused with the seconds until it
 * could pass (429 RATE_LIMITED with Retry-After). Generous for a person tapping a map (a view
 * change is a handful of requests), tight against a script. The clock is injectable so tests
 * count requests instead of timing them.
 */
import { PlanDeskError } from '../errors.js';

export interface RateLimitOptions {
  /** Most requests in one go (bucket size). */
  readonly burst: number;
  /** Sustained requests per second (refill rate). */
  readonly perSecond: number;
}

/** A view change of the kiosk map is 4 requests; a person looks a while between moves. */
export const KIOSK_RATE_LIMIT: RateLimitOptions = { burst: 60, perSecond: 3 };

/** Buckets kept at most; full (idle) ones are dropped first when there are more. */
const MAX_BUCKETS = 10_000;

export type RateDecision = { readonly allowed: true } | { readonly allowed: false; readonly retryAfterSeconds: number };

interface Bucket {
  tokens: number;
  at: number;
}

/** '40/4' → { burst: 40, perSecond: 4 }. */
export function parseRateLimit(text: string): RateLimitOptions {
  const match = /^(\d{1,6})\/(\d{1,6}(?:\.\d+)?)$/.exec(text.trim());
  const burst = Number(match?.[1]);
  const perSecond = Number(match?.[2]);
  if (!match || !(burst >= 1) || !(perSecond > 0)) {
    throw new PlanDeskError('INVALID_ARGUMENT', `a rate limit is BURST/PER_SECOND, e.g. 40/4; got "${text}"`);
  }
  return { burst, perSecond };
}

export class RateLimiter {
  private readonly buckets = new Map<string, Bucket>();

  constructor(
    readonly options: RateLimitOptions,
    private readonly now: () => number = () => performance.now(),
  ) {
    if (!(options.burst >= 1) || !(options.perSecond > 0)) throw new RangeError('rate limit: burst ≥ 1 and perSecond > 0');
  }

  /** Takes `cost` tokens from the client's bucket, or says how long to wait. */
  take(client: string, cost = 1): RateDecision {
    const now = this.now();
    const { burst, perSecond } = this.options;
    const need = Math.min(cost, burst);
    let bucket = this.buckets.get(client);
    if (!bucket) {
      if (this.buckets.size >= MAX_BUCKETS) this.prune(now);
      bucket = { tokens: burst, at: now };
      this.buckets.set(client, bucket);
    } else {
      bucket.tokens = Math.min(burst, bucket.tokens + ((now - bucket.at) / 1000) * perSecond);
      bucket.at = now;
    }
    if (bucket.tokens >= need) {
      bucket.tokens -= need;
      return { allowed: true };
    }
    return { allowed: false, retryAfterSeconds: Math.max(1, Math.ceil((need - bucket.tokens) / perSecond)) };
  }

  private prune(now: number): void {
    for (const [client, bucket] of this.buckets) {
      if (bucket.tokens + ((now - bucket.at) / 1000) * this.options.perSecond >= this.options.burst) this.buckets.delete(client);
    }
    // Still full of busy clients: forget the oldest (Map keeps insertion order).
    while (this.buckets.size >= MAX_BUCKETS) {
      const oldest = this.buckets.keys().next().value;
      if (oldest === undefined) break;
      this.buckets.delete(oldest);
    }
  }
}
