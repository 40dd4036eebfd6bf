import type { FeatureRecord } from '../database/compatDatabase.js';
import type { CompatIndex } from '../database/compatIndex.js';
import type { FeatureFacts } from '../surface/schemaFlattener.js';
import type { ApiVersion } from '../versions/apiVersion.js';
import { oldestEngineServing } from '../versions/engineReleases.js';

/** `1.41 (docker 20.10)`: an API version and the oldest engine release that serves it. */
export function versionWithEngine(index: CompatIndex, version: ApiVersion): string {
  const engine = oldestEngineServing(index.database.engines, version);
  return engine ? `${version} (docker ${engine.engine})` : `${version} (no released engine yet)`;
}

/** "1.41", or "1.25 or earlier" when the oldest spec already has the feature (or a later version that first describes it, see addedIsFloor). */
export function addedText(feature: FeatureRecord): string {
  return feature.addedIsFloor ? `${feature.added} or earlier` : feature.added;
}

export function factsText(facts: FeatureFacts): string {
  const parts: string[] = [];
  if (facts.type) parts.push(facts.format ? `${facts.type} (${facts.format})` : facts.type);
  if (facts.enum) parts.push(`one of ${facts.enum.map((value) => JSON.stringify(value)).join(', ')}`);
  if (facts.default !== undefined) parts.push(`default ${JSON.stringify(facts.default)}`);
  if (facts.required) parts.push('required');
  if (facts.nullable) parts.push('nullable');
  return parts.join('; ');
}
