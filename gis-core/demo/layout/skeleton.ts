/**
 * The street skeleton: gently bent east–west streets from the river bank northwards, and
 * north–south streets per band between them — frame streets, arterials, collectors and canals
 * through every band, local streets that sometimes continue across a street (crossroads) and
 * sometimes stop at it (T-junctions). Pure function of (seed, width, height).
 */
import type { RoadClass } from '../codes.js';
import { yAtX, type Pt } from '../geometry.js';
import { CANAL_NAMES, STREET_NAMES, nthName } from '../names.js';
import { rngFor, type Rng } from '../random.js';
import { pickSection } from './road-classes.js';
import type { HLine, Skeleton, Street, VChain, VPiece } from './types.js';

/** Closest two north–south pieces may be (centre to centre), and two T-junctions on one street. */
const MIN_PIECE_SPACING = 100;
const MIN_JUNCTION_SPACING = 40;
/** No bend of an east–west street this close to a through north–south line. */
const STATION_CLEARANCE = 45;
/**
 * A local street ending this close to a bend of the east–west street meets it at the bend
 * instead: a block edge a few metres long between the junction and the bend would fold over
 * when the block is inset by the street widths.
 */
const SNAP_TO_STATION = 25;

type ContinuousKind = 'frame' | 'canal' | 'arterial' | 'collector';

class StreetFactory {
  readonly streets: Street[] = [];
  private nameIndex = 0;
  private canalIndex = 0;
  private readonly used = new Set<string>();

  constructor(private readonly rng: Rng) {}

  /** The next name from the list that no street has yet. */
  private nextName(): string {
    for (;;) {
      const name = nthName(STREET_NAMES, this.nameIndex++, (n) => `Đường số ${n}`);
      if (!this.used.has(name)) {
        this.used.add(name);
        return name;
      }
    }
  }

  claim(name: string): string {
    this.used.add(name);
    return name;
  }

  street(roadClass: RoadClass, name?: string): Street {
    const section = pickSection(roadClass, this.rng);
    const street: Street = {
      id: this.streets.length,
      name: name ?? this.nextName(),
      kind: roadClass === 'alley' ? 'alley' : 'street',
      roadClass,
      width: section.width,
      carriageway: section.carriageway,
      lanes: section.lanes,
      surface: roadClass === 'local' && this.rng.chance(0.15) ? 'concrete' : 'asphalt',
      status: 'existing',
      year: this.rng.int(1995, 2020),
    };
    this.streets.push(street);
    return street;
  }

  /** A canal; the main one is the Cao Lãnh canal, the others take the next names. */
  canal(width: number, main: boolean): Street {
    const name = main ? (CANAL_NAMES[0] as string) : nthName(CANAL_NAMES, ++this.canalIndex, (n) => `Kênh số ${n}`);
    const street: Street = {
      id: this.streets.length,
      name,
      kind: 'canal',
      roadClass: 'local',
      width,
      carriageway: 0,
      lanes: 1,
      surface: 'earth',
      status: 'existing',
      year: 1990,
    };
    this.streets.push(street);
    return street;
  }

  /** Takes the next street name now, so that important streets get the well-known names. */
  reserveName(): string {
    return this.nextName();
  }
}

interface ContinuousLine {
  readonly kind: ContinuousKind;
  readonly base: number;
  readonly phase: number;
  readonly street: Street;
}

function continuousKinds(count: number): ContinuousKind[] {
  const kinds: ContinuousKind[] = [];
  for (let i = 0; i < count; i++) kinds.push(i % 2 === 0 ? 'canal' : i % 4 === 1 ? 'arterial' : 'collector');
  return kinds;
}

