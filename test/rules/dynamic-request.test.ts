import rule from '../../rules/dynamic-request.js';
import { testRule } from './lintFixture.js';

const TARGET = 'docker >= 25.0';

testRule(rule, 'dynamic-request', {
  failing: [
    {
      name: 'a dockerode lifecycle method picked from the HTTP request leaves the method and path unresolved',
      target: TARGET,
      file: 'src/console.ts',
      line: 12,
      words: ['a request (Container[action])', 'could not be resolved statically', 'method: Container method chosen at run time', 'path'],
    },
    {
      name: 'a curl URL whose first segment is $API may hold a version prefix or anything else',
      target: TARGET,
      file: 'scripts/engine.sh',
      line: 5,
      words: ['(curl)', 'path: {} is $API'],
    },
  ],
  passing: [
    { name: 'a method called by name is resolved', target: TARGET, file: 'src/console.ts', line: 18 },
    { name: 'a container id filled in at run time is a path parameter of a known endpoint, not a dynamic request', target: TARGET, file: 'scripts/engine.sh', line: 6 },
  ],
  exitCodes: [{ name: 'exits 0: dynamic requests are info', target: TARGET, code: 0 }],
});
