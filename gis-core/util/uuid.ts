/**
 * Feature identity: UUIDv7 (RFC 9562), time-ordered so that rows made later sort later and
 * B-tree inserts stay append-mostly. Made by the client, never reused.
 */
import { v7 } from 'uuid';

export function newUuid(): string {
  return v7();
}

/**
 * A deterministic UUIDv7 source for generated data (the demo city): the timestamps advance one
 * millisecond per call from `startMs`, the random bits come from `random` (values in [0, 1)).
 */
export function seededUuidSource(startMs: number, random: () => number): () => string {
  let msecs = startMs;
  const bytes = new Uint8Array(16);
  return () => {
    for (let i = 0; i < 16; i++) bytes[i] = Math.floor(random() * 256);
    return v7({ msecs: msecs++, random: bytes, seq: 0 });
  };
}

const UUID_PATTERN = /^[0-9a-f]{8}-[0-9a-f]{4}-[1-8][0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

export function isUuid(value: unknown): value is string {
  return typeof value === 'string' && UUID_PATTERN.test(value);
}
