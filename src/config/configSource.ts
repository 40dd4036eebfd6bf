import { parseDocument, type Document, type Node } from 'yaml';
import { CompatError } from '../errors.js';
import type { ConfigFormat } from './discoverConfig.js';
import { checkJsonSyntax } from './jsonSyntax.js';

/** A parsed configuration file, able to turn offsets into `file:line:column`. */
export class ConfigSource {
  readonly document: Document.Parsed;
  /** Whether the file was read as JSON (messages call mappings objects either way). */
  readonly json: boolean;

  /**
   * Parses `text` as JSON or YAML. Throws a `config` CompatError at the parser's position
   * for a syntax error. `displayPath` is the file as messages name it.
   */
  constructor(readonly displayPath: string, readonly text: string, format: ConfigFormat) {
    this.json = format === 'json' || format === 'package.json' || (format === 'rc' && /^\s*\{/.test(text));
    if (this.json) {
      const syntax = checkJsonSyntax(text);
      if (syntax) throw this.errorAtOffset(syntax.offset, `invalid JSON: ${syntax.message}`);
    }
    this.document = parseDocument(text, { prettyErrors: false, uniqueKeys: true });
    const [error] = this.document.errors;
    if (error) throw this.errorAtOffset(error.pos[0], `invalid ${this.json ? 'JSON' : 'YAML'}: ${firstLine(error.message)}`);
  }

  /** The top-level value, or null for an empty YAML file. */
  get root(): Node | null {
    return (this.document.contents as Node | null) ?? null;
  }

  errorAt(node: Node | null | undefined, message: string): CompatError {
    return this.errorAtOffset(node?.range?.[0] ?? 0, message);
  }

  errorAtOffset(offset: number, message: string): CompatError {
    return new CompatError('config', `${this.location(offset)}: ${message}`);
  }

  /** `file:line:column`, both counted from 1. */
  location(offset: number): string {
    const { line, column } = lineAndColumn(this.text, offset);
    return `${this.displayPath}:${line}:${column}`;
  }
}

/**
 * Line and column (from 1) of an offset, for JSON and YAML alike (JSON syntax errors are
 * found before the yaml parser runs); the column counts UTF-16 code units, as yaml's
 * LineCounter does.
 */
export function lineAndColumn(text: string, offset: number): { line: number; column: number } {
  const before = text.slice(0, Math.max(0, Math.min(offset, text.length)));
  const lineStart = before.lastIndexOf('\n') + 1;
  let line = 1;
  for (let index = before.indexOf('\n'); index !== -1; index = before.indexOf('\n', index + 1)) line++;
  return { line, column: offset - lineStart + 1 };
}

function firstLine(message: string): string {
  return message.split('\n')[0].replace(/:$/, '');
}
