/**
 * A validation report against the demo's manifest of planted violations (metadata key
 * `demo_manifest`): which planted faults were found (same rule code, same uuid), which were not,
 * and which findings were not planted. The demo test and the validation bench both read it.
 */
import type { ValidationFinding, ValidationReport } from '../api/contract.js';
import type { PlantedViolation } from '../demo/violations.js';

export interface ManifestComparison {
  readonly found: readonly PlantedViolation[];
  /** Planted and not found. */
  readonly missed: readonly PlantedViolation[];
  /** Findings a planted fault legitimately causes besides its own entry (see `isConsequence`). */
  readonly consequences: readonly ValidationFinding[];
  /** Findings neither planted nor a consequence of a planted fault: false findings. */
  readonly unexplained: readonly ValidationFinding[];
}

/**
 * Findings a planted fault legitimately causes besides its own entry, and only these: the zone
 * planted as ZONE_OVERLAP reaches 4 m across its street, so its boundary also crosses that
 * street's red lines (ZONE_CROSSES_RED_LINE on it), and where the street runs beside the river
 * or a canal it overlaps or nearly meets that water zone too (ZONE_OVERLAP / ZONE_GAP of a pair
 * that includes it, reported on the newer zone of the pair).
 */
export function isConsequence(f: ValidationFinding, manifest: readonly PlantedViolation[]): boolean {
  const reaching = new Set(manifest.filter((m) => m.kind === 'ZONE_OVERLAP').map((m) => m.uuid));
  if (f.rule === 'ZONE_CROSSES_RED_LINE') return reaching.has(f.uuid);
  if (f.rule === 'ZONE_OVERLAP' || f.rule === 'ZONE_GAP') return reaching.has(f.uuid) || reaching.has(String(f.details?.other_uuid));
  return false;
}

export function compareWithManifest(report: ValidationReport, manifest: readonly PlantedViolation[]): ManifestComparison {
  const key = (rule: string, uuid: string) => `${rule} ${uuid}`;
  const reported = new Set(report.findings.map((f) => key(f.rule, f.uuid)));
  const planted = new Set(manifest.map((m) => key(m.kind, m.uuid)));
  const unplanted = report.findings.filter((f) => !planted.has(key(f.rule, f.uuid)));
  return {
    found: manifest.filter((m) => reported.has(key(m.kind, m.uuid))),
    missed: manifest.filter((m) => !reported.has(key(m.kind, m.uuid))),
    consequences: unplanted.filter((f) => isConsequence(f, manifest)),
    unexplained: unplanted.filter((f) => !isConsequence(f, manifest)),
  };
}
