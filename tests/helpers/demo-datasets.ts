/** The demo datasets the demo tests check, and the accessors they share. */
import { generateDemo, type DemoDataset } from '../../gis-core/demo/generate.js';
import type { NewFeature } from '../../gis-core/store/types.js';

export type XY = [number, number];
export type Ring = XY[];

/** The bundled demo, and other seeds on a bigger and a smaller district (more edge cases). */
export const DEMO_DATASETS = [
  { scale: 'small' as const, seed: 2025 },
  { scale: 'small' as const, seed: 7, side: 1600 },
  { scale: 'small' as const, seed: 1, side: 700 },
];

/** Each dataset generated once per test file, with the uuids its manifest plants per kind. */
export function demoDatasets(): { options: (typeof DEMO_DATASETS)[number]; demo: DemoDataset; planted: (kind: string) => Set<string> }[] {
  return DEMO_DATASETS.map((options) => {
    const demo = generateDemo(options);
    return {
      options,
      demo,
      planted: (kind: string) => new Set(demo.manifest.filter((m) => m.kind === kind).map((m) => m.uuid)),
    };
  });
}

export const pointOf = (f: NewFeature): XY => (f.geometry as unknown as { coordinates: XY }).coordinates;
export const lineOf = (f: NewFeature): XY[] => (f.geometry as unknown as { coordinates: XY[] }).coordinates;
export const ringOf = (f: NewFeature): Ring => (f.geometry as unknown as { coordinates: Ring[] }).coordinates[0] as Ring;
