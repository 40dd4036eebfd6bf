import { Node, SyntaxKind, ts, type BinaryExpression, type CallExpression, type PropertyAccessExpression, type SourceFile, type Symbol as MorphSymbol } from 'ts-morph';
import { compilerNodesUnder, declarationOf, descendantsOfKind, moduleSpecifierOf, wrapCompilerNode } from './syntaxWalk.js';
import {
  alternatives,
  CIRCULAR_REFERENCE,
  concatValues,
  holeName,
  mergeObjects,
  oneOf,
  parametersMentioned,
  patternText,
  stringParts,
  stringValue,
  UNKNOWN,
  type AbstractValue,
  type ObjectValue,
} from './abstractValue.js';
import { quotedIfOdd } from '../../text.js';

/** Arguments bound to a function's parameters while its body is evaluated for one call. */
export interface ResolveContext {
  bindings: Map<Node, ArgumentBinding>;
  depth: number;
  /** `this` inside an inlined method, when known. */
  thisValue?: AbstractValue;
}

export type ArgumentBinding = { node: Node | undefined; context: ResolveContext } | { value: AbstractValue };

/** Hooks through which the client layer gives meaning to constructors and method calls. */
export interface ResolverHooks {
  /** `new X(args)` where X resolved to `callee`. */
  construct?(callee: AbstractValue, args: Node[], context: ResolveContext, node: Node): AbstractValue | undefined;
  /** `receiver.name(args)` on a resolved receiver, or `callee(args)` when name is undefined. */
  call?(receiver: AbstractValue | undefined, name: string | undefined, call: CallExpression, context: ResolveContext, callee: AbstractValue): AbstractValue | undefined;
  /** `process.env.NAME`. */
  environment?(name: string): AbstractValue | undefined;
  /** `value.name` on a client or HTTP client object. */
  member?(value: AbstractValue, name: string): AbstractValue | undefined;
  /** A parameter of a callback passed to `call` (`container.inspect((err, data) => ...)`). */
  callbackParameter?(call: CallExpression, functionNode: Node, parameterIndex: number): AbstractValue | undefined;
  /** `new Api(...)` expressions of a local class in the scanned files (a few dozen at most). */
  constructionsOf?(classNode: Node): Array<Node & { getArguments(): Node[] }>;
  /** An untyped parameter whose name says what it is (`function stop(container)`). */
  parameterByName?(name: string, parameter: Node): AbstractValue | undefined;
  /** A bare specifier that names a package of the scanned workspace (resolved like a relative import). */
  isLocalPackage?(specifier: string): boolean;
  /** A value declared with a package's type (`docker: Docker`, `c: Dockerode.Container`). */
  instanceOfType?(type: { kind: 'module'; specifier: string; member: string[] }): AbstractValue | undefined;
  /** An import whose module is not among the parsed files (`specifier` as written in `fromFile`). */
  moduleNotParsed?(specifier: string, fromFile: SourceFile): void;
}

export const ROOT_CONTEXT: ResolveContext = { bindings: new Map(), depth: 0 };

// Enough to follow a helper that calls a helper that builds a URL; deeper chains stay dynamic.
const MAX_DEPTH = 8;
const MAX_ALTERNATIVES = 16;
// Nested resolutions at once (a const that names a const that names a const..., an object
// literal inside an object literal...). Each costs a dozen stack frames or more: past this,
// generated code would overflow the stack and crash the whole scan; no hand-written chain is this long.
const MAX_NESTING = 200;
const ARRAY_CALLBACK_METHODS = new Set(['map', 'forEach', 'filter', 'find', 'findLast', 'some', 'every', 'flatMap', 'findIndex']);

/**
 * Computes what can be known statically about an expression: string and template
 * literals, concatenation, const bindings in this and other files, object literals
 * with spreads, and local functions evaluated with their arguments. Whatever cannot
 * be known is an `unknown` or a hole with a reason, never a guess.
 */
export class ValueResolver {
  private readonly hooks: ResolverHooks;
  private readonly cache = new Map<Node, AbstractValue>();
  private contextCaches = new WeakMap<ResolveContext, Map<Node, AbstractValue>>();
  private readonly mutationIndex = new Map<Node, Map<string, Array<BinaryExpression | CallExpression>>>();
  /** A class's constructor parameters bound to the arguments of each `new` of it (kept, so that values computed in them are too). */
  private readonly constructionContexts = new Map<Node, ResolveContext[]>();
  private readonly inProgress = new Set<Node>();

  constructor(hooks: ResolverHooks = {}) {
    this.hooks = hooks;
  }

  resolve(node: Node | undefined, context: ResolveContext = ROOT_CONTEXT): AbstractValue {
    if (!node) return { kind: 'nullish' };
    // Values in a call's context are kept as long as the context: callers' contexts are shared by every request of a function.
    const isRoot = context.bindings.size === 0 && context.thisValue === undefined;
    let cache = isRoot ? this.cache : this.contextCaches.get(context);
    const cached = cache?.get(node);
    if (cached) return cached;
    if (this.inProgress.has(node)) return UNKNOWN(CIRCULAR_REFERENCE);
    if (context.depth > MAX_DEPTH || this.inProgress.size >= MAX_NESTING) return UNKNOWN('too deep to follow');
    this.inProgress.add(node);
    let value: AbstractValue;
    try {
      value = limitAlternatives(this.compute(node, context));
    } finally {
      this.inProgress.delete(node);
    }
    if (!cache) this.contextCaches.set(context, (cache = new Map()));
    cache.set(node, value);
    return value;
  }

  /** Forgets computed values, after the hooks learned something that changes them. */
  clearCache(): void {
    this.cache.clear();
    this.contextCaches = new WeakMap();
    this.constructionContexts.clear();
  }

  /** A short description of an unresolved value, for `dynamic` reports. */
  describe(node: Node): string {
    const text = node.getText().replace(/\s+/g, ' ').trim();
    return quotedIfOdd(text.length > 40 ? `${text.slice(0, 39)}…` : text);
  }

  private compute(node: Node, context: ResolveContext): AbstractValue {
    if (Node.isStringLiteral(node) || Node.isNoSubstitutionTemplateLiteral(node)) return { kind: 'string', value: node.getLiteralValue() };
    if (Node.isNumericLiteral(node)) return { kind: 'number', value: node.getLiteralValue() };
    if (Node.isTrueLiteral(node)) return { kind: 'boolean', value: true };
    if (Node.isFalseLiteral(node)) return { kind: 'boolean', value: false };
    if (Node.isNullLiteral(node)) return { kind: 'nullish' };
    if (Node.isTemplateExpression(node)) return this.templateValue(node, context);
    // `fake as never`: a value its author says is not of the type the callee takes (a test's
    // stand-in); what it holds says nothing about what the code sends.
    if (Node.isAsExpression(node) && node.getTypeNode()?.getKind() === SyntaxKind.NeverKeyword) return UNKNOWN('a value cast to never');
    if (
      Node.isParenthesizedExpression(node) ||
      Node.isAsExpression(node) ||
      Node.isNonNullExpression(node) ||
      Node.isTypeAssertion(node) ||
      Node.isSatisfiesExpression(node) ||
      Node.isAwaitExpression(node)
    ) {
      return this.resolve(node.getExpression(), context);
    }
    if (Node.isBinaryExpression(node)) return this.binaryValue(node, context);
    if (Node.isConditionalExpression(node)) return oneOf([this.resolve(node.getWhenTrue(), this.narrowedBy(node.getCondition(), node.getWhenTrue(), context)), this.resolve(node.getWhenFalse(), context)]);
    if (Node.isObjectLiteralExpression(node)) return this.objectValue(node, context);
    if (Node.isArrayLiteralExpression(node)) return this.arrayValue(node, context);
    if (Node.isIdentifier(node)) return this.identifierValue(node, context);
    if (Node.isThisExpression(node)) return context.thisValue ?? this.thisValue(node);
    if (Node.isPropertyAccessExpression(node)) return this.propertyAccessValue(node, context);
    if (Node.isElementAccessExpression(node)) return this.elementAccessValue(node, context);
    if (Node.isCallExpression(node)) return this.callValue(node, context);
    if (Node.isNewExpression(node)) return this.newValue(node, context);
    if (Node.isArrowFunction(node) || Node.isFunctionExpression(node) || Node.isFunctionDeclaration(node) || Node.isMethodDeclaration(node)) {
      return { kind: 'function', node };
    }
    if (Node.isClassDeclaration(node) || Node.isClassExpression(node)) return { kind: 'function', node };
    if (Node.isVoidExpression(node)) return { kind: 'nullish' };
    return UNKNOWN(this.describe(node));
  }

  private templateValue(node: Node & { getHead(): Node; getTemplateSpans(): Node[] }, context: ResolveContext): AbstractValue {
    const head = node.getHead() as unknown as { getLiteralText(): string };
    const values: AbstractValue[] = [{ kind: 'string', value: head.getLiteralText() }];
    for (const span of node.getTemplateSpans()) {
      const expression = (span as unknown as { getExpression(): Node }).getExpression();
      const literal = (span as unknown as { getLiteral(): { getLiteralText(): string } }).getLiteral();
      values.push(this.stringish(expression, context), { kind: 'string', value: literal.getLiteralText() });
    }
    return concatValues(values, (value) => holeName(value));
  }

  /** A value used inside a string: string-like values stay, others become named holes. */
  private stringish(node: Node, context: ResolveContext): AbstractValue {
    const value = this.resolve(node, context);
    // A circular value keeps its reason, so that the request it ends up in is reported as dynamic (requestTarget.ts).
    // A parameter keeps its reason too, so that a helper's callers can fill the hole (`${base}${path}`).
    if (value.kind === 'unknown') {
      const keepsReason = value.reason === CIRCULAR_REFERENCE || value.reason.startsWith('parameter ');
      return { kind: 'pattern', parts: [{ hole: keepsReason ? value.reason : this.describe(node) }] };
    }
    return value;
  }

  private binaryValue(node: Node & { getOperatorToken(): Node; getLeft(): Node; getRight(): Node }, context: ResolveContext): AbstractValue {
    const operator = node.getOperatorToken().getKind();
    if (operator === SyntaxKind.PlusToken) {
      const left = this.stringish(node.getLeft(), context);
      const right = this.stringish(node.getRight(), context);
      if (left.kind === 'number' && right.kind === 'number') return { kind: 'number', value: left.value + right.value };
      return concatValues([left, right], (value) => holeName(value));
    }
    if (operator === SyntaxKind.QuestionQuestionToken || operator === SyntaxKind.BarBarToken) {
      const left = this.resolve(node.getLeft(), context);
      if (left.kind === 'nullish') return this.resolve(node.getRight(), context);
      if (isDefinitelyPresent(left)) return left;
      return oneOf([left, this.resolve(node.getRight(), context)]);
    }
    if (operator === SyntaxKind.AmpersandAmpersandToken) {
      return oneOf([{ kind: 'nullish' }, this.resolve(node.getRight(), context)]);
    }
    if (operator === SyntaxKind.EqualsToken || operator === SyntaxKind.CommaToken) return this.resolve(node.getRight(), context);
    return UNKNOWN(this.describe(node));
  }

