import { isMap, isPair, isScalar, parseAllDocuments, visit, type Document, type Node, type Pair, type Scalar, type YAMLMap, type YAMLSeq } from 'yaml';
import { scanArgv, scanShellText, type ShellScanOptions } from './commandScanner.js';
import type { ScanContext } from './scanContext.js';
import { RegionBuilder, type LineColumn, type LineIndex, type TextRegion } from './textRegion.js';
import { API_VERSION_VARIABLE, unquoteEnvValue, versionValue } from './versionSettings.js';

/**
 * Keys whose values are commands in the CI systems and tools people use: GitHub Actions
 * (`run`), GitLab CI and Bitbucket (`script`...), CircleCI, Drone and Woodpecker
 * (`commands`), Travis (`install`...), Taskfile (`cmds`), Compose and Kubernetes
 * (`command`, `entrypoint`, `args`, healthcheck `test`). Only there is `docker ...` a CLI use;
 * elsewhere it may be prose (`name: docker login`).
 */
const SHELL_KEYS = new Set([
  'run', 'script', 'before_script', 'after_script', 'command', 'commands', 'cmd', 'cmds', 'entrypoint', 'test', 'args',
  'install', 'before_install', 'after_success', 'after_failure', 'before_deploy', 'inlineScript', 'bash', 'sh', 'pre', 'post',
]);
/** Values that can hold what we look for; other strings are not tokenized. */
const MAY_HOLD_API_CALLS = /curl|wget|DOCKER_API_VERSION/;
/** First items of an exec-form list: `["CMD", "curl", ...]` (compose healthcheck), `["curl", "-f", ...]` (Kubernetes). */
const EXEC_PROGRAMS = /^(?:CMD|(?:\/[\w./-]*\/)?(?:curl|wget|docker|docker-compose|sh|bash|zsh|dash|ash))$/;

/** `run:` blocks, `script:` lists, compose and Kubernetes commands, `env:`/`environment:`/`variables:` settings. */
export function scanYaml(lines: LineIndex, context: ScanContext): void {
  const tooComplex = tooComplexToParse(lines);
  if (tooComplex) {
    context.note('warning', `${tooComplex}; read line by line instead of as YAML`);
    scanYamlLines(lines, context);
    return;
  }
  const documents = parseAllDocuments(lines.text, { uniqueKeys: false, prettyErrors: false });
  const error = documents.flatMap((document) => document.errors)[0];
  if (error) {
    context.note('parse-error', `not valid YAML (${error.message.split('\n')[0]}); read line by line instead`, lines.position(error.pos[0]).line);
    scanYamlLines(lines, context);
    return;
  }
  for (const document of documents) scanDocument(document, lines, context);
}

/** Beyond these the YAML parser recurses too deep or slows down; no hand-written CI file comes near them. */
const MAX_PARSED_LINE_LENGTH = 100_000;
const MAX_NESTING_DEPTH = 200;

/**
 * Why the YAML parser should not be given this text, or null. Its recursion follows the
 * nesting, and a V8 regular expression compiled near the stack limit aborts the whole
 * process instead of throwing, so deep nesting must not reach the parser at all.
 */
function tooComplexToParse(lines: LineIndex): string | null {
  let flowDepth = 0;
  for (let line = 1; line <= lines.lineCount; line++) {
    const text = lines.lineText(line);
    if (text.length > MAX_PARSED_LINE_LENGTH) return `line ${line} is longer than ${MAX_PARSED_LINE_LENGTH} characters`;
    const indicators = /^[\s\-?:]*/.exec(text)?.[0] ?? '';
    if (indicators.length > MAX_NESTING_DEPTH * 2) return `line ${line} is nested too deep`;
    for (let at = 0; at < text.length; at++) {
      const char = text[at];
      if (char === '[' || char === '{') flowDepth++;
      else if ((char === ']' || char === '}') && flowDepth > 0) flowDepth--;
      if (flowDepth > MAX_NESTING_DEPTH) return `line ${line} is nested too deep`;
    }
  }
  return null;
}

