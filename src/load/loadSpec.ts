import SwaggerParser from '@apidevtools/swagger-parser';
import yaml from 'js-yaml';
import { CompatError } from '../errors.js';

export type SwaggerDocument = Record<string, unknown> & { paths?: Record<string, Record<string, unknown>> };

/**
 * Parses one archived spec, checks that it is Swagger 2.0, validates it against
 * the Swagger 2.0 schema and dereferences every `$ref` (`@apidevtools/swagger-parser`).
 * Errors name the file and, for YAML syntax, the line and column.
 */
export async function loadSpecDocument(text: string, displayPath: string): Promise<SwaggerDocument> {
  let parsed: unknown;
  try {
    parsed = yaml.load(text, { filename: displayPath });
  } catch (error) {
    if (error instanceof yaml.YAMLException && error.mark) {
      throw new CompatError('data', `${displayPath}:${error.mark.line + 1}:${error.mark.column + 1}: invalid YAML: ${error.reason}`);
    }
    throw new CompatError('data', `${displayPath}: invalid YAML: ${(error as Error).message}`);
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
    throw new CompatError('data', `${displayPath}: not a Swagger 2.0 document (the file is not a YAML mapping)`);
  }
  const document = parsed as SwaggerDocument;
  if (document.swagger !== '2.0') {
    const found = document.openapi ? `OpenAPI ${String(document.openapi)}` : 'no "swagger: 2.0" key';
    throw new CompatError('data', `${displayPath}: not a Swagger 2.0 document (${found})`);
  }
  try {
    return (await SwaggerParser.validate(document as never)) as SwaggerDocument;
  } catch (error) {
    const firstLine = String((error as Error).message).split('\n').find((line) => line.trim() !== '') ?? 'invalid';
    throw new CompatError('data', `${displayPath}: invalid Swagger 2.0: ${firstLine.trim()}`);
  }
}