export function buildSkeleton(seed: number, width: number, height: number): Skeleton {
  const rng = rngFor(seed, 'skeleton');
  const factory = new StreetFactory(rng);

  // Names by importance: the arterials first, then the river road, then the frame.
  const arterialNames = [factory.reserveName(), factory.reserveName(), factory.reserveName()];
  const riverRoadName = factory.claim('Tôn Đức Thắng');

  // --- north–south lines through every band ---------------------------------------------
  const interior = Math.max(3, Math.round(width / 360));
  const kinds = continuousKinds(interior);
  const canalSlots = kinds.map((k, i) => (k === 'canal' ? i : -1)).filter((i) => i >= 0);
  const mainCanal = canalSlots.reduce((best, i) =>
    Math.abs((i + 1) / (interior + 1) - 0.62) < Math.abs((best + 1) / (interior + 1) - 0.62) ? i : best,
  );
  const spacing = width / (interior + 1);
  let arterialCount = 0;
  const continuous: ContinuousLine[] = [];
  const westFrame = factory.street('main_area');
  continuous.push({ kind: 'frame', base: 0, phase: rng.range(0, 6.28), street: westFrame });
  for (let i = 0; i < interior; i++) {
    const kind = kinds[i] as ContinuousKind;
    const base = spacing * (i + 1) + rng.range(-0.08, 0.08) * spacing;
    let street: Street;
    if (kind === 'canal') street = factory.canal(i === mainCanal ? 28 : rng.pick([12, 14, 16, 18]), i === mainCanal);
    else if (kind === 'arterial') {
      street = factory.street(arterialCount % 2 === 0 ? 'urban_arterial' : 'inter_area', arterialNames[1 + arterialCount]);
      arterialCount++;
    } else street = factory.street(rng.pick(['area', 'main_area'] as const));
    continuous.push({ kind, base, phase: rng.range(0, 6.28), street });
  }
  continuous.push({ kind: 'frame', base: width, phase: rng.range(0, 6.28), street: factory.street('main_area') });
  const continuousX = (line: ContinuousLine, j: number): number =>
    line.base + (line.kind === 'frame' ? 5 : 16) * Math.sin(0.5 * j + line.phase) + rngFor(seed, 'cx', line.street.id, j).range(-4, 4);

  // --- east–west lines -------------------------------------------------------------------
  const stations: number[] = [];
  for (let x = rng.range(120, 220); x < width - 100; x += rng.range(150, 260)) {
    const blocked = continuous.some((c) => Math.abs(c.base - x) < STATION_CLEARANCE + 15);
    if (!blocked) stations.push(x);
  }
  const riverMean = Math.min(350, Math.max(120, 0.15 * height));
  const riverPhase = rng.range(0, 6.28);
  const bank = (x: number): number => riverMean * (0.8 + (0.4 * x) / width) + 8 * Math.sin((2 * Math.PI * x) / 700 + riverPhase);

  const riverStreet = factory.street('inter_area', riverRoadName);
  const topCentre = height;
  const firstCentre = riverMean + riverStreet.width / 2;
  const interiorLines = Math.max(3, Math.round((topCentre - firstCentre) / 165) - 1);
  const gaps: number[] = [];
  for (let j = 0; j <= interiorLines; j++) gaps.push(rng.range(135, 200));
  const gapSum = gaps.reduce((a, b) => a + b, 0);
  const hStreets: Street[] = [riverStreet];
  for (let j = 1; j <= interiorLines; j++) {
    if (j % 4 === 2) hStreets.push(factory.street('urban_arterial', j === 2 ? arterialNames[0] : undefined));
    else if (j % 4 === 0) hStreets.push(factory.street('area'));
    else hStreets.push(factory.street(rng.weighted([['area', 0.25], ['sub_area', 0.4], ['local', 0.35]] as const)));
  }
  hStreets.push(factory.street('main_area'));

  const hLines: HLine[] = [];
  let base = firstCentre;
  for (let j = 0; j < hStreets.length; j++) {
    if (j > 0) base += ((gaps[j - 1] as number) * (topCentre - firstCentre)) / gapSum;
    const lineBase = base;
    const decay = Math.max(0, 1 - (lineBase - firstCentre) / 600);
    const amp = j === 0 ? 0 : rng.range(6, 14);
    const wavelength = rng.range(600, 1300);
    const phase = rng.range(0, 6.28);
    const y = (x: number, jitter: number): number =>
      j === 0
        ? bank(x) + riverStreet.width / 2
        : lineBase + decay * (bank(x) - riverMean) + amp * Math.sin((2 * Math.PI * x) / wavelength + phase) + jitter;
    const west = continuousX(continuous[0] as ContinuousLine, j);
    const east = continuousX(continuous[continuous.length - 1] as ContinuousLine, j);
    const points: Pt[] = [[west, y(west, 0)]];
    for (const s of stations) points.push([s, y(s, rngFor(seed, 'station', j, s).range(-5, 5))]);
    points.push([east, y(east, 0)]);
    hLines.push({ index: j, street: hStreets[j] as Street, points });
  }

  const snap = (x: number): number => {
    for (const s of stations) if (Math.abs(s - x) < SNAP_TO_STATION) return s;
    return x;
  };

  // --- pieces per band -------------------------------------------------------------------
  const chains: VChain[] = continuous.map((c, i) => ({ id: i, street: c.street, pieces: [], continuous: true }));
  const bands: VPiece[][] = [];
  let previousTops: { x: number; chain: number }[] = [];
  for (let j = 0; j < hLines.length - 1; j++) {
    const lower = hLines[j] as HLine;
    const upper = hLines[j + 1] as HLine;
    const bandRng = rngFor(seed, 'band', j);
    const piece = (chain: VChain, xb: number, xt: number): VPiece => {
      const p: VPiece = {
        chain: chain.id,
        band: j,
        street: chain.street,
        bottom: [xb, yAtX(lower.points, xb)],
        top: [xt, yAtX(upper.points, xt)],
      };
      chain.pieces.push(p);
      return p;
    };
    const pieces: VPiece[] = [];
    const tops: { x: number; chain: number }[] = [];
    for (let c = 0; c < continuous.length; c++) {
      const line = continuous[c] as ContinuousLine;
      const chain = chains[c] as VChain;
      const xb = chain.pieces.length ? ((chain.pieces[chain.pieces.length - 1] as VPiece).top[0]) : continuousX(line, j);
      pieces.push(piece(chain, xb, continuousX(line, j + 1)));
      if (c === continuous.length - 1) break;
      // Local streets in the gap up to the next through line.
      const nextBottom = continuousX(continuous[c + 1] as ContinuousLine, j);
      const nextTop = continuousX(continuous[c + 1] as ContinuousLine, j + 1);
      const locals = placeLocals(bandRng, xb, nextBottom, previousTops).map((l) => (l.chain === undefined ? { ...l, x: snap(l.x) } : l));
      for (const local of locals) {
        let chainRef: VChain;
        if (local.chain !== undefined) chainRef = chains[local.chain] as VChain;
        else {
          chainRef = {
            id: chains.length,
            street: factory.street(bandRng.weighted([['local', 0.6], ['sub_area', 0.32], ['area', 0.08]] as const)),
            pieces: [],
            continuous: false,
          };
          chains.push(chainRef);
        }
        // Gentle tilt, kept clear of the through lines at the top.
        const left = pieces[pieces.length - 1] as VPiece;
        let xt = local.x + bandRng.range(-12, 12);
        xt = snap(Math.min(Math.max(xt, left.top[0] + MIN_PIECE_SPACING), nextTop - MIN_PIECE_SPACING));
        const p = piece(chainRef, local.x, xt);
        pieces.push(p);
        tops.push({ x: xt, chain: chainRef.id });
      }
    }
    bands.push(pieces);
    previousTops = tops;
  }

  return { width, height, streets: factory.streets, hLines, bands, chains };
}