function scanDocument(document: Document, lines: LineIndex, context: ScanContext): void {
  const execArguments = new WeakSet<Scalar>();
  visit(document, {
    Pair: (_key, pair) => scanVersionPair(pair, lines, context),
    Map: (_key, map) => scanNameValueVersion(map, lines, context),
    Seq: (_key, sequence, path) => {
      const argv = execFormItems(sequence);
      if (!argv) return;
      for (const item of argv) execArguments.add(item);
      const items = argv.map((item) => ({ text: String(item.value), at: valueStart(item, lines) }));
      scanArgv(items, context, { dialect: 'sh', reportCli: underShellKey(path) });
    },
    Scalar: (key, scalar, path) => {
      if (key === 'key' || execArguments.has(scalar) || typeof scalar.value !== 'string' || !scalar.range) return;
      const options: ShellScanOptions = { dialect: 'sh', reportCli: underShellKey(path) };
      if (!MAY_HOLD_API_CALLS.test(scalar.value) && !(options.reportCli && scalar.value.includes('docker'))) return;
      scanShellText(scalarRegion(scalar, scalar.range, lines), context, options);
    },
  });
}

/** `DOCKER_API_VERSION: "1.41"` in `env:`/`environment:`/`variables:`, and GitLab's `{ value: "1.41", description: ... }`. */
function scanVersionPair(pair: Pair, lines: LineIndex, context: ScanContext): void {
  if (!isScalar(pair.key) || pair.key.value !== API_VERSION_VARIABLE) return;
  const value = isMap(pair.value) ? pair.value.get('value', true) : pair.value;
  if (!isScalar(value) || value.value === null) return;
  context.findings.versionSettings.push({ ...context.at(valueStart(pair.key, lines)), ...versionValue(scalarSourceText(value, lines)) });
}

/** Kubernetes and Tekton env lists: `- name: DOCKER_API_VERSION` with `value: "1.41"`. */
function scanNameValueVersion(map: YAMLMap, lines: LineIndex, context: ScanContext): void {
  const name = map.get('name', true);
  const value = map.get('value', true);
  if (!isScalar(name) || name.value !== API_VERSION_VARIABLE || !isScalar(value) || value.value === null) return;
  context.findings.versionSettings.push({ ...context.at(valueStart(name, lines)), ...versionValue(scalarSourceText(value, lines)) });
}

/** The source text, not the parsed value: YAML reads a plain 1.40 as the number 1.4. */
function scalarSourceText(scalar: Scalar, lines: LineIndex): string {
  return scalar.type === 'PLAIN' && scalar.range ? lines.text.slice(scalar.range[0], scalar.range[1]).trim() : String(scalar.value).trim();
}

function execFormItems(sequence: YAMLSeq): Scalar[] | null {
  const items = sequence.items;
  if (items.length < 2 || !items.every((item): item is Scalar => isScalar(item) && item.value !== null && typeof item.value !== 'object')) return null;
  if (!EXEC_PROGRAMS.test(String(items[0].value))) return null;
  return items.some((item) => String(item.value).includes('\n')) ? null : items;
}

/** Whether the nearest enclosing key is one whose value is a command. */
function underShellKey(path: readonly unknown[]): boolean {
  for (let index = path.length - 1; index >= 0; index--) {
    const ancestor = path[index];
    if (isPair(ancestor)) return isScalar(ancestor.key) && typeof ancestor.key.value === 'string' && SHELL_KEYS.has(ancestor.key.value);
  }
  return false;
}

function valueStart(node: Node, lines: LineIndex): LineColumn {
  const start = node.range?.[0] ?? 0;
  const quoted = isScalar(node) && (node.type === 'QUOTE_DOUBLE' || node.type === 'QUOTE_SINGLE');
  return lines.position(start + (quoted ? 1 : 0));
}

