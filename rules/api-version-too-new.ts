import { defineRule } from '../src/lint/rule.js';
import { compareApiVersions } from '../src/versions/apiVersion.js';

/** An unversioned call that needs a newer API than a targeted daemon speaks. */
export default defineRule({
  id: 'api-version-too-new',
  description: 'A call needs a newer API version than the oldest targeted engine serves.',
  defaultSeverity: 'error',
  messages: {
    tooNew: '{{endpoint}} needs API {{needed}} ({{feature}}), but {{targets}} serve(s) at most {{served}}',
  },
  docs: {
    rationale:
      'An unversioned request speaks whatever version the daemon answers with. A daemon older than the feature ' +
      'does not know it: a body field or query parameter is silently ignored, an endpoint answers 404. ' +
      'Pinned requests are judged by pinned-version-too-low and pinned-version-unsupported instead. ' +
      'A version known only as "or earlier" (a feature the oldest spec already has, or a stats field the specs first ' +
      'describe in 1.48) says when the specs show the feature, not when the daemon got it, and is not reported.',
    failing: {
      title: 'HostConfig.Annotations (API 1.43) against docker 23.0 (API 1.42)',
      language: 'typescript',
      code: "// target: docker >= 23.0\nimport Docker from 'dockerode';\n\nconst docker = new Docker();\nawait docker.createContainer({ Image: 'nginx', HostConfig: { Annotations: { team: 'web' } } });",
      message: 'POST /containers/create needs API 1.43 (POST /containers/create body field HostConfig.Annotations), but docker 23.0 serve(s) at most 1.42',
    },
    passing: {
      title: 'The same call when every targeted engine serves 1.43',
      language: 'typescript',
      code: "// target: docker >= 24.0\nimport Docker from 'dockerode';\n\nconst docker = new Docker();\nawait docker.createContainer({ Image: 'nginx', HostConfig: { Annotations: { team: 'web' } } });",
    },
  },
  check(context) {
    for (const usage of context.usages) {
      if (usage.pinnedVersion || !usage.minVersion || usage.minVersionIsFloor || !usage.minVersionReason) continue;
      const tooOld = context.targets.filter((daemon) => compareApiVersions(daemon.maxApiVersion, usage.minVersion!) < 0);
      if (tooOld.length === 0) continue;
      const served = tooOld.map((daemon) => daemon.maxApiVersion).sort(compareApiVersions)[0];
      context.report({
        messageId: 'tooNew',
        usage,
        targets: tooOld,
        data: {
          endpoint: `${usage.method} ${usage.path}`,
          needed: usage.minVersion,
          feature: usage.minVersionReason.feature,
          targets: context.describeTargets(tooOld),
          served,
        },
      });
    }
  },
});
