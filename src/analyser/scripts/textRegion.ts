/** A 1-based position in a scanned file. */
export interface LineColumn {
  line: number;
  column: number;
}

/**
 * Text handed to the shell tokenizer (a script, a Dockerfile RUN, a YAML `run:` block),
 * with the file position of every offset in it, so findings point into the real file.
 */
export interface TextRegion {
  readonly text: string;
  position(offset: number): LineColumn;
  /** Whether the text at the offset is not in the file but a variable's value put in its place (make expansion). */
  isSubstituted?(offset: number): boolean;
}

/** Strips a byte-order mark and turns CRLF and lone CR into LF; columns are unchanged by this. */
export function normalizeLineEndings(text: string): string {
  const withoutBom = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  return withoutBom.includes('\r') ? withoutBom.replace(/\r\n?/g, '\n') : withoutBom;
}

/** Line starts of a whole file, for offset -> line/column. */
export class LineIndex implements TextRegion {
  readonly text: string;
  private readonly starts: number[] = [0];

  constructor(text: string) {
    this.text = text;
    for (let at = text.indexOf('\n'); at !== -1; at = text.indexOf('\n', at + 1)) this.starts.push(at + 1);
  }

  get lineCount(): number {
    return this.starts.length;
  }

  /** Offset of the first character of a 1-based line. */
  lineStart(line: number): number {
    return this.starts[line - 1];
  }

  /** A 1-based line without its newline. */
  lineText(line: number): string {
    const start = this.starts[line - 1];
    const next = line < this.starts.length ? this.starts[line] - 1 : this.text.length;
    return this.text.slice(start, next);
  }

  position(offset: number): LineColumn {
    const line = lastAtOrBefore(this.starts, offset, (start) => start);
    return { line: line + 1, column: offset - this.starts[line] + 1 };
  }
}

interface Anchor {
  offset: number;
  at: LineColumn;
  /** Text standing in for something else in the file: every offset in it is placed at `at`. */
  substituted?: boolean;
}

/** Builds a region from pieces of a file (continuation lines, block-scalar lines), each placed where it came from. */
export class RegionBuilder {
  private readonly chunks: string[] = [];
  private readonly anchors: Anchor[] = [];
  private length = 0;

  /** Appends text copied verbatim from the file at `at`. */
  append(piece: string, at: LineColumn): this {
    this.anchors.push({ offset: this.length, at });
    this.chunks.push(piece);
    this.length += piece.length;
    return this;
  }

  /** Appends text that replaces a reference in the file (a make variable's value): all of it is placed at `at`. */
  appendSubstitute(piece: string, at: LineColumn): this {
    this.anchors.push({ offset: this.length, at, substituted: true });
    this.chunks.push(piece);
    this.length += piece.length;
    return this;
  }

  /** Appends joining text that is not in the file (a newline between lines). */
  appendSeparator(separator: string): this {
    this.chunks.push(separator);
    this.length += separator.length;
    return this;
  }

  get isEmpty(): boolean {
    return this.anchors.length === 0;
  }

  build(): TextRegion {
    const text = this.chunks.join('');
    const anchors = this.anchors.length > 0 ? [...this.anchors] : [{ offset: 0, at: { line: 1, column: 1 } }];
    const region: TextRegion = {
      text,
      position(offset: number): LineColumn {
        const anchor = anchors[lastAtOrBefore(anchors, offset, (entry) => entry.offset)];
        return anchor.substituted ? { ...anchor.at } : { line: anchor.at.line, column: anchor.at.column + (offset - anchor.offset) };
      },
    };
    if (anchors.some((anchor) => anchor.substituted)) {
      region.isSubstituted = (offset: number): boolean => anchors[lastAtOrBefore(anchors, offset, (entry) => entry.offset)].substituted === true;
    }
    return region;
  }
}

/** Index of the last entry whose key is <= target (entries sorted by key, first key <= any target). */
function lastAtOrBefore<T>(entries: T[], target: number, key: (entry: T) => number): number {
  let low = 0;
  let high = entries.length - 1;
  while (low < high) {
    const middle = (low + high + 1) >> 1;
    if (key(entries[middle]) <= target) low = middle;
    else high = middle - 1;
  }
  return low;
}
