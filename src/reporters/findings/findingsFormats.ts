/** The values of `lint --format` (its own module: the CLI reads it at start-up, the renderers load later). */
export const FINDINGS_FORMATS = ['stylish', 'json', 'sarif', 'github', 'markdown'] as const;
export type FindingsFormat = (typeof FINDINGS_FORMATS)[number];
