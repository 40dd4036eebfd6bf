import rule from '../../rules/removed-feature.js';
import { testRule } from './lintFixture.js';

testRule(rule, 'removed-feature', {
  failing: [
    {
      name: 'an unversioned fetch that reads NetworkSettings.IPAddress fails against docker 29.0, which speaks 1.52 where the field is gone',
      target: 'docker 29.0',
      file: 'src/addresses.ts',
      line: 7,
      words: ['GET /containers/{id}/json response 200 field NetworkSettings.IPAddress', 'removed in API 1.52', 'docker 29.0', 'speaks 1.52'],
    },
  ],
  passing: [
    { name: 'the same read passes against docker 28.5, whose 1.51 still sends the field', target: 'docker 28.5' },
    { name: 'a request pinned to /v1.44/ keeps the field even on docker 29.0', target: 'docker 29.0', file: 'src/addresses.ts', line: 14 },
  ],
  exitCodes: [
    { name: 'exits 1 against docker 29.0', target: 'docker 29.0', code: 1 },
    { name: 'exits 0 against docker 28.5, where only warnings remain', target: 'docker 28.5', code: 0 },
  ],
});
