import type { ScanUsage } from '../src/analyser/matchUsages.js';
import { defineRule, type RuleContext } from '../src/lint/rule.js';
import { compareApiVersions, type ApiVersion, versionSpan } from '../src/versions/apiVersion.js';

/** `State.Health.Status, State.Running and 2 more`. */
function listFields(fields: readonly string[]): string {
  return fields.length <= 3 ? fields.join(', ') : `${fields.slice(0, 3).join(', ')} and ${fields.length - 3} more`;
}

/**
 * The version to suggest: the newest one every targeted daemon serves, when the call has
 * everything it needs there and no target refuses it. Undefined when there is none.
 */
function suggestedPin(usage: ScanUsage, context: RuleContext): ApiVersion | undefined {
  const pin = context.targets.map((daemon) => daemon.maxApiVersion).sort(compareApiVersions)[0];
  if (pin === undefined) return undefined;
  if (usage.minVersion && !usage.minVersionIsFloor && compareApiVersions(usage.minVersion, pin) > 0) return undefined;
  if (context.targets.some((daemon) => daemon.minApiVersion && compareApiVersions(pin, daemon.minApiVersion) < 0)) return undefined;
  return pin;
}

/** How to pin a version with the client the call uses. */
function howToPin(usage: ScanUsage, context: RuleContext): string {
  if (usage.client === 'docker-node-sdk') return '@docker/node-sdk cannot pin one: every request it sends is unversioned';
  const version = suggestedPin(usage, context);
  if (!version) return 'no single version suits every target, so pinning one needs narrower targets';
  switch (usage.client) {
    case 'dockerode':
    case 'node-docker-api':
      return `pin one with new Docker({ version: 'v${version}' })`;
    case 'docker-modem':
      return `pin one with new Modem({ version: 'v${version}' })`;
    default:
      return `pin one with a /v${version} prefix on the path`;
  }
}

/** A request that speaks whatever version the daemon runs. */
export default defineRule({
  id: 'unversioned-request',
  description:
    'A request with no API version pin: it speaks whatever version each daemon runs. A warning when the call reads response fields, info otherwise.',
  defaultSeverity: 'warning',
  messages: {
    readsResponse:
      '{{endpoint}} has no API version pin but reads {{fields}}: the response follows each daemon upgrade ({{targets}} answer(s) with API {{versions}}); {{howToPin}}',
    unversioned: '{{endpoint}} has no API version pin: it speaks whatever version the daemon runs ({{targets}}: API {{versions}}); {{howToPin}}',
    unusablePin: '{{endpoint}} has no usable API version pin: {{note}}',
  },
  docs: {
    rationale:
      'The daemon answers an unversioned request at its own newest API version. What the request means and what comes ' +
      'back then change with every daemon upgrade: response fields appear, change type or disappear under code that reads ' +
      'them, and fields the code sends may be dropped. Pinning a version makes the daemon answer the same way until the pin ' +
      'is moved on purpose. Calls that read response fields are reported as warnings; calls that only send a request ' +
      '(start, stop, remove) are reported as info, since what they send is checked by the other rules. A version option ' +
      'the daemon cannot route (dockerode\'s version without its leading "v") is reported as a warning.',
    failing: {
      title: 'An unversioned client that reads the inspect response',
      language: 'typescript',
      code:
        "// target: docker >= 25.0\nimport Docker from 'dockerode';\n\nconst docker = new Docker();\n" +
        "const info = await docker.getContainer('web').inspect();\nconsole.log(info.State.Health.Status);",
      message:
        "GET /containers/{id}/json has no API version pin but reads State.Health.Status: the response follows each daemon upgrade " +
        "(docker 25.0 to 29.5 answer(s) with API 1.44 to 1.54); pin one with new Docker({ version: 'v1.44' })",
    },
    passing: {
      title: 'The client pinned to a version every targeted daemon serves',
      language: 'typescript',
      code:
        "// target: docker >= 25.0\nimport Docker from 'dockerode';\n\nconst docker = new Docker({ version: 'v1.44' });\n" +
        "const info = await docker.getContainer('web').inspect();\nconsole.log(info.State.Health.Status);",
    },
  },
  check(context) {
    for (const usage of context.usages) {
      if (usage.pinnedVersion) continue;
      // A version prefix or client that could not be resolved is not known to be absent: dynamic-request says so.
      if (usage.dynamic.some((entry) => entry.startsWith('version'))) continue;
      // A path built at run time may carry its own prefix; a path parameter filled at run time (`$id`) cannot, once the endpoint is known.
      if (usage.path === null || usage.dynamic.some((entry) => entry.startsWith('path') && !(usage.endpointKnown && /^path: \{\} is /.test(entry)))) continue;
      const endpoint = `${usage.method ?? 'a request to'} ${usage.path}`;
      if (usage.notes.length > 0) {
        context.report({ messageId: 'unusablePin', usage, data: { endpoint, note: usage.notes.join('; ') } });
        continue;
      }
      const versions = versionSpan(context.targets.map((daemon) => context.speaks(usage, daemon)).flatMap((spoken) => (spoken.kind === 'refused' ? [] : [spoken.version])));
      const data = { endpoint, targets: context.describeTargets(context.targets), versions, howToPin: howToPin(usage, context) };
      if (usage.response.length > 0) {
        context.report({ messageId: 'readsResponse', usage, targets: [...context.targets], data: { ...data, fields: listFields(usage.response) } });
      } else {
        context.report({ messageId: 'unversioned', usage, targets: [...context.targets], severity: 'info', data });
      }
    }
  },
});
