import rule from '../../rules/pinned-version-unsupported.js';
import { testRule } from './lintFixture.js';

testRule(rule, 'pinned-version-unsupported', {
  failing: [
    {
      name: 'a client pinned to v1.41 is refused by docker 29.0, whose minimum is 1.44',
      target: 'docker 29.0',
      file: 'src/inventory.ts',
      line: 7,
      words: ['GET /containers/json', 'pinned to API 1.41', 'docker 29.0 refuse(s)', 'client version 1.41 is too old. Minimum supported API version is 1.44'],
    },
    {
      name: 'a curl pinned to /v1.52 is refused by docker 28.0, whose maximum is 1.48',
      target: 'docker 28.0',
      file: 'scripts/df.sh',
      line: 5,
      words: ['GET /system/df', 'pinned to API 1.52 by the URL', 'docker 28.0 refuse(s)', 'client version 1.52 is too new. Maximum supported API version is 1.48'],
    },
    {
      name: 'the refusing targets are grouped: docker 29.0 to 29.2 refuse 1.41, docker 29.3 (minimum 1.40) accepts it',
      target: 'docker >= 28.5',
      file: 'src/inventory.ts',
      line: 7,
      words: ['which docker 29.0 to 29.2 refuse(s)', 'Minimum supported API version is 1.44'],
    },
  ],
  passing: [
    { name: 'docker 28.5 serves 1.24 to 1.51 and accepts the 1.41 pin', target: 'docker 28.5', file: 'src/inventory.ts' },
    { name: 'docker 29.0 serves the 1.52 pin', target: 'docker 29.0', file: 'scripts/df.sh' },
  ],
  exitCodes: [
    { name: 'exits 1 against docker 29.0', target: 'docker 29.0', code: 1 },
    { name: 'exits 0 for the 1.41 client against docker 28.5', target: 'docker 28.5', path: 'src', code: 0 },
  ],
});
