import { describe, expect, it } from 'vitest';
import rule from '../../rules/unused-suppression.js';
import { findingsOf, lintFixture, testRule } from './lintFixture.js';

// Engines that accept both the 1.41 and the 1.42 pins, so that only the directives matter.
const TARGET = 'docker 25.0 - 28.5';

testRule(rule, 'unused-suppression', {
  failing: [
    {
      name: 'a directive for pinned-version-too-low above a call pinned high enough suppresses nothing, and is reported where it is written',
      target: TARGET,
      file: 'src/drain.ts',
      line: 8,
      words: ['docker-api-compat-disable-next-line pinned-version-too-low suppresses nothing', 'no pinned-version-too-low finding on the next line'],
    },
    {
      name: 'a bare # directive in a script above a call with no finding suppresses nothing',
      target: TARGET,
      file: 'scripts/probe.sh',
      line: 3,
      words: ['docker-api-compat-disable-next-line suppresses nothing: no finding on the next line'],
    },
  ],
  passing: [{ name: 'a directive that suppresses the finding on its next line is used', target: TARGET, file: 'src/drain.ts', line: 13 }],
  exitCodes: [{ name: 'exits 0: unused directives are warnings, and the suppressed error does not count', target: TARGET, code: 0 }],
});

describe('unused-suppression and the directives it checks', () => {
  it('the used directive hides the pinned-version-too-low error on its next line', () => {
    const run = lintFixture('unused-suppression', TARGET);
    expect(findingsOf(run, 'pinned-version-too-low', 'src/drain.ts')).toEqual([]);
  });

  it('is not reported when the configuration turns it off', () => {
    const run = lintFixture('unused-suppression', TARGET, { config: 'quiet.docker-api-compatrc.json' });
    expect(findingsOf(run, 'unused-suppression')).toEqual([]);
  });
});
