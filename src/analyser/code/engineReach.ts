import { ts } from 'ts-morph';
import { libraryOfPackage } from './clientLibraries.js';
import { REQUEST_PACKAGES } from './rawHttpCalls.js';
import { declarationOf, innermostExpression, moduleSpecifierOf } from './syntaxWalk.js';

/**
 * A cheap test, on the compiler's tree, of whether a call could reach the Engine at all,
 * made before its receiver is resolved (resolving every `list.push()` and `map.get()` of a
 * large project is most of a scan's time).
 *
 * A client, an HTTP library or a socket enters a file only through an import, a
 * parameter, `this`, a global such as `fetch`, or a name bound to one of these. A call
 * whose receiver comes from none of them (`results.push(x)` on an array literal,
 * `new Map().get(k)`, `JSON.parse(text)`, a lodash function, a function declared in the
 * file) cannot send a request, whatever its method is called. Whatever this test cannot
 * read says "maybe", and the analysis decides.
 */
export function mayReachEngine(call: ts.CallExpression, scope: ReachScope): boolean {
  // Bound by the type checker when it was created; an unbound file has no scopes to read.
  if ((call.getSourceFile() as { locals?: unknown }).locals === undefined) return true;
  const callee = innermostExpression(call.expression);
  // `helper(x)`: a function declared in this file or another scanned module is not a client
  // method nor an HTTP function (requests inside it are found where they are written).
  return new Reach(scope).mayCarry(callee, 0, ts.isIdentifier(callee));
}

/** What the test needs to know about the project beyond the file. */
export interface ReachScope {
  /** Whether a bare specifier names one of the workspace's packages (scanned code). */
  isLocalPackage(specifier: string): boolean;
  /** Whether an import of scanned code stands for a function that module declares (see isFunctionDeclaration). */
  importsFunction(importDeclaration: ts.ImportSpecifier | ts.ImportClause): boolean;
}

// Packages through which a request can go out (node's modules, HTTP clients, Docker clients).
const CARRIER_PACKAGES = new Set(['http', 'https', 'net', 'undici', 'node-fetch', 'axios', 'got', ...REQUEST_PACKAGES, 'util']);
// Globals of the language, the runtime and test frameworks that never hold a client. Any other
// undeclared name may (`fetch`, `globalThis`, a `docker` global a script expects to exist).
const INERT_GLOBALS = new Set([
  'undefined', 'JSON', 'Math', 'Object', 'Array', 'Number', 'String', 'Boolean', 'Symbol', 'BigInt', 'Date', 'RegExp', 'Error', 'Promise',
  'Reflect', 'Intl', 'Map', 'Set', 'WeakMap', 'WeakSet', 'console', 'process', 'Buffer', 'setTimeout', 'clearTimeout', 'setInterval',
  'clearInterval', 'setImmediate', 'queueMicrotask', 'structuredClone', 'parseInt', 'parseFloat', 'isNaN', 'isFinite',
  'encodeURIComponent', 'decodeURIComponent', 'encodeURI', 'decodeURI', 'describe', 'it', 'test', 'expect', 'beforeEach',
  'afterEach', 'beforeAll', 'afterAll', 'vi', 'jest',
]);
// Constructors of values that never hold a client.
const INERT_CONSTRUCTORS = new Set(['Map', 'Set', 'WeakMap', 'WeakSet', 'Array', 'Date', 'RegExp', 'Error', 'TypeError', 'RangeError', 'Promise', 'URLSearchParams', 'AbortController', 'TextEncoder', 'TextDecoder', 'EventEmitter']);
// Names past which the test stops following and says "maybe".
const MAX_STEPS = 8;

class Reach {
  constructor(private readonly scope: ReachScope) {}

