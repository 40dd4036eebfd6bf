import { scanShellText } from './commandScanner.js';
import type { ScanContext } from './scanContext.js';
import { RegionBuilder, type LineIndex, type TextRegion } from './textRegion.js';

/**
 * The `scripts` of a package.json are shell command lines that npm runs:
 * `"start": "DOCKER_API_VERSION=1.41 node server.js"`, `cross-env DOCKER_API_VERSION=...`, a curl
 * to the socket in a `pretest`. Each is scanned as a line of a shell script, placed at its value.
 */
export function scanPackageScripts(lines: LineIndex, context: ScanContext): void {
  const scripts = scriptValues(lines.text);
  if (scripts === undefined) {
    context.note('parse-error', 'not valid JSON; its scripts were not scanned');
    return;
  }
  for (const script of scripts) scanShellText(commandRegion(script, lines), context, { dialect: 'sh', reportCli: true });
}

/** The command as npm hands it to the shell, each piece placed where it is written (an escape such as `\"` where its backslash is). */
function commandRegion(script: ScriptValue, lines: LineIndex): TextRegion {
  const region = new RegionBuilder();
  const contentStart = script.start + 1;
  let done = 0;
  for (const escape of script.raw.matchAll(/\\(?:u[0-9a-fA-F]{4}|.)/g)) {
    if (escape.index > done) region.append(script.raw.slice(done, escape.index), lines.position(contentStart + done));
    region.append(JSON.parse(`"${escape[0]}"`) as string, lines.position(contentStart + escape.index));
    done = escape.index + escape[0].length;
  }
  if (done < script.raw.length || region.isEmpty) region.append(script.raw.slice(done), lines.position(contentStart + done));
  return region.build();
}

interface ScriptValue {
  /** Offset of the opening quote. */
  start: number;
  /** The text between the quotes, as written. */
  raw: string;
}

// A JSON string, or one of the characters that structure a document.
const TOKEN = /"(?:[^"\\\n]|\\.)*"|[{}[\]:,]/g;

/**
 * The string values of the top-level `scripts` object, with where they are; undefined when the
 * file is not JSON. Read token by token, since JSON.parse says nothing of positions.
 */
function scriptValues(text: string): ScriptValue[] | undefined {
  try {
    const parsed: unknown = JSON.parse(text);
    if (typeof parsed !== 'object' || parsed === null || !('scripts' in parsed)) return [];
  } catch {
    return undefined;
  }
  const found: ScriptValue[] = [];
  // The keys leading from the root to the current container; a string after `:` is a value.
  const path: Array<string | undefined> = [];
  let key: string | undefined;
  let afterColon = false;
  for (const match of text.matchAll(TOKEN)) {
    const token = match[0];
    if (token === '{' || token === '[') {
      path.push(afterColon ? key : undefined);
      afterColon = false;
    } else if (token === '}' || token === ']') {
      path.pop();
      afterColon = false;
    } else if (token === ':') {
      afterColon = true;
    } else if (token === ',') {
      afterColon = false;
    } else if (afterColon) {
      afterColon = false;
      if (path.length === 2 && path[1] === 'scripts') {
        found.push({ start: match.index, raw: token.slice(1, -1) });
      }
    } else {
      key = JSON.parse(token) as string;
    }
  }
  return found;
}