  private objectValue(node: Node, context: ResolveContext): ObjectValue {
    const result: ObjectValue = { kind: 'object', properties: new Map(), open: false };
    for (const property of (node as unknown as { getProperties(): Node[] }).getProperties()) {
      if (Node.isPropertyAssignment(property)) {
        // A computed key (`[`${port}/tcp`]`) is a key we cannot name but whose value we know: `{}`.
        const key = this.propertyKey(property.getNameNode(), context) ?? '{}';
        result.properties.set(key, this.resolve(property.getInitializer(), context));
      } else if (Node.isShorthandPropertyAssignment(property)) {
        result.properties.set(property.getName(), this.shorthandValue(property, context));
      } else if (Node.isSpreadAssignment(property)) {
        const spread = mergeObjects([this.resolve(property.getExpression(), context)]);
        for (const [key, value] of spread.properties) result.properties.set(key, value);
        if (spread.open) result.open = true;
        if (spread.openBy) result.openBy = [...(result.openBy ?? []), ...spread.openBy];
        for (const key of spread.conditional ?? []) (result.conditional ??= new Set()).add(key);
      } else if (Node.isMethodDeclaration(property) || Node.isGetAccessorDeclaration(property)) {
        const key = this.propertyKey(property.getNameNode(), context);
        if (key !== undefined) result.properties.set(key, { kind: 'function', node: property });
      }
    }
    return result;
  }

  /** `{ params }`: the variable `params`, with what was assigned to it before this point. */
  private shorthandValue(property: Node & { getValueSymbol(): MorphSymbol | undefined; getName(): string }, context: ResolveContext): AbstractValue {
    const symbol = property.getValueSymbol();
    if (!symbol) return UNKNOWN(`unresolved name ${property.getName()}`);
    return this.applyMutations(this.symbolValue(symbol, context), symbol, property, context);
  }

  private propertyKey(name: Node, context: ResolveContext): string | undefined {
    if (Node.isIdentifier(name) || Node.isPrivateIdentifier(name)) return name.getText();
    if (Node.isStringLiteral(name) || Node.isNumericLiteral(name) || Node.isNoSubstitutionTemplateLiteral(name)) return String(name.getLiteralValue());
    if (Node.isComputedPropertyName(name)) {
      const key = this.resolve(name.getExpression(), context);
      return key.kind === 'string' ? key.value : undefined;
    }
    return undefined;
  }

  private arrayValue(node: Node, context: ResolveContext): AbstractValue {
    return this.listValue((node as unknown as { getElements(): Node[] }).getElements(), context);
  }

  /** The elements of an array literal, or the arguments of `list.push(...)`; spreads of known lists are opened. */
  private listValue(nodes: Node[], context: ResolveContext): AbstractValue & { kind: 'array' } {
    const elements: AbstractValue[] = [];
    let open = false;
    for (const element of nodes) {
      if (Node.isSpreadElement(element)) {
        const spread = this.resolve(element.getExpression(), context);
        if (spread.kind === 'array') {
          elements.push(...spread.elements);
          open ||= spread.open;
        } else open = true;
      } else elements.push(this.resolve(element, context));
    }
    return { kind: 'array', elements, open };
  }

  // ---- names ---------------------------------------------------------------

  private identifierValue(node: Node, context: ResolveContext): AbstractValue {
    const text = node.getText();
    if (text === 'undefined') return { kind: 'nullish' };
    const symbol = node.getSymbol();
    // The parser recovers from broken code with an empty identifier: "unresolved name " said nothing.
    if (!symbol) return UNKNOWN(text === '' ? 'a name is missing (syntax error)' : `unresolved name ${text}`);
    const value = this.symbolValue(symbol, context);
    return this.applyMutations(value, symbol, node, context);
  }

  /** The value of a declared name, following imports to their declaration. */
  symbolValue(symbol: MorphSymbol, context: ResolveContext): AbstractValue {
    for (const declaration of symbol.getDeclarations()) {
      const imported = this.importedValue(declaration);
      if (imported) return imported;
    }
    const target = symbol.isAlias() ? symbol.getAliasedSymbol() : symbol;
    let declarations = target?.getDeclarations() ?? [];
    if (declarations.length === 0 && symbol.isAlias()) {
      this.reportUnparsedModule(symbol);
      // JS `const x = require('pkg')` is an alias TypeScript cannot follow here: read the declaration itself.
      declarations = symbol.getDeclarations();
    }
    if (declarations.length === 0) return UNKNOWN(`unresolved name ${symbol.getName()}`);
    const values = declarations.slice(0, 4).map((declaration) => this.declarationValue(declaration, context));
    const known = values.filter((value) => value.kind !== 'unknown');
    return known.length > 0 ? oneOf(known) : values[0];
  }

  /**
   * Follows an import that ended nowhere, one re-export at a time, to the module that
   * is missing from the parsed files, and tells the hook which one it is.
   */
  private reportUnparsedModule(symbol: MorphSymbol): void {
    let current: MorphSymbol | undefined = symbol;
    for (let step = 0; current && step < MAX_DEPTH; step++) {
      const declaration: Node | undefined = current.getDeclarations()[0];
      const specifierNode = declaration ? moduleSpecifierOf(declaration.compilerNode) : undefined;
      if (!declaration || !specifierNode) return;
      const next: MorphSymbol | undefined = current.getImmediatelyAliasedSymbol();
      if (!next || next.getDeclarations().length === 0) {
        this.hooks.moduleNotParsed?.(specifierNode.text, declaration.getSourceFile());
        return;
      }
      current = next.isAlias() ? next : undefined;
    }
  }

  /** `import x from 'pkg'`, `import { x } from 'pkg'`, `import * as x from 'pkg'`: a module value for packages. */
  private importedValue(declaration: Node): AbstractValue | undefined {
    const importDeclaration = declaration.getFirstAncestorByKind(SyntaxKind.ImportDeclaration);
    if (Node.isImportEqualsDeclaration(declaration)) {
      const reference = declaration.getModuleReference();
      if (Node.isExternalModuleReference(reference)) {
        const specifier = reference.getExpression()?.getText().slice(1, -1) ?? '';
        if (this.isExternalPackage(specifier)) return { kind: 'module', specifier, member: [] };
      }
      return undefined;
    }
    if (!importDeclaration) return undefined;
    // A broken import (`import { x } from` at the end of a file) has no string specifier, and
    // getModuleSpecifier[Value]() would throw: it imports nothing.
    const specifierNode = importDeclaration.getNodeProperty('moduleSpecifier');
    if (!Node.isStringLiteral(specifierNode)) return undefined;
    const specifier = specifierNode.getLiteralValue();
    if (!this.isExternalPackage(specifier)) return undefined;
    if (Node.isImportClause(declaration)) return { kind: 'module', specifier, member: ['default'] };
    if (Node.isNamespaceImport(declaration)) return { kind: 'module', specifier, member: [] };
    if (Node.isImportSpecifier(declaration)) {
      const imported = declaration.getName();
      return { kind: 'module', specifier, member: [imported] };
    }
    return undefined;
  }

  /**
   * `query ? `${path}?${query}` : path`: where the condition is a name, the branch it guards sees
   * only the name's values that pass it (not `undefined`, not an empty string).
   */
  private narrowedBy(condition: Node, branch: Node, context: ResolveContext): ResolveContext {
    if (!Node.isIdentifier(condition) || !branch.getText().includes(condition.getText())) return context;
    const declaration = condition.getSymbol()?.getDeclarations()[0];
    if (!declaration || !(Node.isVariableDeclaration(declaration) || Node.isParameterDeclaration(declaration))) return context;
    const options = alternatives(this.resolve(condition, context));
    const truthy = options.filter((option) => !isFalsy(option));
    if (truthy.length === options.length || truthy.length === 0) return context;
    return { ...context, bindings: new Map([...context.bindings, [declaration, { value: oneOf(truthy) }]]) };
  }

  private declarationValue(declaration: Node, context: ResolveContext): AbstractValue {
    const narrowed = context.bindings.get(declaration);
    if (narrowed && 'value' in narrowed && Node.isVariableDeclaration(declaration)) return narrowed.value;
    if (Node.isVariableDeclaration(declaration)) {
      const initializer = declaration.getInitializer();
      const loop = declaration.getParent()?.getParent();
      // `for (let i = 0; ...; i++)`: the counter is every index, not its first one.
      if (loop && Node.isForStatement(loop) && loop.getInitializer() === declaration.getParent()) return UNKNOWN(`loop counter ${declaration.getName()}`);
      if (initializer) return this.resolve(initializer, context);
      if (loop && Node.isForOfStatement(loop)) return iterationValue(this.resolve(loop.getExpression(), context), loop.isAwaited());
      return this.typeAnnotationValue(declaration) ?? UNKNOWN(`${declaration.getName()} has no initializer`);
    }
    if (Node.isParameterDeclaration(declaration)) return this.parameterValue(declaration, context);
    if (Node.isBindingElement(declaration)) return this.bindingElementValue(declaration, context);
    if (Node.isPropertyAssignment(declaration)) return this.resolve(declaration.getInitializer(), context);
    if (Node.isShorthandPropertyAssignment(declaration)) return this.shorthandValue(declaration, context);
    if (Node.isPropertyDeclaration(declaration)) return this.classFieldValue(declaration, context);
    if (Node.isEnumMember(declaration)) {
      const initializer = declaration.getInitializer();
      return initializer ? this.resolve(initializer, context) : UNKNOWN(`enum member ${declaration.getName()}`);
    }
    if (Node.isExportAssignment(declaration)) return this.resolve(declaration.getExpression(), context);
    if (Node.isSourceFile(declaration)) return this.moduleExportsValue(declaration);
    if (Node.isBinaryExpression(declaration)) return this.resolve(declaration.getRight(), context);
    if (Node.isPropertyAccessExpression(declaration)) {
      const assignment = declaration.getParentIfKind(SyntaxKind.BinaryExpression);
      return assignment ? this.resolve(assignment.getRight(), context) : UNKNOWN(this.describe(declaration));
    }
    if (
      Node.isFunctionDeclaration(declaration) ||
      Node.isMethodDeclaration(declaration) ||
      Node.isClassDeclaration(declaration) ||
      // `module.exports = class Landerode extends Dockerode {...}`: the export is the class itself.
      Node.isClassExpression(declaration) ||
      Node.isArrowFunction(declaration) ||
      Node.isFunctionExpression(declaration)
    ) {
      return { kind: 'function', node: declaration };
    }
    if (Node.isGetAccessorDeclaration(declaration)) {
      return this.returnValue(declaration, { ...context, depth: context.depth + 1 });
    }
    if (Node.isPropertySignature(declaration) || Node.isParameterDeclaration(declaration)) {
      return this.typeAnnotationValue(declaration) ?? UNKNOWN('declared only by type');
    }
    return UNKNOWN(`${declaration.getKindName()}`);
  }

  /** A parameter is its bound argument inside an inlined call, else its type or default. */
  private parameterValue(declaration: Node, context: ResolveContext): AbstractValue {
    const binding = context.bindings.get(declaration);
    if (binding) {
      const value = 'value' in binding ? binding.value : this.resolve(binding.node, binding.context);
      if (value.kind !== 'nullish') return value;
    }
    const parameter = declaration as Node & { getInitializer(): Node | undefined; getName(): string };
    const fromCallback = this.callbackParameterValue(declaration, context);
    if (fromCallback) return fromCallback;
    const byType = this.typeAnnotationValue(declaration);
    if (byType) return byType;
    const initializer = parameter.getInitializer();
    if (binding && initializer) return this.resolve(initializer, context);
    // The call passes nothing there (`request('get', path)` of `request(method, path, data)`): undefined, not unknown.
    if (binding) return { kind: 'nullish' };
    // Names decide only for a function's own parameters, not a callback's (`list.forEach((container) => ...)`).
    const byName = isInlineCallback(declaration.getParent()) ? undefined : this.hooks.parameterByName?.(parameter.getName(), declaration);
    return byName ?? UNKNOWN(`parameter ${parameter.getName()}`);
  }

