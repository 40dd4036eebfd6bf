import type { SourcePosition } from '../analyser/usage.js';

/** Severities a finding can have; `off` in configuration disables a rule. */
export type FindingSeverity = 'error' | 'warning' | 'info';
export type ConfiguredSeverity = FindingSeverity | 'off';

/** One problem a rule found, located in the code. */
export interface Finding extends SourcePosition {
  ruleId: string;
  severity: FindingSeverity;
  messageId: string;
  /** Values for the message template. */
  data: Record<string, string>;
  /** The message, rendered from the rule's template and `data`. */
  message: string;
  /** The target daemons the finding holds for (`docker 24.0`); empty when it does not depend on one. */
  targets: string[];
  /** The endpoint and feature concerned, for grouping and for fingerprints. */
  endpoint: string | null;
  feature: string | null;
  /**
   * Identifies the finding across runs whatever line it moves to: rule, file,
   * endpoint, feature and message id. Used by baselines and SARIF partialFingerprints.
   */
  fingerprint: string;
  /** Set when an inline directive or the baseline accepts the finding. */
  suppression?: { kind: 'inline' | 'baseline'; justification?: string };
}
