import { closest, distance } from 'fastest-levenshtein';
import type { ScanUsage } from '../src/analyser/matchUsages.js';
import type { FeatureRecord } from '../src/database/compatDatabase.js';
import { defineRule } from '../src/lint/rule.js';

type UnknownKind = keyof ScanUsage['unknown'];

const LOCATIONS: Record<UnknownKind, { feature: FeatureRecord['location']; label: string; consequence: string }> = {
  query: { feature: 'query', label: 'query parameter', consequence: 'the daemon ignores it' },
  headers: { feature: 'header', label: 'header', consequence: 'the daemon ignores it' },
  body: { feature: 'body', label: 'body field', consequence: 'the daemon ignores it' },
  response: { feature: 'response', label: 'response field', consequence: 'the daemon never sends it' },
};

/** The nearest existing name, when it is near enough to be the one meant. */
function suggest(name: string, candidates: readonly string[], ignoreCase: boolean): string | undefined {
  if (candidates.length === 0) return undefined;
  const fold = (text: string) => (ignoreCase ? text.toLowerCase() : text);
  const folded = candidates.map(fold);
  const nearest = closest(fold(name), folded);
  const limit = Math.max(2, Math.floor(name.length / 3));
  return distance(fold(name), nearest) <= limit ? candidates[folded.indexOf(nearest)] : undefined;
}

/** `VolumesDeleted.length`: a property of the JavaScript value read, not a field of the response. */
function isValueProperty(path: string, known: ReadonlySet<string>): boolean {
  const match = /^(.*)\.length$/.exec(path);
  return match !== null && known.has(match[1]);
}

/** A name the endpoint has in no API version: usually a typo the daemon silently ignores. */
export default defineRule({
  id: 'unknown-field',
  description: 'A query parameter, header, body field or response field that no API version of the endpoint has.',
  defaultSeverity: 'error',
  messages: {
    unknown: '{{endpoint}} has no {{location}} {{name}} in any API version ({{oldest}} to {{newest}}): {{consequence}}',
    unknownWithSuggestion: '{{endpoint}} has no {{location}} {{name}} in any API version ({{oldest}} to {{newest}}): {{consequence}}; did you mean {{suggestion}}?',
  },
  docs: {
    rationale:
      'The daemon ignores query parameters and JSON keys it does not know, without an error: a misspelt option does ' +
      'nothing, and the container starts without the memory limit or the restart policy the code asked for. A response ' +
      'field no version sends reads as undefined. JSON keys are matched case-insensitively, as the daemon does; keys a ' +
      "client library adds or reads for itself (dockerode's hijack and stdin) are not reported.",
    failing: {
      title: 'HostConfig misspelt in the create body',
      language: 'typescript',
      code:
        "// target: docker >= 25.0\nimport Docker from 'dockerode';\n\nconst docker = new Docker({ version: 'v1.44' });\n" +
        "await docker.createContainer({ Image: 'redis', HostConfg: { Memory: 512 * 1024 * 1024 } });",
      message:
        'POST /containers/create has no body field HostConfg in any API version (1.25 to 1.55): the daemon ignores it; did you mean HostConfig?',
    },
    passing: {
      title: 'The field spelt as the API spells it (in any case)',
      language: 'typescript',
      code:
        "// target: docker >= 25.0\nimport Docker from 'dockerode';\n\nconst docker = new Docker({ version: 'v1.44' });\n" +
        "await docker.createContainer({ Image: 'redis', HostConfig: { Memory: 512 * 1024 * 1024 } });",
    },
  },
  check(context) {
    for (const usage of context.usages) {
      if (!usage.endpointKnown || !usage.method || !usage.path) continue;
      const operation = context.index.findOperation(usage.method, usage.path);
      if (!operation) continue;
      // Keys the client library adds or reads itself (dockerode's fromImage, hijack, stdin): not the caller's mistake.
      const libraryKeys = new Set(usage.libraryKeys);
      for (const kind of Object.keys(LOCATIONS) as UnknownKind[]) {
        const location = LOCATIONS[kind];
        const features = operation.features.filter(
          (feature) => feature.location === location.feature && feature.name !== '' && (kind !== 'response' || (feature.status ?? '').startsWith('2')),
        );
        const names = [...new Set(features.map((feature) => feature.name))];
        const known = new Set(names);
        for (const name of usage.unknown[kind]) {
          if ((kind === 'body' || kind === 'query') && libraryKeys.has(name)) continue;
          // A success response without documented fields is a stream or a file: what the code reads is the stream's own.
          if (kind === 'response' && (names.length === 0 || isValueProperty(name, known))) continue;
          const suggestion = suggest(name, names, kind === 'headers' || kind === 'body');
          context.report({
            messageId: suggestion ? 'unknownWithSuggestion' : 'unknown',
            usage,
            data: {
              endpoint: `${usage.method} ${usage.path}`,
              location: location.label,
              name,
              oldest: context.index.oldestSpec,
              newest: context.index.newestSpec,
              consequence: location.consequence,
              ...(suggestion ? { suggestion } : {}),
            },
          });
        }
      }
    }
  },
});