  /**
   * A parameter of a function passed as an argument: `.then(info => ...)` gets the
   * promise's value, `list.map(c => ...)` an element, a client callback its result.
   */
  private callbackParameterValue(declaration: Node, context: ResolveContext): AbstractValue | undefined {
    const functionNode = declaration.getParent();
    if (!functionNode || !(Node.isArrowFunction(functionNode) || Node.isFunctionExpression(functionNode))) return undefined;
    const call = functionNode.getParent();
    if (!call || !Node.isCallExpression(call) || !call.getArguments().includes(functionNode)) return undefined;
    const index = (functionNode.getParameters() as Node[]).indexOf(declaration);
    const callee = call.getExpression();
    // `_.map(list, (container) => ...)`: the list comes first, the callback second.
    if (Node.isPropertyAccessExpression(callee) && ARRAY_CALLBACK_METHODS.has(callee.getName()) && index === 0 && call.getArguments()[1] === functionNode) {
      if (lodashFunction(this.resolve(callee, context))) return elementOf(this.resolve(call.getArguments()[0], context));
    }
    if (Node.isPropertyAccessExpression(callee)) {
      const method = callee.getName();
      const receiverNode = callee.getExpression();
      if ((method === 'then' && index === 0) || (method === 'finally' && index === 0)) return this.resolve(receiverNode, context);
      const elementIndex = method === 'reduce' || method === 'reduceRight' ? 1 : 0;
      if ((ARRAY_CALLBACK_METHODS.has(method) || elementIndex === 1) && index === elementIndex && call.getArguments()[0] === functionNode) {
        const list = this.resolve(receiverNode, context);
        const receiver = alternatives(list).filter((option) => option.kind === 'array' || option.kind === 'response');
        if (receiver.length > 0) return oneOf(receiver.map(elementOf));
        // A list the function's callers pass: its elements are theirs to say.
        if (list.kind === 'unknown' && list.reason.startsWith('parameter ')) return list;
      }
    }
    // `stream.on('data', (chunk) => ...)`, `lines.on('line', (line) => ...)`: text of the response the stream carries.
    if (Node.isPropertyAccessExpression(callee) && STREAM_LISTENERS.has(callee.getName()) && index === 0 && call.getArguments()[1] === functionNode) {
      const event = call.getArguments()[0];
      if (event && Node.isStringLiteral(event) && (event.getLiteralValue() === 'data' || event.getLiteralValue() === 'line')) {
        const streams = alternatives(this.resolve(callee.getExpression(), context)).filter((option): option is ResponseValue => option.kind === 'response');
        if (streams.length > 0) return oneOf(streams.map((stream): AbstractValue => (stream.documents ? { kind: 'response', responseOf: stream.responseOf, path: stream.path } : { ...stream, encoded: true })));
      }
    }
    return this.hooks.callbackParameter?.(call, functionNode, index);
  }

