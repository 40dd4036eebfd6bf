import { defineRule } from '../src/lint/rule.js';

/** A request to a path that no version of the Engine API has. */
export default defineRule({
  id: 'unknown-endpoint',
  description: 'A request whose method and path were resolved but match no endpoint in any API version.',
  defaultSeverity: 'error',
  messages: {
    unknown: '{{endpoint}} matches no endpoint of API {{oldest}} to {{newest}}: the daemon answers 404; did you mean {{suggestion}}?',
    wrongMethod: '{{endpoint}} matches no endpoint of API {{oldest}} to {{newest}}: {{template}} takes {{methods}}',
  },
  docs: {
    rationale:
      'A path no API version serves is a typo, an endpoint removed before the oldest archived spec, or a route of another ' +
      'service: the daemon answers 404 (or 405 for a wrong method) at run time, on every version. The rule suggests the ' +
      'nearest endpoint, or the methods the path does take.',
    failing: {
      title: 'The stop endpoint misspelt in a raw request',
      language: 'typescript',
      code:
        "// target: docker >= 25.0\nimport http from 'node:http';\n\n" +
        "http.request({ socketPath: '/var/run/docker.sock', method: 'POST', path: '/v1.44/containers/web/stopp' }).end();",
      message:
        'POST /containers/web/stopp matches no endpoint of API 1.25 to 1.55: the daemon answers 404; did you mean POST /containers/{id}/stop?',
    },
    passing: {
      title: 'The endpoint as the API spells it',
      language: 'typescript',
      code:
        "// target: docker >= 25.0\nimport http from 'node:http';\n\n" +
        "http.request({ socketPath: '/var/run/docker.sock', method: 'POST', path: '/v1.44/containers/web/stop' }).end();",
    },
  },
  check(context) {
    for (const usage of context.usages) {
      if (usage.endpointKnown || !usage.method || !usage.path) continue;
      // A path with a part built at run time may be right once filled in: dynamic-request reports it.
      if (usage.dynamic.some((entry) => entry.startsWith('path'))) continue;
      const endpoint = `${usage.method} ${usage.path}`;
      const versions = { oldest: context.index.oldestSpec, newest: context.index.newestSpec };
      const atPath = context.index.operationsAtPath(usage.path);
      if (atPath.length > 0) {
        const methods = [...new Set(atPath.map((entry) => entry.record.method))].sort();
        context.report({ messageId: 'wrongMethod', usage, data: { endpoint, ...versions, template: atPath[0].record.path, methods: methods.join(' or ') } });
        continue;
      }
      const [suggestion] = context.index.suggestOperations(usage.method, usage.path, 1);
      context.report({ messageId: 'unknown', usage, data: { endpoint, ...versions, suggestion } });
    }
  },
});
