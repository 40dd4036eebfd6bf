import type { LintRule } from '../src/lint/rule.js';
import apiVersionTooNew from './api-version-too-new.js';
import breakingChangeInRange from './breaking-change-in-range.js';
import deprecatedFeature from './deprecated-feature.js';
import dynamicRequest from './dynamic-request.js';
import pinnedVersionTooLow from './pinned-version-too-low.js';
import pinnedVersionUnsupported from './pinned-version-unsupported.js';
import removedFeature from './removed-feature.js';
import unknownEndpoint from './unknown-endpoint.js';
import unknownField from './unknown-field.js';
import unusedSuppression from './unused-suppression.js';
import unversionedRequest from './unversioned-request.js';

/** Every rule, by id. A test checks that each file in rules/ is registered and documented. */
export const RULES: Record<string, LintRule> = {
  'api-version-too-new': apiVersionTooNew,
  'breaking-change-in-range': breakingChangeInRange,
  'deprecated-feature': deprecatedFeature,
  'dynamic-request': dynamicRequest,
  'pinned-version-too-low': pinnedVersionTooLow,
  'pinned-version-unsupported': pinnedVersionUnsupported,
  'removed-feature': removedFeature,
  'unknown-endpoint': unknownEndpoint,
  'unknown-field': unknownField,
  'unused-suppression': unusedSuppression,
  'unversioned-request': unversionedRequest,
};

export const RULE_LIST: readonly LintRule[] = Object.values(RULES).sort((a, b) => (a.id < b.id ? -1 : 1));
