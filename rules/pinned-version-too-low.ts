import type { FeatureRecord } from '../src/database/compatDatabase.js';
import { describePinSource } from '../src/lint/pinDescription.js';
import { defineRule } from '../src/lint/rule.js';
import { describeFeature } from '../src/surface/feature.js';
import { compareApiVersions } from '../src/versions/apiVersion.js';

/** `query parameter signal`: the feature without its endpoint, which the message names first. */
function featureWithinEndpoint(feature: FeatureRecord): string {
  return describeFeature(feature).slice(`${feature.method} ${feature.path} `.length);
}

/** `HostConfig.Mounts[].Type` lies inside `HostConfig.Mounts`: report the outer one only. */
function isInside(inner: FeatureRecord, outer: FeatureRecord): boolean {
  if (inner === outer || inner.location !== outer.location || inner.status !== outer.status) return false;
  return inner.name.startsWith(outer.name) && /^[.[{]/.test(inner.name.slice(outer.name.length));
}

/** A pinned call that uses something newer than its pin. */
export default defineRule({
  id: 'pinned-version-too-low',
  description: 'A pinned call uses an endpoint, parameter or field added after the API version it pins.',
  defaultSeverity: 'error',
  messages: {
    endpointTooNew: '{{endpoint}} is pinned to API {{pinned}} by {{pinSource}}, but the endpoint was added in API {{added}}: the daemon rejects the call',
    requestTooNew: '{{endpoint}} is pinned to API {{pinned}} by {{pinSource}}, but its {{feature}} needs API {{added}}: the daemon ignores it or rejects the call',
    responseTooNew: '{{endpoint}} is pinned to API {{pinned}} by {{pinSource}}, but reads {{feature}}, added in API {{added}}: responses at {{pinned}} do not have it',
  },
  docs: {
    rationale:
      'A pinned request speaks its pin whatever the daemon runs: the daemon answers as API version X would, even when it ' +
      'knows newer versions. A body field or query parameter added after the pin is ignored (or the request is rejected as ' +
      'malformed), an endpoint added after the pin answers 404, and a response field added after it is never sent. ' +
      'Raise the pin to the version the call needs, or drop what needs more.',
    failing: {
      title: 'A client pinned to 1.41 sends the stop signal parameter (added in 1.42)',
      language: 'typescript',
      code:
        "// target: docker >= 23.0\nimport Docker from 'dockerode';\n\nconst docker = new Docker({ version: 'v1.41' });\n" +
        "await docker.getContainer('web').stop({ signal: 'SIGINT' });",
      message:
        "POST /containers/{id}/stop is pinned to API 1.41 by the client's version option, but its query parameter signal needs API 1.42: " +
        'the daemon ignores it or rejects the call',
    },
    passing: {
      title: 'The pin raised to the version the call needs',
      language: 'typescript',
      code:
        "// target: docker >= 23.0\nimport Docker from 'dockerode';\n\nconst docker = new Docker({ version: 'v1.42' });\n" +
        "await docker.getContainer('web').stop({ signal: 'SIGINT' });",
    },
  },
  check(context) {
    for (const usage of context.usages) {
      const pinned = usage.pinnedVersion;
      if (!pinned || !usage.method || !usage.path) continue;
      // "1.25 or earlier" is no claim that the pin lacks it; a feature removed by then is removed-feature's.
      const tooNew = usage.features.filter(
        (feature) => !feature.addedIsFloor && compareApiVersions(feature.added, pinned) > 0 && !context.isPresentAt(feature, pinned),
      );
      const operation = tooNew.find((feature) => feature.location === 'operation');
      const reported = operation ? [operation] : tooNew.filter((feature) => !tooNew.some((outer) => isInside(feature, outer)));
      for (const feature of reported) {
        const messageId = feature.location === 'operation' ? 'endpointTooNew' : feature.location === 'response' ? 'responseTooNew' : 'requestTooNew';
        context.report({
          messageId,
          usage,
          feature,
          data: { endpoint: `${usage.method} ${usage.path}`, pinned, pinSource: describePinSource(usage), feature: featureWithinEndpoint(feature), added: feature.added },
        });
      }
    }
  },
});
