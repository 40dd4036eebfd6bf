import rule from '../../rules/breaking-change-in-range.js';
import { testRule } from './lintFixture.js';

const FLEET = ['docker 28.5', 'docker 29.0'];

testRule(rule, 'breaking-change-in-range', {
  failing: [
    {
      name: 'an unversioned plugin list that reads Config.Interface.Types meets both of its types across docker 28.5 (1.51) and 29.0 (1.52)',
      target: FLEET,
      file: 'src/plugins.ts',
      line: 8,
      words: ['GET /plugins response 200 field [].Config.Interface.Types', 'type changed from array<object> to array<string>', 'in API 1.52', 'docker 28.5 (API 1.51)', 'docker 29.0 (API 1.52)'],
    },
    {
      name: 'an unversioned network connect without Container is rejected by docker 29.0, where the field became required',
      target: FLEET,
      file: 'src/attach.ts',
      line: 7,
      words: ['POST /networks/{id}/connect body field Container became required in API 1.52', 'does not send it', 'docker 29.0 (API 1.52) reject(s)', 'docker 28.5 (API 1.51)'],
    },
  ],
  passing: [
    { name: 'a client pinned to 1.51 speaks one version on every daemon', target: FLEET, file: 'src/plugins.ts', line: 14 },
    { name: 'a connect request that sends Container is accepted by every version', target: FLEET, file: 'src/attach.ts', line: 17 },
    { name: 'a single target speaks a single version', target: 'docker 29.0' },
    { name: 'targets on one side of the change (docker 27.0 to 28.5) see one form', target: 'docker 27.0 - 28.5' },
  ],
  exitCodes: [{ name: 'exits 0: a change across the targets is a warning', target: FLEET, code: 0 }],
});