  private bindingElementValue(declaration: Node & { getPropertyNameNode(): Node | undefined; getName(): string; getInitializer(): Node | undefined }, context: ResolveContext): AbstractValue {
    const path: string[] = [];
    let current: Node = declaration;
    while (Node.isBindingElement(current)) {
      const key = current.getPropertyNameNode()?.getText() ?? current.getName();
      const pattern = current.getParent();
      if (Node.isArrayBindingPattern(pattern)) path.unshift(`[${pattern.getElements().indexOf(current as never)}]`);
      else path.unshift(key.replace(/^['"]|['"]$/g, ''));
      current = pattern.getParent();
    }
    let source: AbstractValue;
    if (Node.isVariableDeclaration(current)) {
      const loop = current.getParent()?.getParent();
      source = !current.getInitializer() && loop && Node.isForOfStatement(loop) ? iterationValue(this.resolve(loop.getExpression(), context), loop.isAwaited()) : this.resolve(current.getInitializer(), context);
    }
    else if (Node.isParameterDeclaration(current)) source = this.parameterValue(current, context);
    else return UNKNOWN(`destructured ${declaration.getName()}`);
    let value = source;
    for (const key of path) value = key.startsWith('[') ? elementAt(value, Number(key.slice(1, -1))) : this.memberOf(value, key, context);
    if (value.kind === 'nullish' && declaration.getInitializer()) return this.resolve(declaration.getInitializer(), context);
    return value;
  }

  /** `require('./x')` of a scanned file, or `import * as x from './x'`: its exports as an object. */
  private moduleExportsValue(file: SourceFile): AbstractValue {
    const exports: ObjectValue = { kind: 'object', properties: new Map(), open: true };
    for (const [name, declarations] of file.getExportedDeclarations()) {
      const declaration = declarations[0];
      if (declaration) exports.properties.set(name, this.declarationValue(declaration, ROOT_CONTEXT));
    }
    return exports;
  }

  /** A class field: its initializer, else what the constructor or methods assign to `this.name`. */
  private classFieldValue(declaration: Node & { getInitializer(): Node | undefined; getName(): string }, context: ResolveContext): AbstractValue {
    const initializer = declaration.getInitializer();
    const classNode = declaration.getFirstAncestor((ancestor) => Node.isClassDeclaration(ancestor) || Node.isClassExpression(ancestor));
    if (initializer) {
      const value = this.resolve(initializer, { ...context, thisValue: undefined });
      return classNode ? this.withChangesInClass(classNode, declaration.getName(), value) : value;
    }
    const assigned = classNode ? this.assignmentsToThis(classNode, declaration.getName()) : [];
    if (assigned.length > 0) return oneOf(assigned.flatMap((node) => this.assignedInConstructions(classNode!, node)));
    return this.typeAnnotationValue(declaration) ?? UNKNOWN(`field ${declaration.getName()}`);
  }

  /**
   * `this.docker = new Docker(options)` in a constructor that takes `options`: the value at each
   * `new Api({ version: 'v1.41' })` of the class, so that the client's pin is known where it is given.
   */
  private assignedInConstructions(classNode: Node, node: Node): AbstractValue[] {
    const constructor = node.getFirstAncestor(isFunctionLike);
    const contexts = constructor && Node.isConstructorDeclaration(constructor) && constructor.getParameters().length > 0 ? this.constructionContextsOf(classNode, constructor) : [];
    return contexts.length > 0 ? contexts.map((context) => this.resolve(node, context)) : [this.resolve(node, ROOT_CONTEXT)];
  }

  /**
   * One context per `new Api(...)` of the class. A construction in another class's constructor
   * that passes on that constructor's parameters (`this.client = new EngineClient(options)`) is
   * seen at each construction of that class in turn: a wrapper's settings reach the client it wraps.
   */
  private constructionContextsOf(classNode: Node, constructor: Node): ResolveContext[] {
    let contexts = this.constructionContexts.get(classNode);
    if (!contexts) {
      // A cycle of classes constructing each other ends at the roots.
      this.constructionContexts.set(classNode, []);
      contexts = (this.hooks.constructionsOf?.(classNode) ?? []).flatMap((construction) => {
        const outer = construction.getFirstAncestor(isFunctionLike);
        const outerContexts = outer && Node.isConstructorDeclaration(outer) && outer.getParameters().length > 0 ? this.constructionContextsOf(outer.getParent(), outer) : [];
        return (outerContexts.length > 0 ? outerContexts : [ROOT_CONTEXT]).map((outerContext) => ({ bindings: this.bindingsFor(constructor, construction.getArguments(), outerContext), depth: 1 }));
      }).slice(0, MAX_ALTERNATIVES);
      this.constructionContexts.set(classNode, contexts);
    }
    return contexts;
  }

  /**
   * `Api.getInstance`, `Api.instance`: a static method, or what a static field holds. A lazy
   * singleton's field starts as null (`static instance: Api | null = null`) and is assigned in
   * a static method (`Api.instance = new Api()`, `this.instance ??= ...`): what it holds when
   * read is what was assigned.
   */
  private staticMemberValue(classNode: Node, name: string): AbstractValue | undefined {
    const member = (classNode as Node & { getStaticMember(name: string): Node | undefined }).getStaticMember(name);
    if (member && Node.isMethodDeclaration(member)) return { kind: 'function', node: member };
    const className = (classNode as Node & { getName(): string | undefined }).getName();
    const isTheClass = (object: Node) =>
      Node.isThisExpression(object) ? (object.getFirstAncestorByKind(SyntaxKind.MethodDeclaration)?.isStatic() ?? false) : className !== undefined && Node.isIdentifier(object) && object.getText() === className;
    const values = assignedInClass(classNode, name, isTheClass).map((node) => this.resolve(node, ROOT_CONTEXT));
    if (member && Node.isPropertyDeclaration(member)) {
      const initializer = member.getInitializer();
      values.push(initializer ? this.resolve(initializer, ROOT_CONTEXT) : (this.typeAnnotationValue(member) ?? UNKNOWN(`static field ${name}`)));
    }
    if (values.length === 0) return undefined;
    const assigned = values.filter((value) => value.kind !== 'nullish');
    return oneOf(assigned.length > 0 ? assigned : values);
  }

  private assignmentsToThis(classNode: Node, name: string): Node[] {
    return assignedInClass(classNode, name, (object) => Node.isThisExpression(object));
  }

  /** Constructor parameter properties (`constructor(private docker: Docker)`) and typed fields: a value from the type. */
  private typeAnnotationValue(declaration: Node): AbstractValue | undefined {
    const typeNode = (declaration as { getTypeNode?(): Node | undefined }).getTypeNode?.();
    if (!typeNode) return undefined;
    return this.typeValue(typeNode);
  }

  /** `Docker`, `Dockerode.Container`, `Promise<Container>`, `LocalWrapper`: what a type annotation says the value is. */
  typeValue(typeNode: Node, depth = 0): AbstractValue | undefined {
    if (depth > MAX_TYPE_DEPTH) return undefined;
    if (Node.isTypeReference(typeNode)) {
      const name = typeNode.getTypeName();
      const segments = name.getText().split('.');
      const typeArgument = typeNode.getTypeArguments()[0];
      if (segments[0] === 'Promise' && typeArgument) return this.typeValue(typeArgument, depth + 1);
      if ((segments[0] === 'Array' || segments[0] === 'ReadonlyArray') && segments.length === 1 && typeArgument) return this.listOfType(typeArgument, depth);
      const first = Node.isQualifiedName(name) ? name.getFirstDescendantByKind(SyntaxKind.Identifier) : name;
      const symbol = first?.getSymbol();
      if (!symbol) return undefined;
      const shape = segments.length === 1 ? symbol.getDeclarations().find((declaration) => Node.isInterfaceDeclaration(declaration) || Node.isTypeAliasDeclaration(declaration)) : undefined;
      if (shape) return this.shapeValue(shape, depth);
      const base = this.symbolValue(symbol, ROOT_CONTEXT);
      if (base.kind === 'module') return this.hooks.instanceOfType?.({ kind: 'module', specifier: base.specifier, member: [...base.member, ...segments.slice(1)] });
      if (base.kind === 'function' && (Node.isClassDeclaration(base.node) || Node.isClassExpression(base.node)) && segments.length === 1) {
        return { kind: 'instance', classNode: base.node };
      }
      return undefined;
    }
    if (Node.isArrayTypeNode(typeNode)) return this.listOfType(typeNode.getElementTypeNode(), depth);
    if (Node.isTypeLiteral(typeNode)) return this.shapeValue(typeNode, depth);
    if (Node.isParenthesizedTypeNode(typeNode)) return this.typeValue(typeNode.getTypeNode(), depth + 1);
    if (Node.isUnionTypeNode(typeNode)) {
      const options = typeNode.getTypeNodes().map((member) => this.typeValue(member, depth + 1)).filter((value): value is AbstractValue => value !== undefined);
      return options.length === 1 ? options[0] : undefined;
    }
    return undefined;
  }

  /** `Client[]`, `Array<{ host: string; instance: Docker }>`: a list whose elements are of that type. */
  private listOfType(elementType: Node, depth: number): AbstractValue | undefined {
    const element = this.typeValue(elementType, depth + 1);
    return element ? { kind: 'array', elements: [element], open: true } : undefined;
  }

  /**
   * `interface DockerInstance { host: string; instance: Docker }` or a type literal: an object
   * with the members whose types say what they hold (a client); the others stay unknown.
   */
  private shapeValue(declaration: Node, depth: number): AbstractValue | undefined {
    const literal = Node.isTypeAliasDeclaration(declaration) ? declaration.getTypeNode() : declaration;
    if (!literal || !(Node.isInterfaceDeclaration(literal) || Node.isTypeLiteral(literal))) return literal ? this.typeValue(literal, depth + 1) : undefined;
    const properties = new Map<string, AbstractValue>();
    for (const property of literal.getProperties()) {
      const type = property.getTypeNode();
      const value = type ? this.typeValue(type, depth + 1) : undefined;
      if (value) properties.set(property.getName(), value);
    }
    return properties.size > 0 ? { kind: 'object', properties, open: true } : undefined;
  }

  private thisValue(node: Node): AbstractValue {
    const classNode = node.getFirstAncestor((ancestor) => Node.isClassDeclaration(ancestor) || Node.isClassExpression(ancestor));
    return classNode ? { kind: 'instance', classNode } : UNKNOWN('this');
  }

  /**
   * `let` bindings and objects changed after their declaration: `url += '?all=1'`
   * under an `if`, `opts.HostConfig = {...}`. Only changes in the same function,
   * before the use, count; a change under a condition keeps both values.
   */
  private applyMutations(value: AbstractValue, symbol: MorphSymbol, use: Node, context: ResolveContext): AbstractValue {
    const declaration = symbol.getDeclarations()[0];
    if (!declaration || !Node.isVariableDeclaration(declaration)) return value;
    const scope = declaration.getFirstAncestor((ancestor) => isFunctionLike(ancestor) || Node.isSourceFile(ancestor));
    if (!scope || use.getSourceFile() !== declaration.getSourceFile()) return value;
    const name = declaration.getName();
    let current = value;
    const useFunction = use.getFirstAncestor(isFunctionLike);
    for (const assignment of this.mutationsIn(scope).get(name) ?? []) {
      if (assignment.getStart() < declaration.getEnd()) continue;
      const assignmentFunction = assignment.getFirstAncestor(isFunctionLike);
      const sameFunction = assignmentFunction === declaration.getFirstAncestor(isFunctionLike);
      // Later in the same function it has not happened yet; in another function (a lazy
      // singleton's `cached = new Docker()`) it may have happened at any time. An assignment
      // whose right side holds the use (`url = url + '?all=1'`) happens after that use: counting
      // it would make the value depend on itself (a false "circular reference").
      if (sameFunction && assignment.getEnd() > use.getStart()) continue;
      if (!sameFunction && assignmentFunction === useFunction && assignment.getEnd() > use.getStart()) continue;
      const conditional = !sameFunction || isUnderCondition(assignment, scope);
      if (Node.isCallExpression(assignment)) {
        current = this.appendPushed(current, assignment, symbol, conditional, context);
        continue;
      }
      const operator = assignment.getOperatorToken().getKind();
      const left = assignment.getLeft();
      if (Node.isIdentifier(left) && left.getText() === name && left.getSymbol() === symbol) {
        let next: AbstractValue | undefined;
        if (operator === SyntaxKind.EqualsToken) next = this.resolve(assignment.getRight(), context);
        if (operator === SyntaxKind.PlusEqualsToken) next = concatValues([current, this.stringish(assignment.getRight(), context)], holeName);
        if (next) current = conditional ? oneOf([current, next]) : next;
        continue;
      }
      if (operator !== SyntaxKind.EqualsToken) continue;
      const path = propertyPathOn(left, symbol);
      if (!path) continue;
      // `const spec = info.Spec; spec.version = ...`: what is set is known, the rest is not.
      if (current.kind === 'response' || current.kind === 'unknown') current = { kind: 'object', properties: new Map(), open: true };
      const assigned = this.resolve(assignment.getRight(), context);
      // `opts = cond ? { socketPath } : { host, port }; opts.version = 'v1.30'`: set on every alternative.
      const setOn = (target: AbstractValue): AbstractValue => (target.kind === 'object' ? setPath(target, path, assigned, conditional) : target);
      current = current.kind === 'oneOf' ? oneOf(current.options.map(setOn)) : setOn(current);
    }
    return current;
  }

  /**
   * `mounts.push({...})`, `opts.HostConfig.Binds.push(bind)`: elements added to a list that
   * is then sent. A push under a condition adds its elements as well (a list's elements are
   * not marked conditional).
   */
  private appendPushed(current: AbstractValue, push: CallExpression, symbol: MorphSymbol, conditional: boolean, context: ResolveContext): AbstractValue {
    const receiver = (push.getExpression() as PropertyAccessExpression).getExpression();
    const added = this.listValue(push.getArguments(), context);
    const append = (list: AbstractValue | undefined): AbstractValue | undefined =>
      list?.kind === 'array' ? { kind: 'array', elements: [...list.elements, ...added.elements], open: list.open || added.open } : undefined;
    if (Node.isIdentifier(receiver)) return receiver.getSymbol() === symbol ? (append(current) ?? current) : current;
    const path = propertyPathOn(receiver, symbol);
    if (!path || current.kind !== 'object') return current;
    const appended = append(valueAtPath(current, path));
    return appended ? setPath(current, path, appended, conditional) : current;
  }

  /**
   * `x = ...`, `x += ...`, `x.a.b = ...` and `x.push(...)`, `x.a.push(...)` in a scope, by the
   * name they change, in source order (built once per scope).
   */
  private mutationsIn(scope: Node): Map<string, Array<BinaryExpression | CallExpression>> {
    let byName = this.mutationIndex.get(scope);
    if (byName) return byName;
    byName = new Map();
    const isMutation = (node: ts.Node): node is ts.BinaryExpression | ts.CallExpression =>
      ts.isBinaryExpression(node)
        ? node.operatorToken.kind === SyntaxKind.EqualsToken || node.operatorToken.kind === SyntaxKind.PlusEqualsToken
        : ts.isCallExpression(node) && ts.isPropertyAccessExpression(node.expression) && LIST_APPENDS.has(node.expression.name.text);
    for (const compilerNode of compilerNodesUnder(scope.compilerNode, isMutation)) {
      const mutation = wrapCompilerNode(scope, compilerNode) as BinaryExpression | CallExpression;
      const changed = Node.isCallExpression(mutation) ? (mutation.getExpression() as PropertyAccessExpression).getExpression() : mutation.getLeft();
      const name = assignedRootName(changed);
      if (name === undefined) continue;
      const list = byName.get(name) ?? [];
      list.push(mutation);
      byName.set(name, list);
    }
    this.mutationIndex.set(scope, byName);
    return byName;
  }

  // ---- members and calls ---------------------------------------------------

  private propertyAccessValue(node: Node & { getExpression(): Node; getName(): string; getNameNode(): Node }, context: ResolveContext): AbstractValue {
    const objectNode = node.getExpression();
    if (Node.isPropertyAccessExpression(objectNode) && objectNode.getText() === 'process.env') {
      return this.hooks.environment?.(node.getName()) ?? UNKNOWN(`process.env.${node.getName()}`);
    }
    // `this.)` in broken code: the parser recovers with an empty name, which said "member " below.
    if (node.getName() === '') return UNKNOWN('a name is missing (syntax error)');
    const object = this.resolve(objectNode, context);
    const member = this.memberOf(object, node.getName(), context);
    if (member.kind !== 'unknown' || object.kind === 'client' || object.kind === 'module' || object.kind === 'response') return member;
    // The checker knows properties of object literals declared elsewhere (`config.api.version`).
    const symbol = node.getNameNode().getSymbol();
    const declaration = symbol?.getDeclarations()[0];
    if (declaration && (Node.isPropertyAssignment(declaration) || Node.isShorthandPropertyAssignment(declaration) || Node.isPropertyDeclaration(declaration))) {
      return this.declarationValue(declaration, context);
    }
    return member;
  }

  private elementAccessValue(node: Node & { getExpression(): Node; getArgumentExpression(): Node | undefined }, context: ResolveContext): AbstractValue {
    const object = this.resolve(node.getExpression(), context);
    const key = this.resolve(node.getArgumentExpression(), context);
    if (key.kind === 'string') return this.memberOf(object, key.value, context);
    // `(ports || {})[0]`, a list from either branch: each alternative's element.
    const elements = alternatives(object).map((option) => indexedElement(option, key)).filter((element): element is AbstractValue => element !== undefined);
    return elements.length > 0 ? oneOf(elements) : UNKNOWN(this.describe(node));
  }

  /** `value.name` for any kind of value. */
  memberOf(value: AbstractValue, name: string, context: ResolveContext): AbstractValue {
    switch (value.kind) {
      case 'object': {
        const property = value.properties.get(name);
        if (property) return property;
        return value.open ? UNKNOWN(`property ${name}`) : { kind: 'nullish' };
      }
      case 'oneOf':
        return oneOf(value.options.map((option) => this.memberOf(option, name, context)));
      case 'module':
        return { kind: 'module', specifier: value.specifier, member: [...value.member, name] };
      case 'instance':
        return this.instanceMember(value.classNode, name, value);
      case 'response':
        if (value.encoded) return UNKNOWN(`${name} of the response text`);
        return { kind: 'response', responseOf: value.responseOf, path: [...value.path, name] };
      case 'client':
      case 'httpClient':
        return this.hooks.member?.(value, name) ?? UNKNOWN(`property ${name}`);
      case 'string':
        if (name === 'length') return { kind: 'number', value: value.value.length };
        return UNKNOWN(`string.${name}`);
      case 'function':
        if (Node.isClassDeclaration(value.node) || Node.isClassExpression(value.node)) return this.staticMemberValue(value.node, name) ?? UNKNOWN(`static member ${name}`);
        return UNKNOWN(`${name} of a function`);
      default:
        return value.kind === 'unknown' ? value : UNKNOWN(`property ${name}`);
    }
  }

  /**
   * `constructor(private readonly docker: Dockerode)`: what the class's constructions pass
   * (`new ContainerClient(new Dockerode())`, with its pin), else what the type says.
   */
  private parameterPropertyValue(classNode: Node, parameter: Node): AbstractValue | undefined {
    const constructor = parameter.getParent()!;
    const passed = this.constructionContextsOf(classNode, constructor)
      .map((context) => this.parameterValue(parameter, context))
      .filter((value) => value.kind !== 'unknown' && value.kind !== 'nullish');
    return passed.length > 0 ? oneOf(passed) : this.typeAnnotationValue(parameter);
  }

  private instanceMember(classNode: Node, name: string, instance: AbstractValue): AbstractValue {
    const classLike = classNode as Node & { getMember?(name: string): Node | undefined; getInstanceProperty?(name: string): Node | undefined };
    const member = classLike.getInstanceProperty?.(name) ?? classLike.getMember?.(name);
    if (member) {
      if (Node.isPropertyDeclaration(member)) return this.classFieldValue(member, ROOT_CONTEXT);
      if (Node.isParameterDeclaration(member)) return this.parameterPropertyValue(classNode, member) ?? UNKNOWN(`field ${name}`);
      if (Node.isMethodDeclaration(member)) return { kind: 'function', node: member };
      if (Node.isGetAccessorDeclaration(member)) return this.returnValue(member, { bindings: new Map(), depth: 1, thisValue: instance });
    }
    const assigned = this.assignmentsToThis(classNode, name);
    if (assigned.length > 0) return this.withChangesInClass(classNode, name, oneOf(assigned.flatMap((node) => this.assignedInConstructions(classNode, node))));
    // Inherited: `this.listContainers()` in `class Api extends Dockerode`.
    const base = instance.kind === 'instance' ? (instance.base ?? this.baseOfUnknownInstance(classNode)) : undefined;
    if (base) return this.memberOf(base, name, ROOT_CONTEXT);
    return UNKNOWN(`member ${name}`);
  }

  /**
   * What the methods of a class add to a field in place, in any order or not at all: a list holds
   * what any of them pushes (`this.containers = []` in the constructor, `this.containers.push(...)`
   * in another method), and a builder's object the keys they set (`this.query.all = '1'` in
   * `all()`), each conditional.
   */
  private withChangesInClass(classNode: Node, name: string, value: AbstractValue): AbstractValue {
    // `this.containers = null` in the constructor, `= []` when they are looked up: the list is the second.
    if (value.kind === 'oneOf') return oneOf(value.options.map((option) => this.withChangesInClass(classNode, name, option)));
    const isTheField = (node: Node) => Node.isPropertyAccessExpression(node) && node.getName() === name && Node.isThisExpression(node.getExpression());
    if (value.kind === 'object') {
      let changed = value;
      for (const assignment of descendantsOfKind(classNode, SyntaxKind.BinaryExpression)) {
        const left = assignment.getLeft();
        if (assignment.getOperatorToken().getKind() !== SyntaxKind.EqualsToken || !(Node.isPropertyAccessExpression(left) || Node.isElementAccessExpression(left)) || !isTheField(left.getExpression())) continue;
        const key = Node.isPropertyAccessExpression(left) ? left.getName() : this.resolve(left.getArgumentExpression(), ROOT_CONTEXT);
        // Set by the constructor itself, not under a condition: always there.
        const method = assignment.getFirstAncestor(isFunctionLike);
        const conditional = !(method && Node.isConstructorDeclaration(method) && !isUnderCondition(assignment, method));
        if (typeof key === 'string' || key.kind === 'string') changed = setPath(changed, [typeof key === 'string' ? key : key.value], this.resolve(assignment.getRight(), ROOT_CONTEXT), conditional);
        else changed = { ...changed, open: true };
      }
      return changed;
    }
    if (value.kind !== 'array') return value;
    const pushes = descendantsOfKind(classNode, SyntaxKind.CallExpression).filter((call) => {
      const callee = call.getExpression();
      return Node.isPropertyAccessExpression(callee) && LIST_APPENDS.has(callee.getName()) && isTheField(callee.getExpression());
    });
    if (pushes.length === 0) return value;
    const pushed = pushes.flatMap((push) => this.listValue(push.getArguments(), ROOT_CONTEXT).elements);
    return { kind: 'array', elements: [...value.elements, ...pushed], open: true };
  }

  private callValue(node: CallExpression, context: ResolveContext): AbstractValue {
    const calleeNode = node.getExpression();
    // `await import('undici')` is the module as `require('undici')` is.
    if ((Node.isIdentifier(calleeNode) && calleeNode.getText() === 'require') || calleeNode.getKind() === SyntaxKind.ImportKeyword) return this.requireValue(node);
    const builtin = this.builtinCall(node, context);
    if (builtin) return builtin;
    let receiver: AbstractValue | undefined;
    let name: string | undefined;
    let callee: AbstractValue;
    if (Node.isPropertyAccessExpression(calleeNode)) {
      receiver = this.resolve(calleeNode.getExpression(), context);
      name = calleeNode.getName();
      callee = this.memberOf(receiver, name, context);
    } else {
      callee = this.resolve(calleeNode, context);
    }
    const hooked = this.hooks.call?.(receiver, name, node, context, callee);
    if (hooked) return hooked;
    const lodash = lodashFunction(callee);
    if (lodash) return this.lodashValue(lodash, node.getArguments(), context) ?? UNKNOWN(this.describe(node));
    const transform = this.streamTransform(node, context);
    if (transform) return this.pipedInto(node, transform, context) ?? UNKNOWN(this.describe(node));
    if (callee.kind === 'function') return this.invoke(callee.node, node.getArguments(), context, receiver);
    if (receiver && name) return this.methodOnValue(receiver, name, node, context);
    return UNKNOWN(this.describe(node));
  }

  /**
   * A stream transform that a response's text may be piped through: `JSONStream.parse(...)`,
   * `ndjson.parse()` and `split2(JSON.parse)` emit the JSON documents the text holds; `split2()`,
   * `split()` and `byline()` emit its lines, still text.
   */
  private streamTransform(node: Node | undefined, context: ResolveContext): 'documents' | 'lines' | undefined {
    if (!node || !Node.isCallExpression(node)) return undefined;
    const callee = this.resolve(node.getExpression(), context);
    if (callee.kind !== 'module') return undefined;
    const member = callee.member.filter((name) => name !== 'default');
    if ((callee.specifier === 'JSONStream' || callee.specifier === 'ndjson') && member.length === 1 && member[0] === 'parse') return 'documents';
    if (!LINE_SPLITTERS.has(callee.specifier) || member.length > 0) return undefined;
    const [mapper] = node.getArguments();
    return mapper && parsesJson(mapper) ? 'documents' : 'lines';
  }

  /**
   * `const parser = JSONStream.parse(true); ...; stream.pipe(parser)`: the parser emits the
   * documents (or lines) of the response streams piped into it in the same function.
   */
  private pipedInto(transformCall: CallExpression, transform: 'documents' | 'lines', context: ResolveContext): AbstractValue | undefined {
    const declaration = transformCall.getParentIfKind(SyntaxKind.VariableDeclaration);
    const name = declaration?.getNameNode();
    if (!declaration || !name || !Node.isIdentifier(name)) return undefined;
    const scope = transformCall.getFirstAncestor(isFunctionLike) ?? transformCall.getSourceFile();
    const sources = descendantsOfKind(scope, SyntaxKind.CallExpression).flatMap((call) => {
      const callee = call.getExpression();
      const target = call.getArguments()[0];
      if (!Node.isPropertyAccessExpression(callee) || callee.getName() !== 'pipe' || !target || !Node.isIdentifier(target) || target.getText() !== name.getText()) return [];
      return alternatives(this.resolve(callee.getExpression(), context)).filter((option): option is ResponseValue => option.kind === 'response');
    });
    return sources.length > 0 ? oneOf(sources.map((source) => transformed(source, transform))) : undefined;
  }

  /**
   * lodash and underscore functions that shape options or read results: `_.merge({}, defaults,
   * { Name })`, `_.get(info, 'Config.Env')`, `_.map(list, 'Name')`.
   */
  private lodashValue(name: string, args: Node[], context: ResolveContext): AbstractValue | undefined {
    const values = () => args.map((arg) => this.resolve(arg, context));
    switch (name) {
      case 'assign':
      case 'assignIn':
      case 'extend':
        return mergeObjects(values());
      case 'merge':
        return deepMerge(values());
      case 'defaults':
        return mergeObjects(values().reverse());
      case 'defaultsDeep':
        return deepMerge(values().reverse());
      case 'get':
        return this.lodashRead(name, args, context);
      case 'map':
      case 'flatMap': {
        const read = this.lodashRead(name, args, context);
        return read && { kind: 'array', elements: [read], open: true };
      }
      default:
        return undefined;
    }
  }

  /**
   * What `_.get(value, path)` reads, or `_.map(list, 'key')` reads of each element; undefined
   * when the path is not written literally or the function reads nothing.
   */
  lodashRead(name: string, args: Node[], context: ResolveContext): AbstractValue | undefined {
    const path = literalPath(args[1]);
    if (!path || !LODASH_READS.has(name)) return undefined;
    const source = this.resolve(args[0], context);
    const start = name === 'get' ? source : elementOf(source);
    return path.reduce((value, key) => (key === '[*]' ? elementOf(value) : this.memberOf(value, key, context)), start);
  }

  private requireValue(node: CallExpression): AbstractValue {
    const argument = node.getArguments()[0];
    if (!argument || !Node.isStringLiteral(argument)) return UNKNOWN('require of a computed name');
    const specifier = argument.getLiteralValue();
    if (this.isExternalPackage(specifier)) return { kind: 'module', specifier, member: [] };
    const symbol = argument.getSymbol() ?? node.getSymbol();
    const declaration = symbol?.getDeclarations()[0];
    if (declaration && Node.isSourceFile(declaration)) return this.moduleExportsValue(declaration);
    this.hooks.moduleNotParsed?.(specifier, node.getSourceFile());
    return UNKNOWN(`require('${specifier}')`);
  }

  private isExternalPackage(specifier: string): boolean {
    return isPackageSpecifier(specifier) && !this.hooks.isLocalPackage?.(specifier);
  }

  /** Evaluates a local function's return value with its parameters bound to the call's arguments. */
  invoke(functionNode: Node, args: Node[], context: ResolveContext, thisValue?: AbstractValue): AbstractValue {
    if (Node.isClassDeclaration(functionNode) || Node.isClassExpression(functionNode)) return UNKNOWN('class called without new');
    return this.returnValue(functionNode, { bindings: this.bindingsFor(functionNode, args, context), depth: context.depth + 1, thisValue });
  }

  /** A function's parameters bound to a call's arguments, resolved in the caller's context; a rest parameter takes the remaining ones as a list. */
  bindingsFor(functionNode: Node, args: Node[], context: ResolveContext): Map<Node, ArgumentBinding> {
    const parameters = (functionNode as { getParameters?(): Node[] }).getParameters?.() ?? [];
    const bindings = new Map<Node, ArgumentBinding>();
    parameters.forEach((parameter, index) => {
      if ((parameter as { isRestParameter?(): boolean }).isRestParameter?.()) {
        bindings.set(parameter, { value: { kind: 'array', elements: args.slice(index).map((arg) => this.resolve(arg, context)), open: false } });
      } else {
        bindings.set(parameter, { node: args[index], context });
      }
    });
    return bindings;
  }

  /** Like invoke, with arguments that are already values (array callbacks). */
  invokeWithValues(functionNode: Node, values: AbstractValue[], context: ResolveContext): AbstractValue {
    const parameters = (functionNode as { getParameters?(): Node[] }).getParameters?.() ?? [];
    const bindings = new Map<Node, ArgumentBinding>();
    parameters.forEach((parameter, index) => bindings.set(parameter, { value: values[index] ?? { kind: 'nullish' } }));
    return this.returnValue(functionNode, { bindings, depth: context.depth + 1 });
  }

  private returnValue(functionNode: Node, context: ResolveContext): AbstractValue {
    const body = (functionNode as { getBody?(): Node | undefined }).getBody?.();
    if (!body) {
      // `declare function instances(): DockerInstance[]`, an abstract method: what its return type says.
      const returnType = (functionNode as { getReturnTypeNode?(): Node | undefined }).getReturnTypeNode?.();
      return (returnType && this.typeValue(returnType)) || UNKNOWN('function without a body');
    }
    if (!Node.isBlock(body)) return this.resolve(body, context);
    const returns = descendantsOfKind(body, SyntaxKind.ReturnStatement)
      .filter((statement) => statement.getFirstAncestor(isFunctionLike) === functionNode);
    if (returns.length === 0) return { kind: 'nullish' };
    return oneOf(returns.map((statement) => this.resolve(statement.getExpression(), context)));
  }

  private newValue(node: Node & { getExpression(): Node; getArguments(): Node[] }, context: ResolveContext): AbstractValue {
    const callee = this.resolve(node.getExpression(), context);
    const args = node.getArguments();
    const hooked = this.hooks.construct?.(callee, args, context, node);
    if (hooked) return hooked;
    if (callee.kind === 'module' && callee.member.length === 0 && callee.specifier === 'url') return UNKNOWN('URL');
    const name = node.getExpression().getText();
    if (name === 'URLSearchParams') return args[0] ? this.searchParamsValue(args[0], context) : this.searchParamsFromCalls(node, context);
    if (name === 'URL' || name === 'url.URL') return this.urlValue(args, context);
    if (name === 'Promise' && callee.kind === 'unknown' && args[0]) return this.promiseValue(args[0], context);
    if (callee.kind === 'function' && (Node.isClassDeclaration(callee.node) || Node.isClassExpression(callee.node))) {
      const base = this.constructBase(callee.node, args, context, node);
      return base ? { kind: 'instance', classNode: callee.node, base } : { kind: 'instance', classNode: callee.node };
    }
    return UNKNOWN(this.describe(node));
  }

  /**
   * `new Promise((resolve, reject) => docker.ping((err, data) => resolve(data)))`: what the
   * executor hands to `resolve`, the way callback APIs are wrapped for `await`.
   */
  private promiseValue(executor: Node, context: ResolveContext): AbstractValue {
    if (!(Node.isArrowFunction(executor) || Node.isFunctionExpression(executor))) return UNKNOWN(this.describe(executor));
    const resolveParameter = executor.getParameters()[0]?.getNameNode();
    if (!resolveParameter || !Node.isIdentifier(resolveParameter)) return UNKNOWN('a promise resolved by no named function');
    const declaration = resolveParameter.getParent().compilerNode;
    const settled = compilerNodesUnder(executor.compilerNode, (node): node is ts.CallExpression => ts.isCallExpression(node) && ts.isIdentifier(node.expression) && node.expression.text === resolveParameter.getText())
      .filter((call) => declarationOf(call.expression as ts.Identifier) === declaration)
      .map((call) => (call.arguments[0] ? this.resolve(wrapCompilerNode(executor, call.arguments[0]), context) : ({ kind: 'nullish' } as AbstractValue)));
    return settled.length > 0 ? oneOf(settled) : UNKNOWN('a promise resolved by no call');
  }

  /**
   * `new Api(options)` of `class Api extends Dockerode`: the base class constructed with what
   * reaches it, the arguments themselves or those of the constructor's `super(...)` call.
   */
  private constructBase(classNode: Node, args: Node[], context: ResolveContext, node: Node): AbstractValue | undefined {
    const base = this.baseClassValue(classNode);
    if (!base) return undefined;
    const constructor = (classNode as Node & { getConstructors(): Node[] }).getConstructors().find((declaration) => (declaration as { getBody?(): Node | undefined }).getBody?.());
    let baseArgs = args;
    let baseContext = context;
    if (constructor) {
      const superCall = descendantsOfKind(constructor, SyntaxKind.CallExpression).find((call) => call.getExpression().getKind() === SyntaxKind.SuperKeyword);
      if (!superCall) return undefined;
      baseArgs = superCall.getArguments();
      baseContext = { bindings: this.bindingsFor(constructor, args, context), depth: context.depth + 1 };
    }
    if (base.kind === 'function') return this.newOfClass(base.node, baseArgs, baseContext, node);
    return this.hooks.construct?.(base, baseArgs, baseContext, node);
  }

  private newOfClass(classNode: Node, args: Node[], context: ResolveContext, node: Node): AbstractValue {
    const base = this.constructBase(classNode, args, context, node);
    return base ? { kind: 'instance', classNode, base } : { kind: 'instance', classNode };
  }

  /** What a class extends: a package's class (`Dockerode`) or another local class; undefined for anything else. */
  private baseClassValue(classNode: Node): AbstractValue | undefined {
    const extended = (classNode as Node & { getExtends(): (Node & { getExpression(): Node }) | undefined }).getExtends()?.getExpression();
    if (!extended) return undefined;
    const base = this.resolve(extended, ROOT_CONTEXT);
    if (base.kind === 'module') return base;
    if (base.kind === 'function' && (Node.isClassDeclaration(base.node) || Node.isClassExpression(base.node))) return base;
    return undefined;
  }

  /** The base part of an object whose construction is not known (`this` in a method): the base class as a type. */
  private baseOfUnknownInstance(classNode: Node): AbstractValue | undefined {
    const base = this.baseClassValue(classNode);
    if (base?.kind === 'module') return this.hooks.instanceOfType?.({ kind: 'module', specifier: base.specifier, member: base.member });
    if (base?.kind === 'function') return { kind: 'instance', classNode: base.node };
    return undefined;
  }

  /** The client behind an object of a class that extends a client class, if any. */
  clientBehind(value: AbstractValue): AbstractValue {
    if (value.kind !== 'instance') return value;
    const base = value.base ?? this.baseOfUnknownInstance(value.classNode);
    return base ? this.clientBehind(base) : value;
  }

  /** Methods of strings and arrays that build paths: join, concat, replace, trim, toString. */
  private methodOnValue(receiver: AbstractValue, name: string, node: CallExpression, context: ResolveContext): AbstractValue {
    if (receiver.kind === 'oneOf' && !stringParts(receiver)) {
      const results = receiver.options.map((option) => this.methodOnValue(option, name, node, context)).filter((result) => result.kind !== 'unknown');
      if (results.length > 0) return oneOf(results);
    }
    if ((receiver.kind === 'function' || receiver.kind === 'clientMethod') && name === 'bind') return receiver;
    const transform = receiver.kind === 'response' && name === 'pipe' ? this.streamTransform(node.getArguments()[0], context) : undefined;
    // `stream.pipe(JSONStream.parse())`: a stream of the decoded events or progress messages; `.pipe(split2())`, of lines.
    if (receiver.kind === 'response' && transform) return transformed(receiver, transform);
    if (receiver.kind === 'response' && receiver.encoded) {
      // The response's text: trimmed or converted it is still that text; split, a list of its lines.
      if (['toString', 'trim', 'trimStart', 'trimEnd'].includes(name)) return receiver;
      if (name === 'split') return { kind: 'array', elements: [receiver], open: true };
      return UNKNOWN(`${name} of the response text`);
    }
    if (receiver.kind === 'response') {
      // Array methods that keep elements: the result is still (part of) the response.
      if (['filter', 'slice', 'sort', 'reverse', 'concat', 'toSorted', 'toReversed'].includes(name)) return receiver;
      if (['find', 'findLast', 'at', 'pop', 'shift'].includes(name)) return elementOf(receiver);
    }
    const args = node.getArguments();
    if (receiver.kind === 'array' && name === 'join') {
      const separator = args[0] ? this.resolve(args[0], context) : { kind: 'string' as const, value: ',' };
      if (separator.kind !== 'string') return UNKNOWN('join with a computed separator');
      const pieces: AbstractValue[] = [];
      receiver.elements.forEach((element, index) => {
        if (index > 0) pieces.push(separator);
        pieces.push(element.kind === 'unknown' ? { kind: 'pattern', parts: [{ hole: element.reason }] } : element);
      });
      return concatValues(pieces, holeName);
    }
    if (name === 'map' && args[0]) {
      const callback = this.resolve(args[0], context);
      if (callback.kind === 'function') {
        // Over an unknown list the callback still says what each element looks like.
        const elements = receiver.kind === 'array' ? receiver.elements : [receiver.kind === 'response' ? elementOf(receiver) : UNKNOWN('element of a list')];
        return { kind: 'array', elements: elements.map((element) => this.invokeWithValues(callback.node, [element], context)), open: receiver.kind === 'array' ? receiver.open : false };
      }
    }
    if (name === 'finally') return receiver;
    if (name === 'catch') {
      // What the promise resolves to or, when it fails, what the handler returns (mostly nothing: it throws or logs).
      const handler = args[0] ? this.resolve(args[0], context) : undefined;
      const fallback = handler?.kind === 'function' ? this.invokeWithValues(handler.node, [UNKNOWN('the error')], context) : undefined;
      return fallback && fallback.kind !== 'unknown' && fallback.kind !== 'nullish' ? oneOf([receiver, fallback]) : receiver;
    }
    if (name === 'then' && args[0]) {
      // `p.then(fn)` is what fn returns, given what p resolves to.
      const callback = this.resolve(args[0], context);
      if (callback.kind === 'function') return this.invokeWithValues(callback.node, [receiver], context);
    }
    if (receiver.kind === 'array' && name === 'filter') {
      return { kind: 'array', elements: receiver.elements.filter((element) => element.kind !== 'nullish' && !(element.kind === 'string' && element.value === '')), open: receiver.open };
    }
    if (receiver.kind === 'array' && name === 'concat') {
      return { kind: 'array', elements: [...receiver.elements, ...args.map((arg) => this.resolve(arg, context))], open: receiver.open };
    }
    if (stringParts(receiver) || receiver.kind === 'oneOf') {
      if (name === 'toString' || name === 'trim' || name === 'valueOf') return receiver;
      if (name === 'concat') return concatValues([receiver, ...args.map((arg) => this.stringish(arg, context))], holeName);
      if (name === 'replace' || name === 'replaceAll') {
        const replaced = this.replacedValue(receiver, name, args, context);
        if (replaced) return replaced;
      }
    }
    if (receiver.kind === 'response' && name === 'then') return UNKNOWN('promise chain');
    // Keep the reason: `docker.getImage(x)` on an unknown `docker` parameter is that parameter's business.
    if (receiver.kind === 'unknown') return receiver;
    return UNKNOWN(this.describe(node));
  }

  /**
   * `path.replace(search, text)` and `replaceAll`, computed as the code would: a string or a literal
   * regular expression on a known path. On a path with holes only an anchored pattern whose match
   * ends inside the known start is certain (`endpoint.replace(/^\/+/, '')` on `/containers/${id}/json`);
   * a match reaching the end might go on into the hole. replaceAll with a pattern that is not global
   * throws at run time: left unknown.
   */
  private replacedValue(receiver: AbstractValue, name: 'replace' | 'replaceAll', args: Node[], context: ResolveContext): AbstractValue | undefined {
    const replacement = this.resolve(args[1], context);
    if (!args[0] || replacement.kind !== 'string') return undefined;
    if (!Node.isRegularExpressionLiteral(args[0])) {
      const search = this.resolve(args[0], context);
      if (receiver.kind !== 'string' || search.kind !== 'string') return undefined;
      return { kind: 'string', value: name === 'replace' ? receiver.value.replace(search.value, replacement.value) : receiver.value.split(search.value).join(replacement.value) };
    }
    const pattern = regularExpressionOf(args[0].getText());
    const known = receiver.kind === 'string' ? receiver.value : receiver.kind === 'pattern' && typeof receiver.parts[0] === 'string' ? receiver.parts[0] : undefined;
    if (!pattern || known === undefined || known.length > MAX_REPLACED_LENGTH || (name === 'replaceAll' && !pattern.global)) return undefined;
    if (receiver.kind === 'string') return { kind: 'string', value: name === 'replace' ? known.replace(pattern, replacement.value) : known.replaceAll(pattern, replacement.value) };
    if (name !== 'replace' || receiver.kind !== 'pattern' || !pattern.source.startsWith('^') || pattern.multiline) return undefined;
    const match = new RegExp(pattern.source, pattern.flags.replace('g', '')).exec(known);
    if (!match || match[0].length >= known.length) return undefined;
    return concatValues([{ kind: 'string', value: known.replace(pattern, replacement.value) }, { kind: 'pattern', parts: receiver.parts.slice(1) }], holeName);
  }

  /** JSON.stringify, encodeURIComponent, String, path.join, util.format, querystring.stringify, Object.assign. */
  private builtinCall(node: CallExpression, context: ResolveContext): AbstractValue | undefined {
    const callee = node.getExpression().getText();
    const args = node.getArguments();
    switch (callee) {
      case 'JSON.stringify':
        return { kind: 'json', value: this.resolve(args[0], context) };
      case 'JSON.parse': {
        // A chunk or line of a response stream (events, stats, pull progress), or its whole text.
        const texts = args[0] ? alternatives(this.resolve(args[0], context)).filter((option): option is ResponseValue => option.kind === 'response' && option.encoded === true) : [];
        return texts.length > 0 ? oneOf(texts.map((text) => ({ kind: 'response', responseOf: text.responseOf, path: text.path }))) : undefined;
      }
      case 'encodeURIComponent': {
        const value = this.stringish(args[0] ?? node, context);
        if (value.kind !== 'oneOf') return value;
        // Its text holds no `/`, `?`, `&` or `=`: alternatives change a value, never the shape of the URL,
        // and a query string of a dozen `flag ? 1 : 0` values would multiply them past counting.
        const parameter = parametersMentioned(value)[0];
        return { kind: 'pattern', parts: [{ hole: parameter === undefined ? 'encoded value' : `parameter ${parameter}` }] };
      }
      case 'encodeURI':
      case 'String':
      case 'escape':
        return this.stringish(args[0] ?? node, context);
      case 'Object.assign':
        return mergeObjects(args.map((arg) => this.resolve(arg, context)));
      case 'readline.createInterface':
      case 'createInterface': {
        // `createInterface({ input: stream })` emits the stream's lines.
        if (!isImportedFrom(node.getExpression(), READLINE_MODULES)) return undefined;
        const options = args[0] ? this.resolve(args[0], context) : UNKNOWN('no options');
        const input = options.kind === 'object' ? options.properties.get('input') : undefined;
        return input && input.kind === 'response' && input.encoded ? input : undefined;
      }
      case 'Buffer.from': {
        // The bytes of a JSON text are still that JSON: `req.write(Buffer.from(JSON.stringify(body)))`.
        const bytes = args[0] ? this.resolve(args[0], context) : undefined;
        return bytes?.kind === 'json' || (bytes && stringParts(bytes)) ? bytes : undefined;
      }
      case 'Promise.all':
      case 'Promise.resolve':
        // Awaiting a list of requests gives the list of their results, element for element.
        return args[0] ? this.resolve(args[0], context) : undefined;
      case 'Promise.race':
      case 'Promise.any': {
        const list = args[0] ? this.resolve(args[0], context) : undefined;
        return list?.kind === 'array' && list.elements.length > 0 ? oneOf(list.elements) : undefined;
      }
      case 'util.promisify':
      case 'promisify':
        if (callee === 'promisify' && !isImportedFrom(node.getExpression(), ['util', 'node:util'])) return undefined;
        return this.resolve(args[0], context);
      case 'Object.values':
      case 'Object.entries': {
        const source = this.resolve(args[0], context);
        // Nothing to list: the code guards against it (`if (!query) return ''`) or throws.
        if (source.kind === 'nullish') return { kind: 'array', elements: [], open: false };
        // `Object.entries(query).map(([k, v]) => `${k}=${v}`).join('&')`: a hand-made query string, key by key.
        if (callee === 'Object.entries' && source.kind === 'object' && source.properties.size > 0) {
          const entries = [...source.properties].map(([key, value]): AbstractValue => ({ kind: 'array', elements: [stringValue(key), value], open: false }));
          // Keys that could not be resolved are entries too, so that what is built from them says so.
          if (source.open) entries.push({ kind: 'array', elements: [UNKNOWN('key'), UNKNOWN('value')], open: false });
          return { kind: 'array', elements: entries, open: source.open };
        }
        const values = alternatives(source).map((option) => {
          if (option.kind === 'object') return option.properties.size > 0 ? oneOf([...option.properties.values()]) : UNKNOWN('value');
          if (option.kind === 'response') return { kind: 'response' as const, responseOf: option.responseOf, path: [...option.path, '[*]'] };
          return UNKNOWN('value');
        });
        const value = oneOf(values);
        const element: AbstractValue = callee === 'Object.values' ? value : { kind: 'array', elements: [UNKNOWN('key'), value], open: false };
        return { kind: 'array', elements: [element], open: true };
      }
      case 'Object.freeze':
      case 'Object.seal':
      case 'structuredClone':
        return this.resolve(args[0], context);
      case 'path.join':
      case 'path.posix.join':
      case 'posix.join':
      case 'join':
        if (callee === 'join' && !isImportedFrom(node.getExpression(), ['path', 'node:path'])) return undefined;
        return joinPath(args.map((arg) => this.stringish(arg, context)));
      case 'url.resolve':
        return joinPath(args.map((arg) => this.stringish(arg, context)));
      case 'util.format':
      case 'format':
        if (callee === 'format' && !isImportedFrom(node.getExpression(), ['util', 'node:util'])) return undefined;
        return this.formatValue(args, context);
      case 'querystring.stringify':
      case 'qs.stringify':
      case 'stringify':
        if (callee === 'stringify' && !isImportedFrom(node.getExpression(), ['querystring', 'node:querystring', 'qs'])) return undefined;
        return this.searchParamsValue(args[0], context);
      default:
        return undefined;
    }
  }

  private formatValue(args: Node[], context: ResolveContext): AbstractValue {
    const template = this.resolve(args[0], context);
    if (template.kind !== 'string') return UNKNOWN('format with a computed template');
    const pieces: AbstractValue[] = [];
    let argumentIndex = 1;
    for (const piece of template.value.split(/(%[sdifjoO%])/)) {
      if (/^%[sdifjoO]$/.test(piece)) pieces.push(args[argumentIndex] ? this.stringish(args[argumentIndex++], context) : { kind: 'string', value: piece });
      else pieces.push({ kind: 'string', value: piece === '%%' ? '%' : piece });
    }
    return concatValues(pieces, holeName);
  }

  /** `new URLSearchParams({all: 'true'})` or `querystring.stringify(obj)`: `all={}` with the values as holes. */
  private searchParamsValue(argument: Node | undefined, context: ResolveContext): AbstractValue {
    const value = this.resolve(argument, context);
    if (value.kind === 'string') return value;
    if (value.kind !== 'object') return { kind: 'pattern', parts: [{ hole: 'query string' }] };
    const pieces: AbstractValue[] = [];
    for (const [key] of value.properties) {
      if (pieces.length > 0) pieces.push({ kind: 'string', value: '&' });
      pieces.push({ kind: 'string', value: `${key}=` }, { kind: 'pattern', parts: [{ hole: key }] });
    }
    if (value.open) pieces.push({ kind: 'pattern', parts: [{ hole: 'query string' }] });
    return concatValues(pieces, holeName);
  }

  /**
   * `const search = new URLSearchParams(); search.set('all', '1')`, or keys copied in a
   * `for (const [key, value] of Object.entries(params))` loop: the keys set before use.
   */
  private searchParamsFromCalls(node: Node, context: ResolveContext): AbstractValue {
    const declaration = node.getParentIfKind(SyntaxKind.VariableDeclaration);
    const scope = declaration?.getFirstAncestor(isFunctionLike) ?? declaration?.getSourceFile();
    if (!declaration || !scope) return { kind: 'pattern', parts: [{ hole: 'query string' }] };
    const name = declaration.getName();
    const keys: AbstractValue[] = [];
    let open = false;
    for (const call of descendantsOfKind(scope, SyntaxKind.CallExpression)) {
      const callee = call.getExpression();
      if (!Node.isPropertyAccessExpression(callee) || callee.getExpression().getText() !== name || !['set', 'append'].includes(callee.getName())) continue;
      const keyNode = call.getArguments()[0];
      const key = keyNode ? this.resolve(keyNode, context) : UNKNOWN('key');
      if (key.kind === 'string') keys.push(key);
      else if (keyNode && Node.isIdentifier(keyNode)) {
        const fromEntries = this.keysFromEntriesLoop(keyNode, context);
        if (fromEntries) keys.push(...fromEntries);
        else open = true;
      } else open = true;
    }
    const pieces: AbstractValue[] = [];
    for (const key of keys) {
      if (pieces.length > 0) pieces.push({ kind: 'string', value: '&' });
      pieces.push({ kind: 'string', value: `${(key as { value: string }).value}=` }, { kind: 'pattern', parts: [{ hole: 'value' }] });
    }
    if (open) pieces.push({ kind: 'pattern', parts: [{ hole: 'query string' }] });
    return concatValues(pieces, holeName);
  }

  /** `for (const [key] of Object.entries(params))`: the keys of `params`. */
  private keysFromEntriesLoop(keyNode: Node, context: ResolveContext): AbstractValue[] | undefined {
    const declaration = keyNode.getSymbol()?.getDeclarations()[0];
    if (!declaration || !Node.isBindingElement(declaration)) return undefined;
    const loop = declaration.getFirstAncestorByKind(SyntaxKind.ForOfStatement);
    const iterated = loop?.getExpression();
    if (!iterated || !Node.isCallExpression(iterated) || !/^Object\.(entries|keys)$/.test(iterated.getExpression().getText())) return undefined;
    const source = this.resolve(iterated.getArguments()[0], context);
    const objects = alternatives(source).filter((option): option is ObjectValue => option.kind === 'object');
    if (objects.length === 0) return undefined;
    return [...new Set(objects.flatMap((object) => [...object.properties.keys()]))].map((key) => ({ kind: 'string', value: key }));
  }

  /** `new URL(path, base)`: the path part as far as known. */
  private urlValue(args: Node[], context: ResolveContext): AbstractValue {
    const first = this.stringish(args[0] ?? args[1], context);
    if (args.length < 2) return first;
    const text = patternText(first) ?? '';
    if (/^[a-z]+:/i.test(text)) return first;
    return concatValues([this.stringish(args[1], context), first], holeName);
  }
}

/** Line splitters for streams: `split2()`, `split()`, `byline()`; given `JSON.parse` as their mapper, they emit documents. */
const LINE_SPLITTERS = new Set(['split2', 'split', 'byline']);

/** `JSON.parse`, or `(line) => JSON.parse(line)`. */
function parsesJson(mapper: Node): boolean {
  if (mapper.getText().replace(/\s/g, '') === 'JSON.parse') return true;
  if (!Node.isArrowFunction(mapper) && !Node.isFunctionExpression(mapper)) return false;
  const body = mapper.getBody();
  const returned = Node.isBlock(body) ? body.getStatements().find(Node.isReturnStatement)?.getExpression() : body;
  return returned !== undefined && Node.isCallExpression(returned) && returned.getExpression().getText() === 'JSON.parse';
}

/** What a response stream becomes through a transform: its documents, or its text line by line. */
function transformed(stream: ResponseValue, transform: 'documents' | 'lines'): AbstractValue {
  return transform === 'documents'
    ? { kind: 'response', responseOf: stream.responseOf, path: stream.path, encoded: true, documents: true }
    : { kind: 'response', responseOf: stream.responseOf, path: stream.path, encoded: true };
}

function isFalsy(value: AbstractValue): boolean {
  return value.kind === 'nullish' || ((value.kind === 'boolean' || value.kind === 'string' || value.kind === 'number') && !value.value);
}

function isDefinitelyPresent(value: AbstractValue): boolean {
  return ['string', 'pattern', 'number', 'object', 'array', 'client', 'function', 'instance', 'module'].includes(value.kind) && !(value.kind === 'string' && value.value === '');
}

function limitAlternatives(value: AbstractValue): AbstractValue {
  if (value.kind !== 'oneOf' || value.options.length <= MAX_ALTERNATIVES) return value;
  return UNKNOWN('too many alternatives');
}

export function isPackageSpecifier(specifier: string): boolean {
  return !specifier.startsWith('.') && !specifier.startsWith('/');
}

/** An arrow or function expression passed straight to a call. */
export function isInlineCallback(functionNode: Node | undefined): boolean {
  if (!functionNode || !(Node.isArrowFunction(functionNode) || Node.isFunctionExpression(functionNode))) return false;
  const parent = functionNode.getParent();
  return parent !== undefined && Node.isCallExpression(parent) && parent.getArguments().includes(functionNode);
}

export function isFunctionLike(node: Node): boolean {
  return (
    Node.isFunctionDeclaration(node) ||
    Node.isFunctionExpression(node) ||
    Node.isArrowFunction(node) ||
    Node.isMethodDeclaration(node) ||
    Node.isConstructorDeclaration(node) ||
    Node.isGetAccessorDeclaration(node) ||
    Node.isSetAccessorDeclaration(node)
  );
}

/** Whether a node runs only under a condition, relative to an enclosing scope. */
export function isUnderCondition(node: Node, scope: Node): boolean {
  for (let current = node.getParent(); current && current !== scope; current = current.getParent()) {
    if (
      Node.isIfStatement(current) ||
      Node.isConditionalExpression(current) ||
      Node.isSwitchStatement(current) ||
      Node.isCatchClause(current) ||
      Node.isForStatement(current) ||
      Node.isForOfStatement(current) ||
      Node.isForInStatement(current) ||
      Node.isWhileStatement(current) ||
      (Node.isBinaryExpression(current) && [SyntaxKind.AmpersandAmpersandToken, SyntaxKind.BarBarToken, SyntaxKind.QuestionQuestionToken].includes(current.getOperatorToken().getKind()))
    ) {
      return true;
    }
  }
  return false;
}

const LODASH_PACKAGES = new Set(['lodash', 'lodash-es', 'underscore']);
/** lodash functions that read a path written as text: `_.get(info, 'Config.Env')`, `_.map(list, 'Name')`. */
export const LODASH_READS = new Set(['get', 'map', 'flatMap']);

/** The lodash function a callee stands for: `_.merge` of lodash, lodash-es or underscore, `lodash/merge`, `lodash.merge`. */
export function lodashFunction(callee: AbstractValue): string | undefined {
  if (callee.kind !== 'module') return undefined;
  const member = callee.member.filter((name) => name !== 'default');
  if (LODASH_PACKAGES.has(callee.specifier)) return member.length === 1 ? member[0] : undefined;
  const single = /^lodash[./]([a-zA-Z]+)$/.exec(callee.specifier);
  return single && member.length === 0 ? single[1] : undefined;
}

/** A property path written as lodash takes it: `'Config.Env'`, `'IPAM.Config[0]'`, `['Config', 'Env']`. */
function literalPath(node: Node | undefined): string[] | undefined {
  if (!node) return undefined;
  // A position in a list is any element of it.
  const pathKey = (key: string) => (/^\d+$/.test(key) ? '[*]' : key);
  if (Node.isStringLiteral(node) || Node.isNoSubstitutionTemplateLiteral(node)) {
    return node.getLiteralValue().split(/[.[\]]+/).filter((key) => key !== '').map(pathKey);
  }
  if (Node.isArrayLiteralExpression(node)) {
    const keys = node.getElements().map((element) => (Node.isStringLiteral(element) ? element.getLiteralValue() : Node.isNumericLiteral(element) ? '[*]' : undefined));
    return keys.every((key): key is string => key !== undefined) ? keys.map(pathKey) : undefined;
  }
  return undefined;
}

/** `_.merge`: later objects win, and objects under the same key merge rather than replace. */
function deepMerge(values: AbstractValue[]): ObjectValue {
  const merged = mergeObjects(values);
  for (const key of merged.properties.keys()) {
    const nested = values.map((value) => (value.kind === 'object' ? value.properties.get(key) : undefined)).filter((value): value is AbstractValue => value !== undefined);
    if (nested.length > 1 && nested.every((value) => value.kind === 'object')) merged.properties.set(key, deepMerge(nested));
  }
  return merged;
}

/** `const [a, b] = value`: the element at a position of a known tuple, else any element. */
function elementAt(value: AbstractValue, position: number): AbstractValue {
  if (value.kind === 'array' && !value.open && value.elements[position]) return value.elements[position];
  return elementOf(value);
}

function elementOf(value: AbstractValue): AbstractValue {
  if (value.kind === 'oneOf') {
    const elements = value.options.map(elementOf).filter((element) => element.kind !== 'unknown');
    return elements.length > 0 ? oneOf(elements) : UNKNOWN('element');
  }
  if (value.kind === 'array') return value.elements.length > 0 ? oneOf(value.elements) : UNKNOWN('element of an empty array');
  // A chunk or line of a response's text is more of its text.
  if (value.kind === 'response' && value.encoded) return value;
  if (value.kind === 'response') return { kind: 'response', responseOf: value.responseOf, path: [...value.path, '[*]'] };
  // An element of a list the callers pass (`nets.map((n) => n.inspect())`): theirs to say, as the list is.
  if (value.kind === 'unknown' && value.reason.startsWith('parameter ')) return value;
  return UNKNOWN('element');
}

type ResponseValue = Extract<AbstractValue, { kind: 'response' }>;

/** `value[key]` for a key that is not a known string: an element of a list or of a response. */
function indexedElement(value: AbstractValue, key: AbstractValue): AbstractValue | undefined {
  // In an open list (elements pushed in some order) a position says nothing about which element it is.
  if (value.kind === 'array') return key.kind === 'number' && !value.open && value.elements[key.value] ? value.elements[key.value] : elementOf(value);
  if (value.kind === 'response') return value.encoded ? value : { kind: 'response', responseOf: value.responseOf, path: [...value.path, '[*]'] };
  return undefined;
}

const READLINE_MODULES = ['readline', 'node:readline', 'readline/promises', 'node:readline/promises'];
const STREAM_LISTENERS = new Set(['on', 'once', 'addListener', 'prependListener']);

/**
 * What `for (const x of value)` gives: an element; `for await` over a whole decoded response
 * is a stream of documents (@docker/node-sdk's systemEvents), each a document of that response.
 */
function iterationValue(value: AbstractValue, awaited: boolean): AbstractValue {
  if (awaited && value.kind === 'response' && !value.encoded && value.path.length === 0) return value;
  if (awaited && value.kind === 'oneOf') return oneOf(value.options.map((option) => iterationValue(option, true)));
  return elementOf(value);
}

/** The function, among those enclosing `node`, that declares one of these parameters. */
export function functionDeclaringParameter(node: Node, names: string[]): Node | undefined {
  for (let current = node.getFirstAncestor(isFunctionLike); current; current = current.getFirstAncestor(isFunctionLike)) {
    const parameters = (current as { getParameters?(): Array<Node & { getName(): string }> }).getParameters?.() ?? [];
    if (parameters.some((parameter) => names.includes(parameter.getName()))) return current;
  }
  return undefined;
}

/** The variable an assignment target starts from: `url`, `opts` in `opts.HostConfig.Binds`. */
function assignedRootName(left: Node): string | undefined {
  let current = left;
  while (Node.isPropertyAccessExpression(current) || Node.isElementAccessExpression(current) || Node.isNonNullExpression(current) || Node.isParenthesizedExpression(current)) {
    current = current.getExpression();
  }
  return Node.isIdentifier(current) ? current.getText() : undefined;
}

/** `opts.HostConfig.Init = true` -> ['HostConfig', 'Init'] when `opts` is the symbol. */
function propertyPathOn(left: Node, symbol: MorphSymbol): string[] | undefined {
  const path: string[] = [];
  let current: Node = left;
  while (Node.isPropertyAccessExpression(current) || Node.isElementAccessExpression(current) || Node.isNonNullExpression(current) || Node.isParenthesizedExpression(current)) {
    if (Node.isNonNullExpression(current) || Node.isParenthesizedExpression(current)) {
      current = current.getExpression();
      continue;
    }
    if (Node.isPropertyAccessExpression(current)) path.unshift(current.getName());
    else {
      // `bindings[`${port}/tcp`] = ...`: a key we cannot name, under a map.
      const argument = current.getArgumentExpression();
      path.unshift(argument && Node.isStringLiteral(argument) ? argument.getLiteralValue() : '{}');
    }
    current = current.getExpression();
  }
  if (path.length === 0 || !Node.isIdentifier(current) || current.getSymbol() !== symbol) return undefined;
  return path;
}

// Paths and URLs are short; a regular expression from the code is not run on longer text.
const MAX_REPLACED_LENGTH = 2000;

/** `/^\/+/g` as written in the code; undefined for flags this engine does not know. */
function regularExpressionOf(literal: string): RegExp | undefined {
  const slash = literal.lastIndexOf('/');
  try {
    return new RegExp(literal.slice(1, slash), literal.slice(slash + 1));
  } catch {
    return undefined;
  }
}

// Types nest (`Promise<Array<{ client: Docker }>>`); the cap stops types that refer to themselves.
const MAX_TYPE_DEPTH = 6;

/**
 * The values assigned in a class to `object.name` (`=`, `??=`, `||=`), for the objects `isOwner`
 * accepts: `this` in its methods, or the class itself for a static field.
 */
function assignedInClass(classNode: Node, name: string, isOwner: (object: Node) => boolean): Node[] {
  const found: Node[] = [];
  for (const assignment of descendantsOfKind(classNode, SyntaxKind.BinaryExpression)) {
    const operator = assignment.getOperatorToken().getKind();
    if (operator !== SyntaxKind.EqualsToken && operator !== SyntaxKind.QuestionQuestionEqualsToken && operator !== SyntaxKind.BarBarEqualsToken) continue;
    const left = assignment.getLeft();
    if (Node.isPropertyAccessExpression(left) && left.getName() === name && isOwner(left.getExpression())) found.push(assignment.getRight());
  }
  return found;
}

/** Methods that add elements to a list in place. */
const LIST_APPENDS = new Set(['push', 'unshift']);

function valueAtPath(object: ObjectValue, path: string[]): AbstractValue | undefined {
  let current: AbstractValue | undefined = object;
  for (const key of path) current = current?.kind === 'object' ? current.properties.get(key) : undefined;
  return current;
}

function setPath(object: ObjectValue, path: string[], value: AbstractValue, conditional: boolean): ObjectValue {
  const copy: ObjectValue = { kind: 'object', properties: new Map(object.properties), open: object.open, conditional: new Set(object.conditional ?? []) };
  const [head, ...rest] = path;
  const existing = copy.properties.get(head);
  if (rest.length === 0) {
    copy.properties.set(head, value);
  } else {
    const child: ObjectValue = existing?.kind === 'object' ? existing : { kind: 'object', properties: new Map(), open: false };
    copy.properties.set(head, setPath(child, rest, value, conditional));
  }
  // `spec.TaskTemplate.ContainerSpec.Mounts = mounts` under an `if`: only Mounts is sent conditionally,
  // unless the objects on its way are made by this assignment.
  if (conditional && (rest.length === 0 || existing?.kind !== 'object')) copy.conditional!.add(head);
  return copy;
}

function joinPath(values: AbstractValue[]): AbstractValue {
  const pieces: AbstractValue[] = [];
  values.forEach((value, index) => {
    if (index > 0) pieces.push({ kind: 'string', value: '/' });
    pieces.push(value);
  });
  const joined = concatValues(pieces, holeName);
  if (joined.kind === 'string') return { kind: 'string', value: joined.value.replace(/\/{2,}/g, '/') };
  if (joined.kind === 'pattern') {
    return { kind: 'pattern', parts: joined.parts.map((part) => (typeof part === 'string' ? part.replace(/\/{2,}/g, '/') : part)) };
  }
  return joined;
}

/** Whether an identifier callee (`join`, `format`) was imported from one of these modules. */
function isImportedFrom(callee: Node, modules: string[]): boolean {
  if (!Node.isIdentifier(callee)) return true;
  const declaration = callee.getSymbol()?.getDeclarations()[0];
  const importDeclaration = declaration?.getFirstAncestorByKind(SyntaxKind.ImportDeclaration);
  if (importDeclaration) {
    // Not a string literal in broken code; getModuleSpecifier[Value]() would throw.
    const specifier = importDeclaration.getNodeProperty('moduleSpecifier');
    return Node.isStringLiteral(specifier) && modules.includes(specifier.getLiteralValue());
  }
  const variable = declaration?.getFirstAncestorByKind(SyntaxKind.VariableDeclaration);
  const initializer = variable?.getInitializer()?.getText() ?? '';
  return modules.some((module) => initializer.includes(`'${module}'`) || initializer.includes(`"${module}"`));
}
