import { describePinSource } from '../src/lint/pinDescription.js';
import { defineRule } from '../src/lint/rule.js';
import { versionSpan } from '../src/versions/apiVersion.js';

/** A pinned call that a targeted daemon refuses outright. */
export default defineRule({
  id: 'pinned-version-unsupported',
  description: "A call pins an API version outside a targeted daemon's supported range, so the daemon refuses it.",
  defaultSeverity: 'error',
  messages: {
    tooOld:
      '{{endpoint}} is pinned to API {{pin}} by {{pinSource}}, which {{targets}} refuse(s): "client version {{pin}} is too old. Minimum supported API version is {{limit}}"',
    tooNew:
      '{{endpoint}} is pinned to API {{pin}} by {{pinSource}}, which {{targets}} refuse(s): "client version {{pin}} is too new. Maximum supported API version is {{limit}}"',
  },
  docs: {
    rationale:
      'A daemon serves a range of API versions and answers 400 to a request pinned outside it, whatever the request. ' +
      'Engines raise the minimum from time to time (Docker Engine 29.0 refuses everything below 1.44), so a pin that ' +
      'worked for years fails after an upgrade; a pin newer than an old daemon fails the same way. Move the pin into every ' +
      "targeted daemon's range, or let the client speak the daemon's version.",
    failing: {
      title: 'A client pinned to 1.41 against docker 29.0, whose minimum is 1.44',
      language: 'typescript',
      code: "// target: docker 29.0\nimport Docker from 'dockerode';\n\nconst docker = new Docker({ version: 'v1.41' });\nawait docker.listContainers({ all: true });",
      message:
        'GET /containers/json is pinned to API 1.41 by the client\'s version option, which docker 29.0 refuse(s): "client version 1.41 is too old. Minimum supported API version is 1.44"',
    },
    passing: {
      title: 'A pin every targeted daemon serves',
      language: 'typescript',
      code: "// target: docker 29.0\nimport Docker from 'dockerode';\n\nconst docker = new Docker({ version: 'v1.44' });\nawait docker.listContainers({ all: true });",
    },
  },
  check(context) {
    for (const usage of context.usages) {
      const pin = usage.pinnedVersion;
      if (!pin) continue;
      // One finding per reason: the daemons that refuse the pin as too old, and those that refuse it as too new.
      for (const reason of ['too-old', 'too-new'] as const) {
        const refusing = context.targets.filter((daemon) => {
          const spoken = context.speaks(usage, daemon);
          return spoken.kind === 'refused' && spoken.reason === reason;
        });
        if (refusing.length === 0) continue;
        const limits = refusing.map((daemon) => (reason === 'too-old' ? daemon.minApiVersion! : daemon.maxApiVersion));
        context.report({
          messageId: reason === 'too-old' ? 'tooOld' : 'tooNew',
          usage,
          targets: refusing,
          data: {
            endpoint: usage.method && usage.path ? `${usage.method} ${usage.path}` : 'this request',
            pin,
            pinSource: describePinSource(usage),
            targets: context.describeTargets(refusing),
            limit: versionSpan(limits),
          },
        });
      }
    }
  },
});
