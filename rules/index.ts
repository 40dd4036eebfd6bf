import type { LintRule } from '../src/lint/rule.js';
import apiVersionTooNew from './api-version-too-new.js';
import removedFeature from './removed-feature.js';

/** Every rule, by id. A test checks that each file in rules/ is registered and documented. */
export const RULES: Record<string, LintRule> = {
  'api-version-too-new': apiVersionTooNew,
  'removed-feature': removedFeature,
};

export const RULE_LIST: readonly LintRule[] = Object.values(RULES).sort((a, b) => (a.id < b.id ? -1 : 1));
