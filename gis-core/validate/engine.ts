/**
 * The rule engine: runs the rules of `layers/` over a project. The layers a run needs (those
 * whose rules run, and those the rules read) are streamed from the project once into memory
 * (`MemoryContext`: arrays, a packed grid per layer, indexes on first use); then each feature
 * of each checked layer goes through its layer's rules. No SQL per feature: a full check of a
 * million features is a read plus a few seconds of geometry.
 */
import { LAYERS } from '../../layers/index.js';
import type { LayerId, LayerRule, RuleFeature } from '../../layers/types.js';
import { boxesIntersect } from '../../layers/rules/planar.js';
import type { ValidateOptions, ValidationFinding, ValidationReport, ValidationRuleInfo } from '../api/contract.js';
import { PlanDeskError } from '../errors.js';
import type { Project } from '../store/project.js';
import type { BBox } from '../store/types.js';
import { MemoryContext, type FeaturesByLayer } from './memory-context.js';
import { sortFindings, summarize } from './report.js';

/** Called now and then with the work done so far and the work in all (features read, then features checked). */
export type ValidateProgress = (done: number, total: number) => void;

const PROGRESS_EVERY = 10_000;

interface Plan {
  /** Rules to run, by the layer whose features they check. */
  readonly rules: ReadonlyMap<LayerId, readonly LayerRule[]>;
  /** Layers to hold in memory: the checked ones and those their rules read. */
  readonly load: readonly LayerId[];
  readonly infos: readonly ValidationRuleInfo[];
}

/** Which rules run and which layers they need, for a project holding `available` layers. */
export function planRun(available: readonly LayerId[], options: ValidateOptions = {}): Plan {
  const known = new Set(LAYERS.map((l) => l.id));
  for (const id of options.layers ?? []) {
    if (!known.has(id)) throw new PlanDeskError('UNKNOWN_LAYER', `No layer "${id}" (layers: ${LAYERS.map((l) => l.id).join(', ')})`);
    if (!available.includes(id)) throw new PlanDeskError('UNKNOWN_LAYER', `The project has no layer "${id}" (layers: ${available.join(', ')})`);
  }
  const allCodes = new Set(LAYERS.flatMap((l) => l.rules.map((r) => r.code)));
  for (const code of options.rules ?? []) {
    if (!allCodes.has(code)) throw new PlanDeskError('INVALID_ARGUMENT', `No rule "${code}" (rules: ${[...allCodes].sort().join(', ')})`);
  }
  const wanted = options.rules ? new Set(options.rules) : undefined;
  const layers = options.layers ? new Set(options.layers) : undefined;
  const rules = new Map<LayerId, LayerRule[]>();
  const load = new Set<LayerId>();
  const infos: ValidationRuleInfo[] = [];
  for (const layer of LAYERS) {
    if (!available.includes(layer.id) || (layers && !layers.has(layer.id))) continue;
    const chosen = layer.rules.filter((r) => !wanted || wanted.has(r.code));
    if (chosen.length === 0) continue;
    rules.set(layer.id, chosen);
    load.add(layer.id);
    for (const rule of chosen) {
      infos.push({ code: rule.code, layerId: layer.id, severity: rule.severity, title: rule.title });
      for (const read of rule.reads ?? []) if (available.includes(read)) load.add(read);
    }
  }
  return { rules, load: LAYERS.map((l) => l.id).filter((id) => load.has(id)), infos };
}

/** Runs a plan over layers in memory. */
function run(plan: Plan, context: MemoryContext, options: ValidateOptions, progress: ValidateProgress | undefined, base: { done: number; total: number }): ValidationReport {
  const findings: ValidationFinding[] = [];
  let checked = 0;
  let done = base.done;
  for (const [layerId, rules] of plan.rules) {
    const features = context.all(layerId);
    for (let i = 0; i < features.length; i++) {
      const feature = features[i] as RuleFeature;
      const bbox = context.boxAt(layerId, i);
      if (!options.bbox || boxesIntersect(bbox, options.bbox)) {
        checked++;
        for (const rule of rules) {
          for (const f of rule.check(feature, context)) {
            findings.push({
              rule: rule.code,
              severity: rule.severity,
              layerId,
              uuid: feature.uuid,
              message: f.message,
              ...(f.details ? { details: f.details } : {}),
              bbox,
            });
          }
        }
      }
      if (progress && ++done % PROGRESS_EVERY === 0) progress(done, base.total);
    }
  }
  progress?.(base.total, base.total);
  return {
    findings: sortFindings(findings),
    counts: summarize(findings),
    checkedFeatures: checked,
    rules: plan.infos,
    checkedAt: new Date().toISOString(),
  };
}

/**
 * Validates features held in memory (tests, imports not yet written, edits being checked):
 * the rules of every layer present in `features`, as `validateProject` runs them.
 */
export function validateFeatures(features: FeaturesByLayer, options: ValidateOptions = {}, progress?: ValidateProgress): ValidationReport {
  const context = new MemoryContext(features);
  const plan = planRun(context.layerIds(), options);
  const total = [...plan.rules.keys()].reduce((s, id) => s + context.all(id).length, 0);
  return run(plan, context, options, progress, { done: 0, total });
}

/**
 * With a box, only what lies within this distance (m) of it is loaded: every rule looks at most
 * this far from the feature it checks (hydrant spacing, 150 m along the mains, is the farthest),
 * so a feature in the box gets the same findings as in a whole-project run — except that a
 * duplicate (parcel number, geometry) farther away than this is not seen. The UI checks the view
 * this way after each edit; `plandesk validate` checks the whole project.
 */
export const BOX_CONTEXT_MARGIN_M = 500;

/**
 * Layers loaded whole even for a box: poles name their cabinet by code, and a cabinet may feed
 * poles kilometres away (circuit reach up to 10 km); cabinets are few (one per ~400 m grid cell).
 */
const WHOLE_IN_BOX_MODE: ReadonlySet<LayerId> = new Set(['lighting_cabinets']);

/** Validates a project: every layer's rules (or those `options` picks) over every feature (or those in `options.bbox`). */
export function validateProject(project: Project, options: ValidateOptions = {}, progress?: ValidateProgress): ValidationReport {
  const available = project.layers().map((l) => l.id);
  const plan = planRun(available, options);
  const m = BOX_CONTEXT_MARGIN_M;
  const region: BBox | undefined = options.bbox
    ? [options.bbox[0] - m, options.bbox[1] - m, options.bbox[2] + m, options.bbox[3] + m]
    : undefined;
  const queryFor = (id: LayerId) => (region && !WHOLE_IN_BOX_MODE.has(id) ? { bbox: region } : {});
  const counts = new Map(plan.load.map((id) => [id, project.count(id, queryFor(id))]));
  const toRead = [...counts.values()].reduce((s, n) => s + n, 0);
  const toCheck = [...plan.rules.keys()].reduce((s, id) => s + (counts.get(id) ?? 0), 0);
  const total = toRead + toCheck;
  let done = 0;
  const loaded: Partial<Record<LayerId, RuleFeature[]>> = {};
  for (const id of plan.load) {
    const list: RuleFeature[] = [];
    for (const f of project.iterateFeatures(id, queryFor(id))) {
      list.push({ uuid: f.uuid, properties: f.properties, geometry: f.geometry });
      if (progress && ++done % PROGRESS_EVERY === 0) progress(done, total);
    }
    loaded[id] = list;
  }
  const context = new MemoryContext(loaded);
  return run(plan, context, options, progress, { done: toRead, total });
}
