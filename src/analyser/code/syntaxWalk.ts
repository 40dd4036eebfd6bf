import { ts, type KindToNodeMappings, type Node, type SyntaxKind } from 'ts-morph';

/**
 * Walks the compiler's parse tree under `root` (forEachChild, so no tokens, and no
 * recursion) and lists the nodes `match` accepts, in source order.
 */
export function compilerNodesUnder<T extends ts.Node>(root: ts.Node, match: (node: ts.Node) => node is T): T[] {
  const found: T[] = [];
  const stack: ts.Node[] = [root];
  while (stack.length > 0) {
    const node = stack.pop()!;
    if (node !== root && match(node)) found.push(node);
    const children: ts.Node[] = [];
    ts.forEachChild(node, (child) => {
      children.push(child);
    });
    for (let index = children.length - 1; index >= 0; index--) stack.push(children[index]);
  }
  return found;
}

/**
 * The ts-morph wrapper of a compiler node of the same project. Wrapping is what costs in
 * a large project (ts-morph's getDescendantsOfKind wraps through nested generators), so
 * the walks above filter on compiler nodes and wrap only what they keep.
 */
export function wrapCompilerNode(anchor: Node, compilerNode: ts.Node): Node {
  return (anchor as unknown as { _getNodeFromCompilerNode(node: ts.Node): Node })._getNodeFromCompilerNode(compilerNode);
}

/** Like ts-morph's `node.getDescendantsOfKind(kind)`, for the kinds found on the parse tree. */
export function descendantsOfKind<K extends SyntaxKind>(node: Node, kind: K): Array<KindToNodeMappings[K]> {
  const compilerNodes = compilerNodesUnder(node.compilerNode, (candidate): candidate is ts.Node => candidate.kind === (kind as number));
  return compilerNodes.map((compilerNode) => wrapCompilerNode(node, compilerNode) as KindToNodeMappings[K]);
}

/**
 * The 1-based line and column of a position, with TypeScript's line map (built once per
 * file; a lone CR, U+2028 and U+2029 end lines as in the compiler and editors).
 * ts-morph's getLineAndColumnAtPos counts only LF and rescans the text on every call.
 */
export function lineAndColumnOf(file: ts.SourceFile, position: number): { line: number; column: number } {
  const { line, character } = ts.getLineAndCharacterOfPosition(file, position);
  return { line: line + 1, column: character + 1 };
}

/** Parentheses, `!`, `await` and type assertions: wrappers that do not change which value an expression is. */
function isWrapper(node: ts.Node): node is ts.ParenthesizedExpression | ts.NonNullExpression | ts.AwaitExpression | ts.AsExpression | ts.SatisfiesExpression | ts.TypeAssertion {
  return ts.isParenthesizedExpression(node) || ts.isNonNullExpression(node) || ts.isAwaitExpression(node) || ts.isAsExpression(node) || ts.isSatisfiesExpression(node) || ts.isTypeAssertionExpression(node);
}

/** The expression inside its wrappers: `x` in `(await x as T)!`. */
export function innermostExpression(expression: ts.Expression): ts.Expression {
  let current = expression;
  while (isWrapper(current)) current = current.expression;
  return current;
}

/** The outermost wrapper around a node (the node itself when it has none): its parent is what uses the value. */
export function outermostWrapper(node: ts.Node): ts.Node {
  let current = node;
  while (current.parent && isWrapper(current.parent)) current = current.parent;
  return current;
}

/**
 * The module specifier an import or re-export names, from any node inside the statement
 * (`'./client'` for the `docker` of `import { docker } from './client'`), or from
 * `import x = require('./client')`. Undefined when it is not a string (broken code).
 */
export function moduleSpecifierOf(node: ts.Node): ts.StringLiteral | undefined {
  let statement: ts.Node | undefined = node;
  while (statement && !ts.isImportDeclaration(statement) && !ts.isExportDeclaration(statement) && !ts.isImportEqualsDeclaration(statement)) statement = statement.parent;
  if (!statement) return undefined;
  const specifier = ts.isImportEqualsDeclaration(statement)
    ? ts.isExternalModuleReference(statement.moduleReference) ? statement.moduleReference.expression : undefined
    : statement.moduleSpecifier;
  return specifier && ts.isStringLiteral(specifier) ? specifier : undefined;
}

/**
 * The declaration of a name, from the binder's scopes (`locals`), without the type
 * checker. undefined: declared nowhere in the file (a global).
 */
export function declarationOf(identifier: ts.Identifier): ts.Declaration | undefined {
  const name = identifier.escapedText;
  for (let node: ts.Node | undefined = identifier.parent; node; node = node.parent) {
    const symbol = (node as { locals?: Map<ts.__String, ts.Symbol> }).locals?.get(name);
    if (symbol) return symbol.declarations?.[0];
  }
  return undefined;
}