/** The scalar's text as the shell will get it, placed line by line where it is in the file. */
function scalarRegion(scalar: Scalar, range: readonly number[], lines: LineIndex): TextRegion {
  const [start, end] = range;
  switch (scalar.type) {
    case 'BLOCK_LITERAL':
    case 'BLOCK_FOLDED':
      return blockScalarRegion(lines, start, end, scalar.type === 'BLOCK_FOLDED');
    case 'QUOTE_SINGLE':
    case 'QUOTE_DOUBLE': {
      const inner = lines.text.slice(start + 1, end - 1);
      const escaped = scalar.type === 'QUOTE_SINGLE' ? inner.includes("''") : inner.includes('\\');
      // Escapes or folded lines make the value differ from the source: place it at the opening quote.
      const text = inner.includes('\n') || escaped ? String(scalar.value) : inner;
      return new RegionBuilder().append(text, lines.position(start + 1)).build();
    }
    default:
      return plainScalarRegion(lines, start, end);
  }
}

/** `run: |` keeps its lines; `>` folds lines of the same indentation into one. */
function blockScalarRegion(lines: LineIndex, start: number, end: number, folded: boolean): TextRegion {
  const builder = new RegionBuilder();
  let indent = -1;
  let previousFoldable = false;
  for (let line = lines.position(start).line + 1; line <= lines.lineCount && lines.lineStart(line) < end; line++) {
    const text = lines.lineText(line);
    if (text.trim() === '') {
      previousFoldable = false;
      continue;
    }
    const leading = text.length - text.trimStart().length;
    if (indent === -1) indent = leading;
    if (leading < indent) break;
    const piece = text.slice(indent);
    const foldable = folded && !/^\s/.test(piece);
    if (!builder.isEmpty) builder.appendSeparator(previousFoldable && foldable ? ' ' : '\n');
    builder.append(piece, { line, column: indent + 1 });
    previousFoldable = foldable;
  }
  return builder.build();
}

/** A plain scalar over several lines is folded: its lines join with spaces. */
function plainScalarRegion(lines: LineIndex, start: number, end: number): TextRegion {
  const builder = new RegionBuilder();
  let offset = start;
  for (const line of lines.text.slice(start, end).split('\n')) {
    const leading = offset === start ? 0 : line.length - line.trimStart().length;
    if (!builder.isEmpty) builder.appendSeparator(line.trim() === '' ? '\n' : ' ');
    builder.append(line.slice(leading), lines.position(offset + leading));
    offset += line.length + 1;
  }
  return builder.build();
}

const KEY_SETTING_LINE = /^(\s*(?:-\s+)?)(["']?)DOCKER_API_VERSION\2\s*:\s*(.*)$/;
const LINE_PREFIX = /^(\s*(?:-\s+)?(?:(["']?)([\w.-]+)\2\s*:(?:\s+|$))?)/;

/** For YAML the parser rejects (templated files): each line as `key: value`, the value read as shell text. */
function scanYamlLines(lines: LineIndex, context: ScanContext): void {
  for (let line = 1; line <= lines.lineCount; line++) {
    const text = lines.lineText(line);
    const setting = KEY_SETTING_LINE.exec(text);
    if (setting) {
      const raw = unquoteEnvValue(setting[3]);
      if (raw !== '') context.findings.versionSettings.push({ ...context.at({ line, column: setting[1].length + setting[2].length + 1 }), ...versionValue(raw) });
      continue;
    }
    const prefix = LINE_PREFIX.exec(text)?.[1] ?? '';
    const content = text.slice(prefix.length);
    const reportCli = SHELL_KEYS.has(LINE_PREFIX.exec(text)?.[3] ?? '');
    if (/^[|>]/.test(content) || !(MAY_HOLD_API_CALLS.test(content) || (reportCli && content.includes('docker')))) continue;
    const start = lines.lineStart(line) + prefix.length;
    scanShellText(lines, context, { dialect: 'sh', reportCli }, { start, end: start + content.length });
  }
}
