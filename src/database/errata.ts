import { readFileSync } from 'node:fs';
import { CompatError } from '../errors.js';
import { FEATURE_LOCATIONS, HTTP_METHODS, type FeatureRef } from '../surface/feature.js';
import { parseApiVersion, type ApiVersion } from '../versions/apiVersion.js';

/**
 * A reviewed correction of the Swagger files, from Docker's CHANGELOG.md. The specs
 * sometimes document a feature versions after it shipped (`HostConfig.Init` appears
 * in v1.37.yaml, while the changelog adds `Init` in v1.25).
 */
export interface Erratum {
  features: FeatureRef[];
  /** `gap`: the feature did not leave the API where the specs omit it; `value` is the first version of the omission. */
  field: 'added' | 'removed' | 'deprecated' | 'gap';
  value: ApiVersion | null;
  /** The CHANGELOG.md section that states the fact... */
  changelog?: ApiVersion;
  /** ...or the archived Markdown API reference (`v1.24.md`) that documents it. */
  reference?: ApiVersion;
  /** Why the correction holds, citing the changelog bullet. */
  note: string;
  /**
   * The specs never describe these features, yet the daemon sent or took them (`GET /events`'
   * `status`, `id` and `from` until 1.52): with `removed`, the erratum creates their records,
   * present from the oldest spec until `value`. `type` is the JSON type they had.
   */
  undocumented?: { type: string };
}

export function readErrata(path: string): Erratum[] {
  let parsed: { errata?: unknown };
  try {
    parsed = JSON.parse(readFileSync(path, 'utf8'));
  } catch (error) {
    throw new CompatError('data', `${path}: cannot read errata: ${(error as Error).message}`);
  }
  if (!Array.isArray(parsed.errata)) throw new CompatError('data', `${path}: expected an "errata" array`);
  return parsed.errata.map((entry, index) => validateErratum(entry as Erratum, `${path}: errata[${index}]`));
}

function validateErratum(entry: Erratum, where: string): Erratum {
  if (!['added', 'removed', 'deprecated', 'gap'].includes(entry.field)) throw new CompatError('data', `${where}: field must be added, removed, deprecated or gap`);
  if ((entry.field === 'added' || entry.field === 'gap') && entry.value === null) throw new CompatError('data', `${where}: ${entry.field} needs a version`);
  if (entry.value !== null && parseApiVersion(String(entry.value)) === null) throw new CompatError('data', `${where}: value must be an API version or null`);
  const cited = [entry.changelog, entry.reference].filter((version) => version !== undefined);
  if (cited.length !== 1 || parseApiVersion(String(cited[0])) === null) {
    throw new CompatError('data', `${where}: cite exactly one source: "changelog" (a CHANGELOG.md section) or "reference" (an archived v1.NN.md), as an API version`);
  }
  if (typeof entry.note !== 'string' || entry.note.trim() === '') throw new CompatError('data', `${where}: a note citing the changelog is required`);
  if (entry.undocumented !== undefined && (entry.field !== 'removed' || typeof entry.undocumented?.type !== 'string')) {
    throw new CompatError('data', `${where}: undocumented goes with field "removed" and gives the features' JSON type: { "type": "string" }`);
  }
  if (!Array.isArray(entry.features) || entry.features.length === 0) throw new CompatError('data', `${where}: features must list at least one feature`);
  for (const feature of entry.features) {
    if (!HTTP_METHODS.includes(feature.method) || !FEATURE_LOCATIONS.includes(feature.location) || typeof feature.path !== 'string') {
      throw new CompatError('data', `${where}: each feature needs method, path, location and name`);
    }
    feature.name ??= '';
  }
  return entry;
}

/** The API version of the source an erratum cites. */
export function citedVersion(erratum: Erratum): ApiVersion {
  return (erratum.changelog ?? erratum.reference)!;
}
