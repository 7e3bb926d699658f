/**
 * The rules' view of a project (`RuleContext`), over layers held in memory: each layer's
 * features in an array with their boxes in one Float64Array, a packed grid built on a layer's
 * first spatial query, a uuid map and attribute indexes built on first use, and the run's memo.
 * The engine fills it from a project; tests fill it with a few hand-made features.
 */
import type { LayerId, RuleContext, RuleFeature } from '../../layers/types.js';
import { boxOf } from '../../layers/rules/support.js';
import type { BBox } from '../../layers/rules/planar.js';
import { PackedGrid } from './spatial-index.js';

export type FeaturesByLayer = Partial<Record<LayerId, readonly RuleFeature[]>>;

const NO_FEATURES: readonly RuleFeature[] = [];

class LayerData {
  readonly boxes: Float64Array;
  private grid: PackedGrid | undefined;
  private byUuid: Map<string, RuleFeature> | undefined;
  private readonly indexes = new Map<string, Map<string, RuleFeature[]>>();

  constructor(readonly features: readonly RuleFeature[]) {
    this.boxes = new Float64Array(features.length * 4);
    features.forEach((f, i) => this.boxes.set(boxOf(f.geometry), i * 4));
  }

  box(i: number): BBox {
    const o = i * 4;
    return [this.boxes[o] as number, this.boxes[o + 1] as number, this.boxes[o + 2] as number, this.boxes[o + 3] as number];
  }

  search(bbox: readonly number[]): number[] {
    this.grid ??= new PackedGrid(this.boxes, this.features.length);
    // In load order, so that rules see neighbours in a stable order.
    return this.grid.search(bbox).sort((a, b) => a - b);
  }

  byId(uuid: string): RuleFeature | undefined {
    this.byUuid ??= new Map(this.features.map((f) => [f.uuid, f]));
    return this.byUuid.get(uuid);
  }

  where(values: Readonly<Record<string, string | number>>): readonly RuleFeature[] {
    const fields = Object.keys(values).sort();
    const name = fields.join('\u0000');
    let index = this.indexes.get(name);
    if (!index) {
      index = new Map();
      for (const f of this.features) {
        const parts: string[] = [];
        for (const field of fields) {
          const v = f.properties[field];
          if (v === null || v === undefined || v === '') break;
          parts.push(String(v).trim());
        }
        if (parts.length !== fields.length) continue;
        const key = parts.join('\u0000');
        const list = index.get(key);
        if (list) list.push(f);
        else index.set(key, [f]);
      }
      this.indexes.set(name, index);
    }
    return index.get(fields.map((f) => String(values[f]).trim()).join('\u0000')) ?? NO_FEATURES;
  }
}

export class MemoryContext implements RuleContext {
  private readonly layers = new Map<LayerId, LayerData>();
  private readonly memos = new Map<string, Map<RuleFeature, unknown>>();

  constructor(features: FeaturesByLayer) {
    for (const [id, list] of Object.entries(features) as [LayerId, readonly RuleFeature[]][]) this.layers.set(id, new LayerData(list));
  }

  /** The layers held, in no set order. */
  layerIds(): LayerId[] {
    return [...this.layers.keys()];
  }

  /** A layer's features (empty when it is not held). */
  all(layer: LayerId): readonly RuleFeature[] {
    return this.layers.get(layer)?.features ?? NO_FEATURES;
  }

  /** The bounding box of a layer's i-th feature. */
  boxAt(layer: LayerId, i: number): BBox {
    const data = this.layers.get(layer);
    if (!data) throw new Error(`layer ${layer} is not loaded`);
    return data.box(i);
  }

  featuresIn(layer: LayerId, bbox: readonly [number, number, number, number]): RuleFeature[] {
    const data = this.layers.get(layer);
    if (!data) return [];
    return data.search(bbox).map((i) => data.features[i] as RuleFeature);
  }

  feature(layer: LayerId, uuid: string): RuleFeature | undefined {
    return this.layers.get(layer)?.byId(uuid);
  }

  featuresWhere(layer: LayerId, values: Readonly<Record<string, string | number>>): readonly RuleFeature[] {
    return this.layers.get(layer)?.where(values) ?? NO_FEATURES;
  }

  memo<T>(name: string, feature: RuleFeature, compute: () => T): T {
    // Keyed by the feature object itself: no key strings to build and hash a million times.
    let values = this.memos.get(name);
    if (!values) {
      values = new Map();
      this.memos.set(name, values);
    }
    if (values.has(feature)) return values.get(feature) as T;
    const value = compute();
    values.set(feature, value);
    return value;
  }
}
