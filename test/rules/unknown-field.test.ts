import rule from '../../rules/unknown-field.js';
import { testRule } from './lintFixture.js';

const TARGET = 'docker >= 25.0';

testRule(rule, 'unknown-field', {
  failing: [
    {
      name: 'HostConfg in a create body is ignored by every version; the nearest field is suggested',
      target: TARGET,
      file: 'src/cache.ts',
      line: 7,
      words: ['POST /containers/create', 'no body field HostConfg', 'in any API version (1.25 to 1.55)', 'the daemon ignores it', 'did you mean HostConfig?'],
    },
    {
      name: 'reading [].Name from the container list reads a field no version sends; [].Names is suggested',
      target: TARGET,
      file: 'src/cache.ts',
      line: 16,
      words: ['GET /containers/json', 'no response field [].Name', 'the daemon never sends it', 'did you mean [].Names?'],
    },
    {
      name: 'a curl DELETE with ?forse=true is ignored; force is suggested',
      target: TARGET,
      file: 'scripts/cleanup.sh',
      line: 5,
      words: ['DELETE /containers/{id}', 'no query parameter forse', 'did you mean force?'],
    },
  ],
  passing: [
    {
      name: "keys in another case (Hostconfig), dockerode's own exec options and a followed log stream are not unknown fields",
      target: TARGET,
      file: 'src/correct.ts',
    },
  ],
  exitCodes: [{ name: 'exits 1: an unknown field is an error', target: TARGET, code: 1 }],
});
