import { literalText, type ShellWord } from './shellWords.js';

/** `docker` options before the subcommand that take a value (`docker -H tcp://x:2375 ps`). */
const GLOBAL_OPTIONS_WITH_VALUE = new Set(['-H', '--host', '-c', '--context', '--config', '-l', '--log-level', '--tlscacert', '--tlscert', '--tlskey']);
/** `docker compose` options before its subcommand that take a value. */
const COMPOSE_OPTIONS_WITH_VALUE = new Set(['-f', '--file', '-p', '--project-name', '--profile', '--env-file', '--project-directory', '--ansi', '--parallel', '--progress']);
/** Subcommands whose own subcommand says what happens (`docker compose up`, `docker image prune`). */
const MANAGEMENT_COMMANDS = new Set([
  'builder', 'buildx', 'checkpoint', 'compose', 'config', 'container', 'context', 'image', 'manifest', 'network', 'node',
  'plugin', 'scout', 'secret', 'service', 'stack', 'swarm', 'system', 'trust', 'volume',
]);

/** `docker ps`, `docker compose up`, `docker-compose up`: the command as far as the words are literal. */
export function dockerCliCommand(program: 'docker' | 'docker-compose', args: readonly ShellWord[]): string {
  const command: string[] = [program];
  const firstOptions = program === 'docker' ? GLOBAL_OPTIONS_WITH_VALUE : COMPOSE_OPTIONS_WITH_VALUE;
  let at = skipOptions(args, 0, firstOptions);
  const subcommand = at < args.length ? literalText(args[at].parts) : null;
  if (subcommand === null) return command.join(' ');
  command.push(subcommand);
  if (program === 'docker' && MANAGEMENT_COMMANDS.has(subcommand)) {
    at = skipOptions(args, at + 1, subcommand === 'compose' ? COMPOSE_OPTIONS_WITH_VALUE : new Set());
    const action = at < args.length ? literalText(args[at].parts) : null;
    if (action !== null && !action.startsWith('-')) command.push(action);
  }
  return command.join(' ');
}

function skipOptions(args: readonly ShellWord[], from: number, withValue: ReadonlySet<string>): number {
  let at = from;
  while (at < args.length) {
    const text = literalText(args[at].parts);
    if (text === null || !text.startsWith('-')) break;
    at += withValue.has(text) ? 2 : 1;
  }
  return at;
}
