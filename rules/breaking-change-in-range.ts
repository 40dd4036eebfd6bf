import type { ScanUsage } from '../src/analyser/matchUsages.js';
import type { FeatureChangeRecord, FeatureRecord } from '../src/database/compatDatabase.js';
import { changeMessage } from '../src/diff/changeMessage.js';
import { structuralEvent } from '../src/diff/diffSurfaces.js';
import { defineRule, type RuleContext } from '../src/lint/rule.js';
import type { TargetDaemon } from '../src/lint/targets.js';
import { compareApiVersions, type ApiVersion, versionSpan } from '../src/versions/apiVersion.js';

interface Spoken {
  daemon: TargetDaemon;
  version: ApiVersion;
}

/** A breaking change of the feature's own (not its appearance or disappearance: api-version-too-new and removed-feature judge those). */
function isBreakingChange(change: FeatureChangeRecord): boolean {
  return change.severity === 'breaking' && structuralEvent(change.kind) === undefined;
}

const BECAME_REQUIRED = /-became-required$/;

/** `HostConfig.Mounts[].Type` is within `HostConfig` and `HostConfig.Mounts`. */
function isWithin(path: string, prefix: string): boolean {
  return path === prefix || (path.startsWith(prefix) && /^[.[{]/.test(path.slice(prefix.length)));
}

/** Whether the call sends the parameter or field (or, for a body field, something inside it). */
function sends(usage: ScanUsage, feature: FeatureRecord): boolean {
  if (feature.location === 'query') return usage.query.includes(feature.name) || usage.unknown.query.includes(feature.name);
  if (feature.location === 'header') return usage.headers.some((header) => header.toLowerCase() === feature.name.toLowerCase());
  if (feature.location === 'body') return usage.body.some((path) => isWithin(path, feature.name));
  return true;
}

/** For a nested body field, whether the call sends the object it belongs to: a required key only matters there. */
function sendsParentOf(usage: ScanUsage, feature: FeatureRecord): boolean {
  if (feature.location !== 'body') return true;
  const cut = Math.max(feature.name.lastIndexOf('.'), feature.name.lastIndexOf('[]'), feature.name.lastIndexOf('{}'));
  if (cut <= 0) return true;
  const parent = feature.name.slice(0, cut).replace(/(\[\]|\{\})+$/, '');
  return usage.body.some((path) => isWithin(path, parent));
}

/** Whether everything the call sends is known: only then can a missing required field be told apart. */
function keysFullyKnown(usage: ScanUsage): boolean {
  return usage.dynamic.every((entry) => usage.endpointKnown && /^path: \{\} is /.test(entry));
}

/** Splits the daemons that see a feature around the version of a change. */
function around(context: RuleContext, spoken: readonly Spoken[], feature: FeatureRecord, version: ApiVersion): { before: Spoken[]; after: Spoken[] } {
  const present = spoken.filter((entry) => context.isPresentAt(feature, entry.version));
  return {
    before: present.filter((entry) => compareApiVersions(entry.version, version) < 0),
    after: present.filter((entry) => compareApiVersions(entry.version, version) >= 0),
  };
}

/** A call whose targets speak versions on both sides of a breaking change to something it uses. */
export default defineRule({
  id: 'breaking-change-in-range',
  description:
    'A feature a call uses changes in a breaking way (type, enum values, required) between the lowest and highest API version the call speaks across the targets.',
  defaultSeverity: 'warning',
  messages: {
    changed: '{{change}} in API {{version}}: this call meets the old form on {{before}} (API {{beforeVersions}}) and the new one on {{after}} (API {{afterVersions}})',
    requiredNotSent:
      '{{change}} in API {{version}} and this call does not send it: {{after}} (API {{afterVersions}}) reject(s) what {{before}} (API {{beforeVersions}}) accept(s)',
  },
  docs: {
    rationale:
      'An unversioned call speaks the newest version of whatever daemon it meets, so across a fleet of targets it speaks ' +
      'several versions. When a field it sends or reads changes type, loses enum values or becomes required between the ' +
      'oldest and the newest of them, the same code is right against some daemons and wrong against others. Pin a version ' +
      '(a pinned call speaks one version everywhere and never triggers this rule) or handle both forms. Additions and ' +
      'removals are judged by api-version-too-new and removed-feature; a field that became required is reported when the ' +
      'call does not send it.',
    failing: {
      title: 'Plugin interface types read from an unversioned list, against docker 28.5 and 29.0 (the type changed in 1.52)',
      language: 'typescript',
      code:
        "// target: docker 28.5, docker 29.0\nimport Docker from 'dockerode';\n\nconst docker = new Docker();\n" +
        'const plugins = await docker.listPlugins();\nfor (const plugin of plugins) console.log(plugin.Config.Interface.Types);',
      message:
        'GET /plugins response 200 field [].Config.Interface.Types type changed from array<object> to array<string> in API 1.52: ' +
        'this call meets the old form on docker 28.5 (API 1.51) and the new one on docker 29.0 (API 1.52)',
    },
    passing: {
      title: 'The same call pinned to one version: every daemon answers in that form',
      language: 'typescript',
      code:
        "// target: docker 28.5, docker 29.0\nimport Docker from 'dockerode';\n\nconst docker = new Docker({ version: 'v1.51' });\n" +
        'const plugins = await docker.listPlugins();\nfor (const plugin of plugins) console.log(plugin.Config.Interface.Types);',
    },
  },
  check(context) {
    for (const usage of context.usages) {
      if (!usage.method || !usage.path || !usage.endpointKnown) continue;
      const spoken: Spoken[] = [];
      for (const daemon of context.targets) {
        const version = context.speaks(usage, daemon);
        if (version.kind !== 'refused') spoken.push({ daemon, version: version.version });
      }
      if (new Set(spoken.map((entry) => entry.version)).size < 2) continue;
      const versions = spoken.map((entry) => entry.version).sort(compareApiVersions);
      const low = versions[0];
      const high = versions[versions.length - 1];
      const inRange = (change: FeatureChangeRecord) => compareApiVersions(change.version, low) > 0 && compareApiVersions(change.version, high) <= 0;

      const report = (messageId: string, feature: FeatureRecord, change: FeatureChangeRecord) => {
        const { before, after } = around(context, spoken, feature, change.version);
        if (before.length === 0 || after.length === 0) return;
        context.report({
          messageId,
          usage,
          feature,
          targets: [...before, ...after].map((entry) => entry.daemon),
          data: {
            change: changeMessage(feature, change.kind, change.from, change.to),
            version: change.version,
            before: context.describeTargets(before.map((entry) => entry.daemon)),
            beforeVersions: versionSpan(before.map((entry) => entry.version)),
            after: context.describeTargets(after.map((entry) => entry.daemon)),
            afterVersions: versionSpan(after.map((entry) => entry.version)),
          },
        });
      };

      // What the call sends or reads: a change of type or values meets it on one side of the range.
      for (const feature of usage.features) {
        for (const change of feature.changes) {
          if (isBreakingChange(change) && !BECAME_REQUIRED.test(change.kind) && inRange(change)) report('changed', feature, change);
        }
      }
      // What the call does not send: a parameter or field that became required rejects it on the newer side.
      if (!keysFullyKnown(usage)) continue;
      const operation = context.index.findOperation(usage.method, usage.path);
      for (const feature of operation?.features ?? []) {
        if (feature.location !== 'query' && feature.location !== 'header' && feature.location !== 'body') continue;
        for (const change of feature.changes) {
          if (!isBreakingChange(change) || !BECAME_REQUIRED.test(change.kind) || !inRange(change)) continue;
          if (!sends(usage, feature) && sendsParentOf(usage, feature)) report('requiredNotSent', feature, change);
        }
      }
    }
  },
});
