import { defineRule } from '../src/lint/rule.js';
import { describeFeature } from '../src/surface/feature.js';

/** A call that uses something the API version it speaks no longer has. */
export default defineRule({
  id: 'removed-feature',
  description: 'A call uses something removed at or before the API version it speaks to a targeted daemon.',
  defaultSeverity: 'error',
  messages: {
    removed: '{{feature}} was removed in API {{removed}}; against {{targets}} this call speaks {{spoken}}',
  },
  docs: {
    rationale:
      'The daemon ignores request fields and query parameters it no longer knows, and stops sending removed ' +
      'response fields: code that relies on them breaks silently. An unversioned call speaks the newest version ' +
      'of each targeted daemon; a pinned call keeps the features of its pin.',
    failing: {
      title: 'MacAddress in the create body (removed in 1.52) from an unversioned client, against docker 29.0',
      language: 'typescript',
      code: "// target: docker 29.0\nimport Docker from 'dockerode';\n\nconst docker = new Docker();\nawait docker.createContainer({ Image: 'nginx', MacAddress: '02:42:ac:11:00:02' });",
      message: 'POST /containers/create body field MacAddress was removed in API 1.52; against docker 29.0 this call speaks 1.52',
    },
    passing: {
      title: 'The endpoint setting that replaces it',
      language: 'typescript',
      code: "// target: docker 29.0\nimport Docker from 'dockerode';\n\nconst docker = new Docker();\nawait docker.createContainer({\n  Image: 'nginx',\n  NetworkingConfig: { EndpointsConfig: { web: { MacAddress: '02:42:ac:11:00:02' } } },\n});",
    },
  },
  check(context) {
    for (const usage of context.usages) {
      for (const feature of usage.removed) {
        const affected = context.targets.filter((daemon) => {
          const spoken = context.speaks(usage, daemon);
          return spoken.kind !== 'refused' && !context.isPresentAt(feature, spoken.version);
        });
        if (affected.length === 0) continue;
        const spoken = [...new Set(affected.map((daemon) => {
          const version = context.speaks(usage, daemon);
          return version.kind === 'refused' ? version.pin : version.version;
        }))].join(', ');
        context.report({
          messageId: 'removed',
          usage,
          feature,
          targets: affected,
          data: { feature: describeFeature(feature), removed: feature.removed ?? '?', targets: context.describeTargets(affected), spoken },
        });
      }
    }
  },
});
