/**
 * Feature uuids of the demo city. Each is a pure function of (seed, layer, key), where the key
 * names the feature's place in the plan (block and lot, network node index, …): a layer can be
 * generated alone and still carry the uuids that other layers (pipes → manholes, the manifest)
 * point at. UUIDv7 timestamps advance with the key, so rows made later sort later.
 */
import { LAYERS } from '../../layers/index.js';
import type { LayerId } from '../../layers/types.js';
import { seededUuidSource } from '../util/uuid.js';
import { Rng, hash32 } from './random.js';

/** 2025-01-01T00:00:00Z: the demo's uuid clock starts here, one week per layer. */
const EPOCH_MS = Date.UTC(2025, 0, 1);
const LAYER_SPAN_MS = 7 * 24 * 3600 * 1000;

const LAYER_ORDER: readonly LayerId[] = LAYERS.map((layer) => layer.id);

export function featureUuid(seed: number, layer: LayerId, key: number): string {
  const index = LAYER_ORDER.indexOf(layer);
  const rng = new Rng(hash32(seed, 'uuid', index, key));
  return seededUuidSource(EPOCH_MS + index * LAYER_SPAN_MS + key, () => rng.next())();
}

/** Keys of lot-based features: block, lot within the block, item within the lot. */
export function lotKey(block: number, lot: number, item = 0): number {
  return block * 65536 + lot * 8 + item;
}
