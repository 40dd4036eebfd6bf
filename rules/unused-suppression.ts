import { defineRule } from '../src/lint/rule.js';

/**
 * An inline directive that suppressed nothing. The runner reports these itself once every
 * other rule has run (src/lint/runLint.ts): this rule holds the messages, the severity and
 * the documentation, and its check is empty.
 */
export default defineRule({
  id: 'unused-suppression',
  description: 'A docker-api-compat-disable-next-line directive that suppresses no finding.',
  defaultSeverity: 'warning',
  messages: {
    unused: 'docker-api-compat-disable-next-line suppresses nothing: no finding on the next line',
    unusedForRules: 'docker-api-compat-disable-next-line {{rules}} suppresses nothing: no {{rules}} finding on the next line',
  },
  docs: {
    rationale:
      'A directive outlives the problem it silenced: the call is fixed, moved, or the pin is raised, and the comment stays, ' +
      'ready to hide the next real finding on that line. Reporting directives that suppress nothing keeps every remaining ' +
      'one meaningful. A directive that names a rule which is turned off suppresses nothing either.',
    failing: {
      title: 'A directive left behind after the pin was raised',
      language: 'typescript',
      code:
        "// target: docker >= 25.0\nimport Docker from 'dockerode';\n\nconst docker = new Docker({ version: 'v1.44' });\n" +
        "// docker-api-compat-disable-next-line pinned-version-too-low -- signal needs 1.42, raise the pin\nawait docker.getContainer('web').stop({ signal: 'SIGINT' });",
      message: 'docker-api-compat-disable-next-line pinned-version-too-low suppresses nothing: no pinned-version-too-low finding on the next line',
    },
    passing: {
      title: 'The directive removed with the problem',
      language: 'typescript',
      code:
        "// target: docker >= 25.0\nimport Docker from 'dockerode';\n\nconst docker = new Docker({ version: 'v1.44' });\n" +
        "await docker.getContainer('web').stop({ signal: 'SIGINT' });",
    },
  },
  check() {
    // Reported by the runner after suppressions are applied.
  },
});