  /** Whether a client, an HTTP function or a socket may flow out of this expression. */
  mayCarry(node: ts.Expression, steps: number, calledDirectly = false): boolean {
    if (steps > MAX_STEPS) return true;
    const expression = innermostExpression(node);
    const next = steps + 1;
    if (ts.isIdentifier(expression)) return this.identifierMayCarry(expression, steps, calledDirectly);
    if (ts.isPropertyAccessExpression(expression) && expression.expression.kind === ts.SyntaxKind.ThisKeyword) return this.thisMemberMayCarry(expression, next);
    if (ts.isPropertyAccessExpression(expression) || ts.isElementAccessExpression(expression)) return this.mayCarry(expression.expression, next);
    if (ts.isCallExpression(expression)) {
      const callee = innermostExpression(expression.expression);
      const [first] = expression.arguments;
      if (ts.isIdentifier(callee) && callee.text === 'require' && declarationOf(callee) === undefined && first && ts.isStringLiteralLike(first)) return this.specifierMayCarry(first.text);
      // `const update = useCallback((field) => ..., [])` called as `update(f)`: a wrapped inline function
      // is code of the file, whose own requests are found where they are written.
      const isInlineFunction = (argument: ts.Expression) => ts.isArrowFunction(argument) || ts.isFunctionExpression(argument);
      return this.mayCarry(callee, next) || expression.arguments.some((argument) => !(calledDirectly && isInlineFunction(argument)) && this.mayCarry(argument, next));
    }
    if (ts.isNewExpression(expression)) {
      const constructor = innermostExpression(expression.expression);
      const inert = ts.isIdentifier(constructor) && INERT_CONSTRUCTORS.has(constructor.text) && declarationOf(constructor) === undefined;
      return (!inert && this.mayCarry(constructor, next)) || (expression.arguments ?? []).some((argument) => this.mayCarry(argument, next));
    }
    if (ts.isStringLiteralLike(expression) || ts.isNumericLiteral(expression) || ts.isBigIntLiteral(expression) || ts.isRegularExpressionLiteral(expression) || ts.isTemplateExpression(expression)) return false;
    if (expression.kind === ts.SyntaxKind.TrueKeyword || expression.kind === ts.SyntaxKind.FalseKeyword || expression.kind === ts.SyntaxKind.NullKeyword) return false;
    if (ts.isArrayLiteralExpression(expression)) return expression.elements.some((element) => this.mayCarry(ts.isSpreadElement(element) ? element.expression : element, next));
    if (ts.isObjectLiteralExpression(expression)) {
      return expression.properties.some((property) => {
        if (ts.isPropertyAssignment(property)) return this.mayCarry(property.initializer, next);
        if (ts.isShorthandPropertyAssignment(property)) return this.identifierMayCarry(property.name, next, false);
        if (ts.isSpreadAssignment(property)) return this.mayCarry(property.expression, next);
        return true;
      });
    }
    // `helper(x)` where `const helper = (p) => ...`: a local function, as for a declaration.
    if ((ts.isArrowFunction(expression) || ts.isFunctionExpression(expression)) && calledDirectly) return false;
    if (ts.isConditionalExpression(expression)) return this.mayCarry(expression.whenTrue, next) || this.mayCarry(expression.whenFalse, next);
    if (ts.isBinaryExpression(expression)) {
      const operator = expression.operatorToken.kind;
      if (operator === ts.SyntaxKind.BarBarToken || operator === ts.SyntaxKind.QuestionQuestionToken || operator === ts.SyntaxKind.AmpersandAmpersandToken || operator === ts.SyntaxKind.CommaToken) {
        return this.mayCarry(expression.left, next) || this.mayCarry(expression.right, next);
      }
      if (operator === ts.SyntaxKind.EqualsToken) return this.mayCarry(expression.right, next);
      // Arithmetic, comparisons and string concatenation make numbers, booleans and strings.
      return false;
    }
    if (ts.isPrefixUnaryExpression(expression) || ts.isPostfixUnaryExpression(expression) || ts.isTypeOfExpression(expression) || ts.isVoidExpression(expression) || ts.isDeleteExpression(expression)) return false;
    return true;
  }

