import { commandProgram } from './commandWords.js';
import { leavesOnly } from '../usage.js';
import { JQ_ROOT, jqReads, type JqValue } from './jqPaths.js';
import type { ShellScript } from './shellScript.js';
import type { ShellCommand } from './shellTokenizer.js';
import { literalText, type ShellWord } from './shellWords.js';

const JQ_PROGRAMS = new Set(['jq', 'gojq', 'jaq']);
/** Programs that pass their input through unchanged in a pipeline. */
const PASS_THROUGH = new Set(['tee']);
/** jq options followed by a value; `--arg`-style ones take two. */
const JQ_OPTIONS_WITH_VALUE = new Set(['--indent', '-L', '--library-path']);
const JQ_OPTIONS_WITH_TWO_VALUES = new Set(['--arg', '--argjson', '--slurpfile', '--rawfile']);
/** Options under which the input is not the JSON document, or the filter is elsewhere. */
const JQ_GIVE_UP = new Set(['-n', '--null-input', '-R', '--raw-input', '--stream', '--stream-errors', '--seq', '-f', '--from-file']);

/**
 * The response fields a command's output is read for: jq filters later in its pipeline
 * (`curl ... | jq -r '.[].Id'`), or, when `VAR=$(curl ...)` captures it, jq filters fed
 * `$VAR` afterwards (`jq .Id <<<"$VAR"`, `echo "$VAR" | jq .Id`). Leaves only, in order.
 */
export function responseReads(script: ShellScript, command: ShellCommand): string[] {
  const reads: string[] = [];
  let inputs: JqValue[] = [JQ_ROOT];
  for (let next = command.pipeTo; next; next = next.pipeTo) {
    const program = commandProgram(next.words);
    if (!program?.name) break;
    if (PASS_THROUGH.has(program.name)) continue;
    if (!JQ_PROGRAMS.has(program.name)) break;
    const result = readsOfJq(program.args, inputs);
    if (!result) break;
    reads.push(...result.reads);
    inputs = result.outputs;
  }
  const captured = script.capturedInto(command);
  if (captured) {
    for (const reader of script.commandsReading(captured, command.words[0].start)) {
      const program = commandProgram(reader.words);
      if (program?.name && JQ_PROGRAMS.has(program.name)) reads.push(...(readsOfJq(program.args, [JQ_ROOT])?.reads ?? []));
    }
  }
  return leavesOnly([...new Set(reads)]);
}

/** Whether the command's output goes on to another command or into a variable (so not to a caller). */
export function outputIsConsumed(script: ShellScript, command: ShellCommand): boolean {
  return command.pipeTo !== undefined || script.capturedInto(command) !== null;
}

/** What a jq command line reads from its standard input; null when it reads files or cannot be followed. */
function readsOfJq(args: readonly ShellWord[], inputs: JqValue[]): { reads: string[]; outputs: JqValue[] } | null {
  let filter: string | null = null;
  let slurp = false;
  /** After `--args`/`--jsonargs`, words after the filter are arguments, not input files. */
  let positionalArguments = false;
  for (let index = 0; index < args.length; index++) {
    const text = literalText(args[index].parts);
    if (filter !== null && positionalArguments) continue;
    if (text === null) return null;
    if (!text.startsWith('-') || text === '-') {
      // The filter, then input files (`-` is stdin): a file means jq does not read the output.
      if (filter === null) filter = text;
      else if (text !== '-') return null;
      continue;
    }
    if (JQ_GIVE_UP.has(text)) return null;
    if (JQ_OPTIONS_WITH_TWO_VALUES.has(text)) index += 2;
    else if (JQ_OPTIONS_WITH_VALUE.has(text)) index++;
    else if (text === '--slurp') slurp = true;
    else if (text === '--args' || text === '--jsonargs') positionalArguments = true;
    // `-L` alone takes the next word (JQ_OPTIONS_WITH_VALUE); `-Lpath` holds its value.
    else if (text.startsWith('-L')) continue;
    else if (!text.startsWith('--')) {
      // A cluster of short flags: `-rc`, `-er`, `-s`.
      const letters = text.slice(1);
      if (/[nRf]/.test(letters)) return null;
      if (letters.includes('s')) slurp = true;
    }
  }
  if (filter === null) return null;
  return jqReads(filter, slurp ? [{ kind: 'array', elements: inputs }] : inputs);
}
