/**
 * docker-api-compat as a library. The CLI (src/cli) is a thin shell over these.
 */
export { CompatError, isCompatError, type CompatErrorKind } from './errors.js';

export { compareApiVersions, parseApiVersion, type ApiVersion } from './versions/apiVersion.js';
export { findEngineRelease, oldestEngineServing, enginesServing, type EngineRelease } from './versions/engineReleases.js';
export { parseVersionSpecifier, resolveSpecVersion, type VersionSpecifier } from './versions/versionSpecifier.js';

export { resolveSpecDirectory, SPEC_DIR_ENV } from './load/specDirectory.js';
export { readSourcesManifest, type SourcesManifest, type SourceFile } from './load/sourcesManifest.js';
export { loadSpecDocument } from './load/loadSpec.js';
export { buildSurface, type SpecSurface } from './surface/buildSurface.js';
export { describeFeature, featureKey, type FeatureRef, type FeatureLocation, type HttpMethod } from './surface/feature.js';

export { CHANGE_KINDS, type ChangeSeverity, type ChangeKindInfo } from './diff/changeKinds.js';
export { diffSurfaces, type FeatureChange } from './diff/diffSurfaces.js';

export {
  DATABASE_SCHEMA_VERSION,
  loadDatabase,
  parseDatabase,
  serializeDatabase,
  type CompatDatabase,
  type FeatureRecord,
  type FeatureChangeRecord,
} from './database/compatDatabase.js';
export { compileDatabase } from './database/compileDatabase.js';
export { compileFromSources, type CompiledArtifacts } from './database/compileFromSources.js';
export { CompatIndex } from './database/compatIndex.js';
export { diffVersionRange, type VersionRangeDiff, type RangeChange } from './database/versionDiff.js';
export { explainFeature, type ExplainResult } from './database/explainFeature.js';

export { scanProject, SCAN_SCHEMA_VERSION, type ScanResult, type ScanOptions } from './analyser/scanProject.js';
export type { ScanUsage } from './analyser/matchUsages.js';
export type { RawUsage, VersionSetting, CliInvocation } from './analyser/usage.js';

export { resolveTargets, DEFAULT_TARGET, type TargetDaemon } from './lint/targets.js';
export { spokenVersion, type SpokenVersion } from './lint/spokenVersion.js';
export { runLint, type LintResult } from './lint/runLint.js';
export type { Finding } from './lint/finding.js';
export type { LintRule, RuleContext } from './lint/rule.js';
export { auditUpgrade, type AuditResult } from './lint/audit.js';
export { loadConfig } from './config/loadConfig.js';
export { queryDaemon } from './daemon/queryDaemon.js';
