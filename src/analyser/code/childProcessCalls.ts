import { Node, type CallExpression } from 'ts-morph';
import type { CliInvocation } from '../usage.js';
import { alternatives, patternText } from './abstractValue.js';
import type { CodeAnalyser } from './codeAnalyser.js';

const SHELL_FUNCTIONS = new Set(['exec', 'execSync']);
const FILE_FUNCTIONS = new Set(['execFile', 'execFileSync', 'spawn', 'spawnSync']);
const DOCKER_BINARY = /^(?:.*\/)?docker(?:\.exe)?$/;

/**
 * The `docker` command-line tool run through child_process or execa: not an API call
 * of the code, but worth knowing, since the CLI negotiates its own API version.
 */
export function recogniseChildProcessCall(call: CallExpression, analyser: CodeAnalyser): CliInvocation | undefined {
  const words = commandOf(call, analyser)?.words;
  if (!words || !DOCKER_BINARY.test(words[0] ?? '')) return undefined;
  return { ...analyser.position(call.getExpression()), command: describeDockerCommand(words) };
}

/**
 * A command line run through a shell (`exec`, `execSync`, `execaCommand`) that calls curl or
 * wget: its text, for the script scanner to read as it reads a script's line.
 */
export function shellCommandCallingHttpTool(call: CallExpression, analyser: CodeAnalyser): string | undefined {
  const command = commandOf(call, analyser);
  return command?.line !== undefined && /(^|[\s;&|(])(curl|wget)\s/.test(command.line) ? command.line : undefined;
}

/** The words a child_process or execa call runs; `line` when a shell reads them from one string. */
function commandOf(call: CallExpression, analyser: CodeAnalyser): { words: string[]; line?: string } | undefined {
  const callee = analyser.resolver.resolve(call.getExpression());
  if (callee.kind !== 'module') return undefined;
  const specifier = callee.specifier.replace(/^node:/, '');
  const member = callee.member.filter((name) => name !== 'default');
  const name = member[member.length - 1] ?? '';
  const args = call.getArguments();
  if ((specifier === 'child_process' && SHELL_FUNCTIONS.has(name)) || (specifier === 'execa' && name === 'execaCommand')) {
    const line = args[0] ? patternText(analyser.resolver.resolve(args[0])) : undefined;
    return line === undefined ? undefined : { words: line.trim().split(/\s+/), line };
  }
  if ((specifier === 'child_process' && FILE_FUNCTIONS.has(name)) || (specifier === 'execa' && (name === '' || name === 'execa' || name === 'execaSync'))) {
    const words = fileAndArguments(args[0], args[1], analyser);
    return words && { words };
  }
  return undefined;
}

function fileAndArguments(fileNode: Node | undefined, argsNode: Node | undefined, analyser: CodeAnalyser): string[] | undefined {
  if (!fileNode) return undefined;
  const file = analyser.resolver.resolve(fileNode);
  if (file.kind !== 'string') return undefined;
  const words = [file.value];
  const list = argsNode ? analyser.resolver.resolve(argsNode) : undefined;
  for (const option of list ? alternatives(list).slice(0, 1) : []) {
    if (option.kind !== 'array') continue;
    for (const element of option.elements) words.push(patternText(element) ?? '{}');
  }
  return words;
}

/** `docker compose up -d` -> `docker compose up`; `docker --host x ps` -> `docker ps`. */
function describeDockerCommand(words: string[]): string {
  const command = ['docker'];
  for (let index = 1; index < words.length && command.length < 3; index++) {
    const word = words[index];
    if (word.startsWith('-')) {
      if (/^--(host|context|config|log-level)$/.test(word) || /^-H$/.test(word)) index++;
      continue;
    }
    command.push(word);
    if (!['compose', 'container', 'image', 'network', 'volume', 'system', 'buildx', 'swarm', 'service', 'stack', 'plugin', 'secret', 'config', 'node', 'context'].includes(word)) break;
  }
  return command.join(' ');
}
