import type { ConfiguredSeverity } from '../lint/finding.js';
import { DEFAULT_TARGET } from '../lint/targets.js';

/** Where the published schema says it lives; docs/config.schema.json is shipped in the package. */
export const CONFIG_SCHEMA_ID = 'https://unpkg.com/docker-api-compat/docs/config.schema.json';

/** Severities as written in a configuration file, in the order messages list them. */
export const CONFIG_SEVERITIES = ['off', 'info', 'warn', 'error'] as const;
export type ConfigSeverity = (typeof CONFIG_SEVERITIES)[number];

/** `warn` is the spelling users know from ESLint; findings call it `warning`. */
export const SEVERITY_FROM_CONFIG: Record<ConfigSeverity, ConfiguredSeverity> = { off: 'off', info: 'info', warn: 'warning', error: 'error' };
const SEVERITY_TO_CONFIG: Record<ConfiguredSeverity, ConfigSeverity> = { off: 'off', info: 'info', warning: 'warn', error: 'error' };

/** Every top-level key a configuration may have. */
export const CONFIG_KEYS = ['$schema', 'targets', 'rules', 'include', 'ignore', 'baseline'] as const;

/** What the schema needs to know about a rule. */
export interface SchemaRule {
  description: string;
  defaultSeverity: ConfiguredSeverity;
}

/**
 * The JSON Schema (draft-07) of a configuration file, with one property per rule of
 * the registry. docs/config.schema.json is this, serialized by `serializeConfigSchema`;
 * test/config/configSchema.test.ts fails when the two differ (regenerate with
 * `npx vitest run test/config/configSchema.test.ts -u`).
 */
export function buildConfigSchema(rules: Readonly<Record<string, SchemaRule>>): Record<string, unknown> {
  const ruleProperties = Object.fromEntries(
    Object.keys(rules)
      .sort()
      .map((id) => [
        id,
        {
          description: `${rules[id].description} Default: ${SEVERITY_TO_CONFIG[rules[id].defaultSeverity]}.`,
          $ref: '#/definitions/ruleEntry',
        },
      ]),
  );
  return {
    $schema: 'http://json-schema.org/draft-07/schema#',
    $id: CONFIG_SCHEMA_ID,
    title: 'docker-api-compat configuration',
    description:
      'Configuration of `docker-api-compat lint`: a package.json "dockerApiCompat" key, .docker-api-compatrc[.json|.yaml|.yml] ' +
      'or docker-api-compat.config.{json,yaml,yml}. See docs/configuration.md.',
    type: 'object',
    additionalProperties: false,
    properties: {
      $schema: { description: 'The JSON Schema of this file, for editors.', type: 'string' },
      targets: {
        description: `Daemons the code must work with, as target queries (see docs/targets.md). The command line's --target replaces them. Default: ${DEFAULT_TARGET}.`,
        oneOf: [
          { $ref: '#/definitions/targetQuery' },
          { type: 'array', minItems: 1, items: { $ref: '#/definitions/targetQuery' } },
        ],
      },
      rules: {
        description: 'Rule settings by rule id: a severity, or [severity, options]. Rules not named run at their default severity.',
        type: 'object',
        additionalProperties: false,
        properties: ruleProperties,
      },
      include: {
        description: "Glob(s) of files to read, replacing the defaults, matched in each folder given to lint. The command line's --include replaces them.",
        $ref: '#/definitions/globs',
      },
      ignore: {
        description: "Glob(s) of files to skip, in addition to the built-in ones (node_modules, dist, ...). The command line's --ignore replaces them.",
        $ref: '#/definitions/globs',
      },
      baseline: {
        description: 'The baseline file of accepted findings, relative to this configuration file.',
        type: 'string',
        minLength: 1,
      },
    },
    definitions: {
      targetQuery: {
        description: 'A target query; several may be separated by commas.',
        type: 'string',
        pattern: '\\S',
        examples: ['docker >= 24.0', 'docker 25.0 - 29.2', 'api >= 1.44', 'maintained', 'latest', 'all'],
      },
      severity: {
        description: 'off disables the rule; info, warn and error set the severity of its findings (errors make lint exit 1).',
        enum: [...CONFIG_SEVERITIES],
      },
      ruleEntry: {
        oneOf: [
          { $ref: '#/definitions/severity' },
          {
            type: 'array',
            items: [{ $ref: '#/definitions/severity' }, { description: "The rule's options.", type: 'object' }],
            minItems: 1,
            maxItems: 2,
            additionalItems: false,
          },
        ],
      },
      globs: {
        oneOf: [
          { type: 'string', minLength: 1 },
          { type: 'array', items: { type: 'string', minLength: 1 } },
        ],
      },
    },
  };
}

export function serializeConfigSchema(rules: Readonly<Record<string, SchemaRule>>): string {
  return `${JSON.stringify(buildConfigSchema(rules), null, 2)}\n`;
}
