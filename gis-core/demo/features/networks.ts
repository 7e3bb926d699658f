/** Network layers from the drainage, water and lighting networks of the dataset. */
import type { NewFeature } from '../../store/types.js';
import type { DemoContext } from '../context.js';
import { featureUuid } from '../ids.js';
import type { DrainNode } from '../networks/drainage.js';
import { lineLength, round } from './output.js';

function code(prefix: string, n: number, digits: number): string {
  return `${prefix}-${String(n).padStart(digits, '0')}`;
}

function digitsFor(count: number): number {
  return Math.max(4, String(count).length);
}

/** Drainage nodes that some pipe uses (outfalls no catchment reaches are left out). */
export function usedNodes(ctx: DemoContext): boolean[] {
  const used = ctx.drainage.nodes.map(() => false);
  for (const p of ctx.drainage.pipes) {
    used[p.up] = true;
    used[p.down] = true;
  }
  return used;
}

export function* manholeFeatures(ctx: DemoContext): Generator<NewFeature> {
  const { drainage, seed } = ctx;
  const used = usedNodes(ctx);
  const digits = digitsFor(drainage.nodes.length);
  let manholes = 0;
  let outfalls = 0;
  for (const n of drainage.nodes) {
    if (!used[n.index]) continue;
    const outfall = n.kind === 'outfall';
    yield {
      uuid: featureUuid(seed, 'drainage_manholes', n.index),
      properties: {
        code: outfall ? code('CXA', ++outfalls, 3) : code('HG', ++manholes, digits),
        kind: n.kind,
        system: drainage.system(n.street),
        rim_level_m: n.rim,
        invert_level_m: n.invert,
        depth_m: round(n.rim - n.invert, 3),
        status: n.street.status,
      },
      geometry: { type: 'Point', coordinates: n.xy },
    };
  }
}

export function* pipeFeatures(ctx: DemoContext): Generator<NewFeature> {
  const { drainage, seed } = ctx;
  const digits = digitsFor(drainage.pipes.length);
  for (const p of drainage.pipes) {
    const up = drainage.nodes[p.up] as DrainNode;
    const down = drainage.nodes[p.down] as DrainNode;
    yield {
      uuid: featureUuid(seed, 'drainage_pipes', p.index),
      properties: {
        code: code('C', p.index + 1, digits),
        system: drainage.system(p.street),
        diameter_mm: p.diameter,
        material: p.material,
        upstream_invert_m: p.upInvert,
        downstream_invert_m: p.downInvert,
        length_m: p.length,
        slope_pct: round(((p.upInvert - p.downInvert) / p.length) * 100, 3),
        upstream_manhole: featureUuid(seed, 'drainage_manholes', up.index),
        downstream_manhole: featureUuid(seed, 'drainage_manholes', down.index),
        status: p.street.status,
        year: p.year,
      },
      geometry: { type: 'LineString', coordinates: [up.xy, down.xy] },
    };
  }
}

export function* mainFeatures(ctx: DemoContext): Generator<NewFeature> {
  const { water, seed, out } = ctx;
  const digits = digitsFor(water.mains.length);
  for (const m of water.mains) {
    const geometry = out.line(m.points);
    yield {
      uuid: featureUuid(seed, 'water_mains', m.index),
      properties: {
        code: code('OCN', m.index + 1, digits),
        diameter_mm: m.diameter,
        material: m.material,
        pressure_zone: m.zone,
        year: m.year,
        length_m: round(lineLength(geometry.coordinates), 2),
        status: m.street.status,
      },
      geometry,
    };
  }
}

export function* valveFeatures(ctx: DemoContext): Generator<NewFeature> {
  const { water, seed, out } = ctx;
  const digits = digitsFor(water.valves.length);
  for (const v of water.valves) {
    yield {
      uuid: featureUuid(seed, 'water_valves', v.index),
      properties: { code: code('VAN', v.index + 1, digits), valve_type: v.type, diameter_mm: v.diameter, normal_state: v.state, status: 'existing' },
      geometry: out.point(v.p),
    };
  }
}

export function* hydrantFeatures(ctx: DemoContext): Generator<NewFeature> {
  const { water, seed, out } = ctx;
  const digits = digitsFor(water.hydrants.length);
  for (const h of water.hydrants) {
    if (ctx.planted.removedHydrants.has(h.index)) continue;
    yield {
      uuid: featureUuid(seed, 'water_hydrants', h.index),
      properties: { code: code('TCH', h.index + 1, digits), hydrant_type: h.type, diameter_mm: h.diameter, status: 'existing' },
      geometry: out.point(h.p),
    };
  }
}

export function cabinetCode(index: number, count: number): string {
  return code('TCS', index + 1, Math.max(3, String(count).length));
}

export function* poleFeatures(ctx: DemoContext): Generator<NewFeature> {
  const { lighting, seed, out } = ctx;
  const digits = digitsFor(lighting.poles.length);
  for (const p of lighting.poles) {
    yield {
      uuid: featureUuid(seed, 'lighting_poles', p.index),
      properties: {
        code: code('CD', p.index + 1, digits),
        lamp_type: p.lamp,
        wattage_w: p.wattage,
        height_m: p.height,
        ...(p.cabinet >= 0 ? { cabinet_code: cabinetCode(p.cabinet, lighting.cabinets.length), circuit: `L${p.circuit}` } : {}),
        arm_count: 1,
        status: p.street.status,
      },
      geometry: out.point(p.p),
    };
  }
}

export function* cabinetFeatures(ctx: DemoContext): Generator<NewFeature> {
  const { lighting, seed, out } = ctx;
  for (const c of lighting.cabinets) {
    yield {
      uuid: featureUuid(seed, 'lighting_cabinets', c.index),
      properties: {
        code: cabinetCode(c.index, lighting.cabinets.length),
        name: `Tủ chiếu sáng ${c.street.name} ${c.ordinal}`,
        circuit_count: c.circuitCount,
        max_circuit_length_m: c.maxCircuitLength,
        power_kva: c.power,
        status: 'existing',
      },
      geometry: out.point(c.p),
    };
  }
}
