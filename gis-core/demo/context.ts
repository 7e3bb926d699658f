/** What every layer generator of one demo dataset reads. */
import type { Output } from './features/output.js';
import type { DemoPlan } from './layout/plan.js';
import type { DrainageNetwork } from './networks/drainage.js';
import type { LightingNetwork } from './networks/lighting.js';
import type { WaterNetwork } from './networks/water.js';
import type { Terrain } from './terrain.js';
import type { Planted } from './violations.js';

export interface DemoContext {
  readonly seed: number;
  readonly plan: DemoPlan;
  readonly out: Output;
  readonly planted: Planted;
  readonly terrain: Terrain;
  readonly drainage: DrainageNetwork;
  readonly water: WaterNetwork;
  readonly lighting: LightingNetwork;
}