  private identifierMayCarry(identifier: ts.Identifier, steps: number, calledDirectly: boolean): boolean {
    const declaration = declarationOf(identifier);
    if (declaration === null) return true;
    if (declaration === undefined) return !INERT_GLOBALS.has(identifier.text);
    // A parameter called as a function is unknown to the analysis (no client method nor HTTP
    // function comes from a bare parameter); one used as a receiver may be a client.
    if (ts.isParameter(declaration)) return !calledDirectly;
    if (ts.isImportSpecifier(declaration) || ts.isImportClause(declaration) || ts.isNamespaceImport(declaration) || ts.isImportEqualsDeclaration(declaration)) {
      const specifier = moduleSpecifierOf(declaration);
      if (specifier === undefined) return true;
      if (calledDirectly && !ts.isNamespaceImport(declaration) && !ts.isImportEqualsDeclaration(declaration) && this.isScannedCode(specifier.text) && this.scope.importsFunction(declaration)) return false;
      return this.specifierMayCarry(specifier.text);
    }
    if (ts.isFunctionDeclaration(declaration)) return !calledDirectly;
    if (ts.isEnumDeclaration(declaration) || ts.isInterfaceDeclaration(declaration) || ts.isTypeAliasDeclaration(declaration)) return false;
    if (ts.isVariableDeclaration(declaration)) return this.variableMayCarry(declaration, identifier.text, steps, calledDirectly);
    if (ts.isBindingElement(declaration)) {
      const root = bindingRoot(declaration);
      return root === undefined || ts.isParameter(root) || this.variableMayCarry(root, identifier.text, steps, false);
    }
    return true;
  }

  private variableMayCarry(declaration: ts.VariableDeclaration, name: string, steps: number, calledDirectly: boolean): boolean {
    const list = declaration.parent;
    if (!ts.isVariableDeclarationList(list) || !declaration.initializer) return true;
    // `for (const container of containers)`: whatever the list holds.
    if (ts.isForOfStatement(list.parent) || ts.isForInStatement(list.parent)) return true;
    if (!(list.flags & ts.NodeFlags.Const) && isAssignedLater(declaration, name)) return true;
    return this.mayCarry(declaration.initializer, steps + 1, calledDirectly);
  }

  /**
   * `this.cache` in a class: what its field is initialised with and what the class assigns
   * to it. A field the class never sets (given by a constructor parameter, or from outside) may be anything.
   */
  private thisMemberMayCarry(access: ts.PropertyAccessExpression, steps: number): boolean {
    let classNode: ts.Node | undefined = access.parent;
    while (classNode && !ts.isClassLike(classNode)) classNode = classNode.parent;
    if (!classNode || !ts.isClassLike(classNode)) return true;
    const sources = fieldSources(classNode).get(access.name.text);
    return sources === undefined || sources.some((source) => this.mayCarry(source, steps));
  }

  /** Scanned code (relative paths, the workspace's packages), HTTP and Docker client packages. */
  private specifierMayCarry(specifier: string): boolean {
    const name = specifier.replace(/^node:/, '');
    return this.isScannedCode(name) || CARRIER_PACKAGES.has(packageNameOf(name)) || libraryOfPackage(name) !== undefined;
  }

  private isScannedCode(specifier: string): boolean {
    if (!/^(@[\w.-]+\/)?[\w.-]/.test(specifier) || specifier.startsWith('.')) return true;
    return this.scope.isLocalPackage(packageNameOf(specifier)) || this.scope.isLocalPackage(specifier);
  }
}

function packageNameOf(specifier: string): string {
  return /^(@[^/]+\/[^/]+|[^/]+)/.exec(specifier)?.[1] ?? specifier;
}

/** `function f() {}` or `const f = () => {}`: a function of the code, not a value that may be a client's method. */
export function isFunctionDeclaration(declaration: ts.Declaration | undefined): boolean {
  if (declaration === undefined) return false;
  if (ts.isFunctionDeclaration(declaration)) return declaration.body !== undefined;
  if (!ts.isVariableDeclaration(declaration) || !declaration.initializer || !ts.isVariableDeclarationList(declaration.parent)) return false;
  if (!(declaration.parent.flags & ts.NodeFlags.Const)) return false;
  const initializer = innermostExpression(declaration.initializer);
  return ts.isArrowFunction(initializer) || ts.isFunctionExpression(initializer);
}

