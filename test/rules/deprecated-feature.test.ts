import rule from '../../rules/deprecated-feature.js';
import { testRule } from './lintFixture.js';

testRule(rule, 'deprecated-feature', {
  failing: [
    {
      name: 'an unversioned create that sends MacAddress warns against docker 25.0 (API 1.44, where it is deprecated) and names the replacement',
      target: 'docker 25.0',
      file: 'src/provision.ts',
      line: 7,
      words: ['POST /containers/create body field MacAddress', 'deprecated since API 1.44', 'removed in API 1.52', 'use EndpointSettings.MacAddress instead', 'docker 25.0', 'speaks 1.44'],
    },
    {
      name: 'a curl build prune with keep-storage warns against docker 28.0 (API 1.48) and names reserved-space',
      target: 'docker 28.0',
      file: 'scripts/prune-cache.sh',
      line: 5,
      words: ['POST /build/prune query parameter keep-storage', 'deprecated since API 1.48', 'use reserved-space instead', 'docker 28.0'],
    },
    {
      name: 'across docker 23.0 to 28.5 only the engines that speak 1.44 or later are named',
      target: 'docker 23.0 - 28.5',
      file: 'src/provision.ts',
      line: 7,
      words: ['against docker 25.0 to 28.5 this call speaks 1.44 to 1.51'],
    },
  ],
  passing: [
    { name: 'nothing is deprecated yet against docker 24.0 (API 1.43)', target: 'docker 24.0' },
    { name: 'against docker 29.0 the fields are removed, which removed-feature reports instead', target: 'docker 29.0' },
    { name: 'the replacement endpoint setting is not deprecated', target: 'docker 25.0', file: 'src/provision.ts', line: 17 },
  ],
  exitCodes: [
    { name: 'exits 0 against docker 25.0: deprecations are warnings', target: 'docker 25.0', code: 0 },
    { name: 'exits 1 against docker 29.0, where the same fields are removed', target: 'docker 29.0', code: 1 },
  ],
});
