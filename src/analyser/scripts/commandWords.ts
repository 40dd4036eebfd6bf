import { literalText, type ShellWord } from './shellWords.js';

/** Words before the program that only set up how it runs (`sudo -E`, `timeout 5`, `if`, compose's `CMD`). */
const WRAPPERS = new Set(['sudo', 'doas', 'exec', 'command', 'builtin', 'nohup', 'time', 'nice', 'ionice', 'timeout', 'env', 'stdbuf', 'unbuffer', 'xargs', 'if', 'then', 'else', 'elif', 'do', 'while', 'until', '!', '{', 'CMD']);
const WRAPPER_OPTIONS_WITH_VALUE: Record<string, ReadonlySet<string>> = {
  sudo: new Set(['-u', '-g', '-C', '-D', '-h', '-p', '-r', '-t', '-U']),
  doas: new Set(['-u', '-C']),
  env: new Set(['-u', '-C', '-S']),
  nice: new Set(['-n']),
  ionice: new Set(['-c', '-n']),
  timeout: new Set(['-s', '-k', '--signal', '--kill-after']),
  stdbuf: new Set(['-i', '-o', '-e']),
  // `xargs -r docker rm -v`, `xargs -I {} curl ...`; `-I{}` and `--max-args=1` carry their value.
  xargs: new Set(['-a', '-d', '-E', '-I', '-L', '-n', '-P', '-s', '--arg-file', '--delimiter', '--max-args', '--max-lines', '--max-procs', '--max-chars', '--process-slot-var']),
};
export const ASSIGNMENT_PREFIX = /^[A-Za-z_][A-Za-z0-9_]*\+?=/;

/** Whether the word is `NAME=value` or `NAME+=value` (its name literal). */
export function isAssignmentWord(word: ShellWord): boolean {
  const first = word.parts[0];
  return first !== undefined && !first.expansion && ASSIGNMENT_PREFIX.test(first.text);
}

/** Index of the word naming the program, after assignments and wrappers; -1 when there is none. */
export function programIndex(words: readonly ShellWord[]): number {
  let index = 0;
  while (index < words.length) {
    if (isAssignmentWord(words[index])) {
      index++;
      continue;
    }
    const text = literalText(words[index].parts);
    // `function name { curl ...; }` on one line: the body's first command follows the name.
    if (text === 'function') {
      index += 2;
      continue;
    }
    if (text === null || !WRAPPERS.has(text)) return index;
    index = skipWrapperArguments(words, index + 1, text);
  }
  return -1;
}

function skipWrapperArguments(words: readonly ShellWord[], from: number, wrapper: string): number {
  const withValue = WRAPPER_OPTIONS_WITH_VALUE[wrapper] ?? new Set<string>();
  let index = from;
  for (let text = wordText(words, index); text?.startsWith('-') && text !== '-'; text = wordText(words, index)) {
    index += withValue.has(text) ? 2 : 1;
  }
  // `timeout 5 curl ...`, `timeout 2m curl ...`: the duration comes before the program.
  if (wrapper === 'timeout' && /^\d+(\.\d+)?[smhd]?$/.test(wordText(words, index) ?? '')) index++;
  return index;
}

export function wordText(words: readonly ShellWord[], index: number): string | null {
  return index < words.length ? literalText(words[index].parts) : null;
}

/** `/usr/bin/curl` -> `curl`. */
export function programName(word: ShellWord): string | null {
  const text = literalText(word.parts);
  return text === null ? null : text.slice(text.lastIndexOf('/') + 1).replace(/\.exe$/i, '');
}

/** The program a command runs and its arguments, or null when it runs none. */
export function commandProgram(words: readonly ShellWord[]): { name: string | null; word: ShellWord; args: ShellWord[] } | null {
  const at = programIndex(words);
  if (at === -1 || at >= words.length) return null;
  return { name: programName(words[at]), word: words[at], args: words.slice(at + 1) };
}

/** What `echo` prints: its arguments after its options (`-n`, `-e`, `-neE`...). */
export function echoArguments(args: readonly ShellWord[]): ShellWord[] {
  let first = 0;
  while (first < args.length && /^-[neE]+$/.test(literalText(args[first].parts) ?? '')) first++;
  return args.slice(first);
}