const fieldSourcesByClass = new WeakMap<ts.ClassLikeDeclaration, Map<string, ts.Expression[]>>();

/**
 * The expressions a class stores in each of its fields: initialisers and `this.name = ...`.
 * A field with a constructor parameter property (`constructor(private docker: Docker)`)
 * or a getter is left out: it may be anything.
 */
function fieldSources(classNode: ts.ClassLikeDeclaration): Map<string, ts.Expression[]> {
  let sources = fieldSourcesByClass.get(classNode);
  if (sources) return sources;
  sources = new Map();
  const open = new Set<string>();
  const add = (name: string, expression: ts.Expression) => sources!.set(name, [...(sources!.get(name) ?? []), expression]);
  for (const member of classNode.members) {
    const name = member.name && (ts.isIdentifier(member.name) || ts.isPrivateIdentifier(member.name) || ts.isStringLiteral(member.name)) ? member.name.text : undefined;
    if (ts.isPropertyDeclaration(member) && name !== undefined) {
      if (member.initializer) add(name, member.initializer);
    } else if (name !== undefined && !ts.isConstructorDeclaration(member)) open.add(name);
    if (ts.isConstructorDeclaration(member)) {
      for (const parameter of member.parameters) {
        if (ts.isIdentifier(parameter.name) && parameter.modifiers?.length) open.add(parameter.name.text);
      }
    }
  }
  const visit = (node: ts.Node): void => {
    if (ts.isBinaryExpression(node) && node.operatorToken.kind === ts.SyntaxKind.EqualsToken && ts.isPropertyAccessExpression(node.left) && node.left.expression.kind === ts.SyntaxKind.ThisKeyword) {
      add(node.left.name.text, node.right);
    }
    // `this.containers.push({ remote: container })`: what a list field is filled with.
    if (ts.isCallExpression(node) && ts.isPropertyAccessExpression(node.expression) && (node.expression.name.text === 'push' || node.expression.name.text === 'unshift')) {
      const list = node.expression.expression;
      if (ts.isPropertyAccessExpression(list) && list.expression.kind === ts.SyntaxKind.ThisKeyword) for (const argument of node.arguments) add(list.name.text, argument);
    }
    ts.forEachChild(node, visit);
  };
  ts.forEachChild(classNode, visit);
  // A field nobody in the class sets is set from outside, or is a method: unknown.
  for (const name of open) sources.delete(name);
  for (const [name, list] of sources) if (list.length === 0) sources.delete(name);
  fieldSourcesByClass.set(classNode, sources);
  return sources;
}

/** `const { docker } = deps` or `function f({ docker })`: the declaration the pattern belongs to. */
function bindingRoot(element: ts.BindingElement): ts.VariableDeclaration | ts.ParameterDeclaration | undefined {
  let node: ts.Node = element.parent;
  while (ts.isObjectBindingPattern(node) || ts.isArrayBindingPattern(node) || ts.isBindingElement(node)) node = node.parent;
  return ts.isVariableDeclaration(node) || ts.isParameter(node) ? node : undefined;
}

/** Whether a `let`/`var` is assigned after its declaration anywhere in its scope (then it may hold anything). */
function isAssignedLater(declaration: ts.VariableDeclaration, name: string): boolean {
  let scope: ts.Node = declaration;
  while (scope.parent && !ts.isFunctionLike(scope) && !ts.isSourceFile(scope)) scope = scope.parent;
  return assignedNames(scope).has(name);
}

const assignedNamesByScope = new WeakMap<ts.Node, Set<string>>();

function assignedNames(scope: ts.Node): Set<string> {
  let names = assignedNamesByScope.get(scope);
  if (names) return names;
  names = new Set();
  const visit = (node: ts.Node): void => {
    if (ts.isBinaryExpression(node) && node.operatorToken.kind >= ts.SyntaxKind.FirstAssignment && node.operatorToken.kind <= ts.SyntaxKind.LastAssignment && ts.isIdentifier(node.left)) {
      names!.add(node.left.text);
    }
    ts.forEachChild(node, visit);
  };
  ts.forEachChild(scope, visit);
  assignedNamesByScope.set(scope, names);
  return names;
}