/**
 * x positions of local streets between two through lines on one street: some continue a local
 * street that ends here from the south (crossroads), the rest are new (T-junctions), spaced so
 * that blocks are 100–250 m and T-junctions on the street keep 40 m apart.
 */
function placeLocals(
  rng: Rng,
  west: number,
  east: number,
  arriving: readonly { x: number; chain: number }[],
): { x: number; chain?: number }[] {
  const fixed: { x: number; chain?: number }[] = [];
  const inGap = arriving.filter((a) => a.x - west >= MIN_PIECE_SPACING && east - a.x >= MIN_PIECE_SPACING);
  for (const a of inGap) {
    const last = fixed[fixed.length - 1];
    if (rng.chance(0.65) && (!last || a.x - last.x >= MIN_PIECE_SPACING + 10)) fixed.push({ x: a.x, chain: a.chain });
  }
  const out: { x: number; chain?: number }[] = [];
  const anchors = [{ x: west }, ...fixed, { x: east }];
  for (let i = 0; i < anchors.length - 1; i++) {
    const a = (anchors[i] as { x: number }).x;
    const b = (anchors[i + 1] as { x: number }).x;
    const target = rng.range(140, 215);
    const count = Math.max(0, Math.round((b - a) / target) - 1);
    const step = (b - a) / (count + 1);
    for (let k = 1; k <= count; k++) {
      let x = a + step * k + rng.range(-0.1, 0.1) * step;
      // Too close to a street arriving from the south: meet it (crossroads) instead.
      const near = arriving.find((s) => Math.abs(s.x - x) < MIN_JUNCTION_SPACING);
      let chain: number | undefined;
      if (near) {
        x = near.x;
        chain = near.chain;
      }
      const prev = out.length ? (out[out.length - 1] as { x: number }).x : a;
      if (x - prev < MIN_PIECE_SPACING || b - x < MIN_PIECE_SPACING) continue;
      if (chain !== undefined && out.some((o) => o.chain === chain)) continue;
      out.push(chain === undefined ? { x } : { x, chain });
    }
    if (i + 1 < anchors.length - 1) out.push(anchors[i + 1] as { x: number; chain?: number });
  }
  return out;
}
