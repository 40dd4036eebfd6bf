import type { CompatIndex } from '../../database/compatIndex.js';
import type { FileFindings, ScanNote, SourcePosition } from '../usage.js';
import type { LineColumn, TextRegion } from './textRegion.js';

/** A file with many problems gets this many warnings, then one saying the rest were left out. */
const MAX_WARNINGS = 20;

/** What the scanners of one file share: where findings go and how to look up Engine paths. */
export class ScanContext {
  private warnings = 0;

  constructor(
    readonly file: string,
    readonly index: CompatIndex | undefined,
    readonly findings: FileFindings,
  ) {}

  at(position: LineColumn): SourcePosition {
    return { file: this.file, line: position.line, column: position.column };
  }

  atOffset(region: TextRegion, offset: number): SourcePosition {
    return this.at(region.position(offset));
  }

  note(kind: ScanNote['kind'], message: string, line?: number): void {
    if (kind === 'warning' && ++this.warnings > MAX_WARNINGS) {
      if (this.warnings === MAX_WARNINGS + 1) this.findings.notes.push({ file: this.file, kind, message: 'more warnings left out' });
      return;
    }
    this.findings.notes.push(line === undefined ? { file: this.file, kind, message } : { file: this.file, line, kind, message });
  }
}
