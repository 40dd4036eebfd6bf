import type { FeatureRecord } from '../src/database/compatDatabase.js';
import { defineRule } from '../src/lint/rule.js';
import { describeFeature } from '../src/surface/feature.js';
import { compareApiVersions, type ApiVersion, versionSpan } from '../src/versions/apiVersion.js';

/** What to use instead: the record's `replacement`, else what its deprecation change names. */
function replacementOf(feature: FeatureRecord): string | undefined {
  if (feature.replacement) return feature.replacement;
  const deprecation = feature.changes.find((change) => change.severity === 'deprecation' && typeof change.to === 'string');
  return typeof deprecation?.to === 'string' ? deprecation.to : undefined;
}

/** A call that uses something the API version it speaks still has but announces for removal. */
export default defineRule({
  id: 'deprecated-feature',
  description: 'A call uses something deprecated at or before the API version it speaks to a targeted daemon, and still present there.',
  defaultSeverity: 'warning',
  messages: {
    deprecated: '{{feature}} is deprecated since API {{deprecated}} ({{fate}}); against {{targets}} this call speaks {{spoken}}',
    deprecatedWithReplacement:
      '{{feature}} is deprecated since API {{deprecated}} ({{fate}}): use {{replacement}} instead; against {{targets}} this call speaks {{spoken}}',
  },
  docs: {
    rationale:
      'A deprecated endpoint, parameter or field still works at the version the call speaks, but the spec announces ' +
      'that a later version drops it: when the daemon is upgraded, an unversioned call starts speaking that version and ' +
      'loses it silently (see removed-feature). Moving to the replacement while both work is the cheap moment. ' +
      'An unversioned call speaks the newest version of each targeted daemon; a pinned call speaks its pin.',
    failing: {
      title: 'MacAddress in the create body (deprecated in 1.44, removed in 1.52) from an unversioned client, against docker 25.0 to 28.5',
      language: 'typescript',
      code:
        "// target: docker 25.0 - 28.5\nimport Docker from 'dockerode';\n\nconst docker = new Docker();\n" +
        "await docker.createContainer({ Image: 'nginx', MacAddress: '02:42:ac:11:00:02' });",
      message:
        'POST /containers/create body field MacAddress is deprecated since API 1.44 (removed in API 1.52): use EndpointSettings.MacAddress instead; ' +
        'against docker 25.0 to 28.5 this call speaks 1.44 to 1.51',
    },
    passing: {
      title: 'The endpoint setting that replaces it',
      language: 'typescript',
      code:
        "// target: docker 25.0 - 28.5\nimport Docker from 'dockerode';\n\nconst docker = new Docker();\nawait docker.createContainer({\n" +
        "  Image: 'nginx',\n  NetworkingConfig: { EndpointsConfig: { web: { MacAddress: '02:42:ac:11:00:02' } } },\n});",
    },
  },
  check(context) {
    for (const usage of context.usages) {
      for (const feature of usage.deprecated) {
        const deprecated = feature.deprecated;
        if (!deprecated) continue;
        const affected: { daemon: (typeof context.targets)[number]; version: ApiVersion }[] = [];
        for (const daemon of context.targets) {
          const spoken = context.speaks(usage, daemon);
          if (spoken.kind === 'refused') continue;
          if (compareApiVersions(spoken.version, deprecated) >= 0 && context.isPresentAt(feature, spoken.version)) affected.push({ daemon, version: spoken.version });
        }
        if (affected.length === 0) continue;
        const replacement = replacementOf(feature);
        const targets = affected.map((entry) => entry.daemon);
        context.report({
          messageId: replacement ? 'deprecatedWithReplacement' : 'deprecated',
          usage,
          feature,
          targets,
          data: {
            feature: describeFeature(feature),
            deprecated: deprecated === context.index.oldestSpec ? `${deprecated} or earlier` : deprecated,
            fate: feature.removed ? `removed in API ${feature.removed}` : `not removed as of API ${context.index.newestSpec}`,
            ...(replacement ? { replacement } : {}),
            targets: context.describeTargets(targets),
            spoken: versionSpan(affected.map((entry) => entry.version)),
          },
        });
      }
    }
  },
});
