import type { CallExpression, Node, SourceFile, TaggedTemplateExpression } from 'ts-morph';
import { alternatives, parametersMentioned, patternText, type AbstractValue } from './abstractValue.js';
import type { CodeAnalyser } from './codeAnalyser.js';
import { functionDeclaringParameter, type ResolveContext, ROOT_CONTEXT } from './valueResolver.js';

const SHELL_FUNCTIONS = new Set(['exec', 'execSync']);
const FILE_FUNCTIONS = new Set(['execFile', 'execFileSync', 'spawn', 'spawnSync']);
/** GitHub Actions' `exec.exec('docker', ['pull', image])`: a command line (split on spaces, no shell) and more arguments. */
const ACTIONS_FUNCTIONS = new Set(['exec', 'getExecOutput']);
const DOCKER_BINARY = /^(?:.*\/)?docker(?:\.exe)?$/;
const HTTP_TOOL = /^(?:.*\/)?(?:curl|wget)$/;

/** Where a module that runs commands is named: the analyser looks for command runs only in files that mention one. */
export const COMMAND_RUNNERS = /child_process|execa|@actions\/exec|\bzx\b/;

/**
 * What a command run from code (child_process, execa, @actions/exec, zx) runs, when the analysis
 * can tell. The `docker` command-line tool is no API call of the code, but worth knowing, since the
 * CLI negotiates its own API version; curl and wget send Engine requests.
 */
export interface ChildCommand {
  /** `docker compose up`, when it runs the docker CLI. */
  dockerCommand?: string;
  /** The command line, when a shell reads it from one string and it calls curl or wget. */
  httpToolLine?: string;
}

/**
 * The command a call runs, read where it is written; a command that a helper takes from its
 * callers (`run(cmd) { exec(cmd, ...) }`) is read at each of them: one per call-site, with the
 * call-site to report it at.
 */
export function childCommands(call: CallExpression, analyser: CodeAnalyser): Array<{ at: Node; command: ChildCommand }> {
  const callee = analyser.resolver.resolve(call.getExpression());
  if (callee.kind !== 'module') return [];
  const here = commandOf(call, callee, analyser, ROOT_CONTEXT);
  if (here.command) return [{ at: call.getExpression(), command: here.command }];
  const helper = here.fromParameters.length > 0 ? functionDeclaringParameter(call, here.fromParameters) : undefined;
  if (!helper) return [];
  // The direct callers: where the command is written, even when part of it comes from further up.
  return analyser.callSitesOf(helper, 1).flatMap((site) => {
    const command = commandOf(call, callee, analyser, site.context).command;
    return command ? [{ at: site.call.getExpression(), command }] : [];
  });
}

/** The command in one context, or the parameters it depends on. */
function commandOf(call: CallExpression, callee: AbstractValue & { kind: 'module' }, analyser: CodeAnalyser, context: ResolveContext): { command?: ChildCommand; fromParameters: string[] } {
  const specifier = callee.specifier.replace(/^node:/, '');
  const member = callee.member.filter((name) => name !== 'default');
  const name = member[member.length - 1] ?? '';
  const args = call.getArguments();
  let words: string[] | undefined;
  let line: string | undefined;
  let fromParameters: string[] = [];
  if ((specifier === 'child_process' && SHELL_FUNCTIONS.has(name)) || (specifier === 'execa' && name === 'execaCommand')) {
    const value = args[0] ? analyser.resolver.resolve(args[0], context) : undefined;
    line = value && commandLine(value);
    // A command the callers give (`exec(cmd, ...)` with `cmd` a parameter), whole or in part: theirs to say.
    if (value) fromParameters = parametersMentioned(value);
  } else if ((specifier === 'child_process' && FILE_FUNCTIONS.has(name)) || (specifier === 'execa' && (name === '' || name === 'execa' || name === 'execaSync'))) {
    words = fileAndArguments(args[0], args[1], analyser, context);
  } else if (specifier === '@actions/exec' && ACTIONS_FUNCTIONS.has(name)) {
    const [tool, ...rest] = fileAndArguments(args[0], args[1], analyser, context) ?? [];
    words = tool === undefined ? undefined : [...tool.trim().split(/\s+/), ...rest];
  }
  if (line !== undefined) return { command: lineCommand(line), fromParameters };
  if (words && DOCKER_BINARY.test(words[0] ?? '')) return { command: { dockerCommand: describeDockerCommand(words) }, fromParameters };
  // `execFile('curl', ['--unix-socket', socket, url])`: the words as a command line, each quoted as one.
  if (words && HTTP_TOOL.test(words[0] ?? '')) return { command: { httpToolLine: words.map(shellQuoted).join(' ') }, fromParameters };
  return { fromParameters };
}

/** A command line as a shell reads it: the docker CLI when it starts the line, curl or wget anywhere in it. */
function lineCommand(line: string): ChildCommand | undefined {
  const words = line.trim().split(/\s+/);
  if (DOCKER_BINARY.test(words[0] ?? '')) return { dockerCommand: describeDockerCommand(words) };
  return /(^|[\s;&|(])(curl|wget)\s/.test(line) ? { httpToolLine: line } : undefined;
}

/**
 * zx's `$`: `` await $`docker compose up -d` ``, `` $`curl -s --unix-socket ${socket} ${url}` ``. The
 * template is a command line; `$` comes from `import { $ } from 'zx'`, or is the global of a zx
 * script (`#!/usr/bin/env zx`, `import 'zx/globals'`).
 */
export function zxCommand(tagged: TaggedTemplateExpression, analyser: CodeAnalyser): ChildCommand | undefined {
  const tag = analyser.resolver.resolve(tagged.getTag());
  const isZx = tag.kind === 'module' ? tag.specifier === 'zx' && tag.member.filter((name) => name !== 'default').join('.') === '$' : tagged.getTag().getText() === '$' && hasZxGlobals(tagged.getSourceFile());
  if (!isZx) return undefined;
  const line = commandLine(analyser.resolver.resolve(tagged.getTemplate()));
  return line === undefined ? undefined : lineCommand(line);
}

/** A command line's text, holes as `{}`; of several (`docker pull ${tag ?? 'latest'}`), the first: they run the same program. */
function commandLine(value: AbstractValue): string | undefined {
  return alternatives(value).map(patternText).find((text) => text !== undefined);
}

function hasZxGlobals(file: SourceFile): boolean {
  const text = file.getFullText();
  return /^#!.*\bzx\b/.test(text) || /['"]zx\/globals['"]/.test(text);
}

/** A word as the shell would take it back whole: `'...'` around anything but plain characters. */
function shellQuoted(word: string): string {
  return /^[\w@%+=:,./{}-]+$/.test(word) ? word : `'${word.replace(/'/g, `'\\''`)}'`;
}

function fileAndArguments(fileNode: Node | undefined, argsNode: Node | undefined, analyser: CodeAnalyser, context: ResolveContext): string[] | undefined {
  if (!fileNode) return undefined;
  const file = analyser.resolver.resolve(fileNode, context);
  if (file.kind !== 'string') return undefined;
  const words = [file.value];
  const list = argsNode ? analyser.resolver.resolve(argsNode, context) : undefined;
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
