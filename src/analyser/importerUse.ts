import { ts } from 'ts-morph';
import { isStackOverflow } from '../errors.js';
import { innermostExpression, outermostWrapper } from './code/syntaxWalk.js';

/** learnsFromImports on a file's text, parsed here. */
export function learnsFromImportsInText(path: string, text: string, dockerSpecifiers: ReadonlySet<string>): boolean {
  try {
    return learnsFromImports(ts.createSourceFile(path, text, ts.ScriptTarget.Latest, true, scriptKindOf(path)), dockerSpecifiers);
  } catch (error) {
    // Code nested thousands deep overflows the parser or the walks: say yes, and the scan's own
    // parse of the file skips it with a note, as it does any such file.
    if (isStackOverflow(error)) return true;
    throw error;
  }
}

/**
 * Whether a file that imports Docker code uses it in a way the analysis can learn from,
 * read from that file's syntax alone (no binding, no other file):
 *
 * - a value of the Docker module is used as anything but a callee: a client or wrapper
 *   whose methods it calls (`docker.listContainers()`, `new DeployService()`), a value it
 *   passes on or stores;
 * - an imported function is called with an argument that may be known (a literal, an
 *   object, a constant; not just a parameter of the calling function), which the analysis
 *   reads at this call-site for the requests inside the function;
 * - the result of such a call is kept or used (`(await getClient()).ping()`), since it
 *   may be a client.
 *
 * A file that only calls imported functions with its own parameters and passes the
 * results on (`results.push(stopPreview(input))`) teaches nothing: the requests inside
 * are analysed where they are written, with the values they have there.
 */
export function learnsFromImports(file: ts.SourceFile, dockerSpecifiers: ReadonlySet<string>): boolean {
  const names = new Set<string>();
  let passesOn = false;
  const visitImports = (node: ts.Node): void => {
    if (passesOn) return;
    if (ts.isImportDeclaration(node) && ts.isStringLiteral(node.moduleSpecifier) && dockerSpecifiers.has(node.moduleSpecifier.text)) {
      const clause = node.importClause;
      if (clause && !clause.isTypeOnly) {
        if (clause.name) names.add(clause.name.text);
        const bindings = clause.namedBindings;
        if (bindings && ts.isNamespaceImport(bindings)) names.add(bindings.name.text);
        if (bindings && ts.isNamedImports(bindings)) for (const element of bindings.elements) if (!element.isTypeOnly) names.add(element.name.text);
      }
      return;
    }
    if (ts.isExportDeclaration(node) && node.moduleSpecifier && ts.isStringLiteral(node.moduleSpecifier) && dockerSpecifiers.has(node.moduleSpecifier.text)) {
      passesOn = !node.isTypeOnly;
      return;
    }
    if (isRequireOf(node, dockerSpecifiers)) {
      const holder = outermostWrapper(node).parent;
      // `const docker = require('./docker')`, `const { docker } = require('./docker')`; anything else uses it directly.
      if (holder && ts.isVariableDeclaration(holder)) for (const name of bindingNames(holder.name)) names.add(name);
      else passesOn = true;
      return;
    }
    ts.forEachChild(node, visitImports);
  };
  visitImports(file);
  if (passesOn) return true;
  if (names.size === 0) return false;
  let learns = false;
  const visitUses = (node: ts.Node): void => {
    if (learns) return;
    if (ts.isIdentifier(node) && names.has(node.text) && isValueReference(node)) learns = useTeaches(node);
    else ts.forEachChild(node, visitUses);
  };
  visitUses(file);
  return learns;
}

function bindingNames(name: ts.BindingName): string[] {
  if (ts.isIdentifier(name)) return [name.text];
  return name.elements.flatMap((element) => (ts.isBindingElement(element) ? bindingNames(element.name) : []));
}

function isRequireOf(node: ts.Node, specifiers: ReadonlySet<string>): node is ts.CallExpression {
  if (!ts.isCallExpression(node) || !ts.isIdentifier(node.expression) || node.expression.text !== 'require') return false;
  const [first] = node.arguments;
  return first !== undefined && ts.isStringLiteralLike(first) && specifiers.has(first.text);
}

/** A reference to the name as a value: not its declaration, a property name, a type or a JSX tag. */
function isValueReference(identifier: ts.Identifier): boolean {
  const parent = identifier.parent;
  if (ts.isImportSpecifier(parent) || ts.isImportClause(parent) || ts.isNamespaceImport(parent) || ts.isExportSpecifier(parent)) return false;
  if ((ts.isVariableDeclaration(parent) || ts.isBindingElement(parent) || ts.isParameter(parent) || ts.isFunctionDeclaration(parent) || ts.isClassDeclaration(parent)) && parent.name === identifier) return false;
  if ((ts.isPropertyAccessExpression(parent) || ts.isPropertyAssignment(parent) || ts.isMethodDeclaration(parent) || ts.isPropertyDeclaration(parent)) && parent.name === identifier) return false;
  if (ts.isBindingElement(parent) && parent.propertyName === identifier) return false;
  if (ts.isTypeReferenceNode(parent) || ts.isTypeQueryNode(parent) || ts.isQualifiedName(parent) || ts.isExpressionWithTypeArguments(parent) && ts.isHeritageClause(parent.parent) && parent.parent.token === ts.SyntaxKind.ImplementsKeyword) return false;
  if ((ts.isJsxOpeningElement(parent) || ts.isJsxSelfClosingElement(parent) || ts.isJsxClosingElement(parent)) && parent.tagName === identifier) return false;
  return true;
}

function useTeaches(identifier: ts.Identifier): boolean {
  const call = identifier.parent;
  if (!ts.isCallExpression(call) || call.expression !== identifier) return true;
  return call.arguments.some((argument) => !isOpaque(argument)) || isResultUsed(call);
}

/** An argument the caller knows nothing about: its own parameter, nothing, or a stand-in cast to never. */
function isOpaque(argument: ts.Expression): boolean {
  if (ts.isAsExpression(argument) && argument.type.kind === ts.SyntaxKind.NeverKeyword) return true;
  const expression = innermostExpression(argument);
  if (!ts.isIdentifier(expression)) return false;
  if (expression.text === 'undefined') return true;
  for (let node: ts.Node | undefined = expression.parent; node; node = node.parent) {
    if (ts.isFunctionLike(node) && node.parameters.some((parameter) => bindingNames(parameter.name).includes(expression.text))) return true;
  }
  return false;
}

/** The call's result is kept or used as a receiver, rather than returned, passed on or dropped. */
function isResultUsed(call: ts.CallExpression): boolean {
  const node = outermostWrapper(call);
  const parent = node.parent;
  if (!parent) return false;
  if (ts.isExpressionStatement(parent) || ts.isReturnStatement(parent) || ts.isArrowFunction(parent) || ts.isVoidExpression(parent)) return false;
  if ((ts.isCallExpression(parent) || ts.isNewExpression(parent)) && parent.expression !== node) return false;
  return true;
}

function scriptKindOf(path: string): ts.ScriptKind {
  if (/\.tsx$/.test(path)) return ts.ScriptKind.TSX;
  if (/\.jsx$/.test(path)) return ts.ScriptKind.JSX;
  if (/\.[cm]?js$/.test(path)) return ts.ScriptKind.JS;
  return ts.ScriptKind.TS;
}
