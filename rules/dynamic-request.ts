import type { ScanUsage } from '../src/analyser/matchUsages.js';
import { defineRule } from '../src/lint/rule.js';

/**
 * What stayed dynamic, worth saying: a path parameter filled at run time (`path: {} is $id`) is
 * how every call names its container once the endpoint is known, and a bare `method` or `path`
 * entry repeats a detailed one.
 */
function unresolved(usage: ScanUsage): string[] {
  const entries = usage.dynamic.filter((entry) => !(usage.endpointKnown && /^path: \{\} is /.test(entry)));
  return entries.filter((entry) => entry.includes(':') || !entries.some((other) => other.startsWith(`${entry}:`)));
}

/** A call the analyser could not fully resolve: the other rules cannot judge what stayed dynamic. */
export default defineRule({
  id: 'dynamic-request',
  description: 'A call whose endpoint, method, version or options could not be resolved statically, saying what stayed dynamic.',
  defaultSeverity: 'info',
  messages: {
    dynamic: '{{request}} ({{via}}) could not be resolved statically, so the rules cannot check it: {{what}}',
  },
  docs: {
    rationale:
      'The analyser follows values through constants, imports and helpers, and says what it could not follow instead of ' +
      'guessing: a path taken from user input, a method picked at run time, options passed in from elsewhere, a version ' +
      'prefix held in a variable. Nothing is reported against the targets for that part of the call, so this rule lists ' +
      'it, for a reviewer to check by hand or to make static.',
    failing: {
      title: 'A lifecycle method picked from the command line',
      language: 'typescript',
      code:
        "// target: docker >= 25.0\nimport Docker from 'dockerode';\n\nconst docker = new Docker({ version: 'v1.44' });\n" +
        "const action = process.argv[2] as 'start' | 'stop' | 'restart';\nawait docker.getContainer('web')[action]();",
      message: 'a request (Container[action]) could not be resolved statically, so the rules cannot check it: method: Container method chosen at run time; path',
    },
    passing: {
      title: 'Each method called by name',
      language: 'typescript',
      code:
        "// target: docker >= 25.0\nimport Docker from 'dockerode';\n\nconst docker = new Docker({ version: 'v1.44' });\n" +
        "const container = docker.getContainer('web');\nif (process.argv[2] === 'stop') await container.stop();\nelse await container.start();",
    },
  },
  check(context) {
    for (const usage of context.usages) {
      const what = unresolved(usage);
      if (what.length === 0) continue;
      const request = usage.method && usage.path ? `${usage.method} ${usage.path}` : usage.path ? `a request to ${usage.path}` : usage.method ? `a ${usage.method} request` : 'a request';
      context.report({ messageId: 'dynamic', usage, data: { request, via: usage.via, what: what.join('; ') } });
    }
  },
});
