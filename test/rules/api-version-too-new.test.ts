import rule from '../../rules/api-version-too-new.js';
import { testRule } from './lintFixture.js';

testRule(rule, 'api-version-too-new', {
  failing: [
    {
      name: 'an unversioned dockerode create that sends HostConfig.Annotations (1.43) fails against docker 23.0, which serves 1.42',
      target: 'docker 23.0',
      file: 'src/runner.ts',
      line: 7,
      words: ['POST /containers/create', 'needs API 1.43', 'HostConfig.Annotations', 'docker 23.0', 'at most 1.42'],
    },
    {
      name: 'an unversioned curl stop with ?signal= (1.42) fails against docker 20.10, which serves 1.41',
      target: 'docker 20.10',
      file: 'scripts/drain.sh',
      line: 8,
      words: ['POST /containers/{id}/stop', 'needs API 1.42', 'query parameter signal', 'docker 20.10'],
    },
  ],
  passing: [
    { name: 'the same code passes when every targeted engine serves 1.43 (docker >= 24.0)', target: 'docker >= 24.0' },
    { name: 'the stop signal passes against docker 23.0, which serves 1.42', target: 'docker 23.0', file: 'scripts/drain.sh' },
  ],
  exitCodes: [
    { name: 'exits 1 against docker 23.0 (an error)', target: 'docker 23.0', code: 1 },
    { name: 'exits 0 against docker >= 24.0, with only warnings and info left', target: 'docker >= 24.0', code: 0 },
  ],
});
