import { existsSync } from 'node:fs';
import { dirname, join, relative, sep } from 'node:path';
import { Node, SyntaxKind, ts, type CallExpression, type NewExpression, type SourceFile } from 'ts-morph';
import { parseApiVersion } from '../../versions/apiVersion.js';
import type { CompatIndex } from '../../database/compatIndex.js';
import { emptyFindings, leavesOnly, type FileFindings, type RawUsage, type SourcePosition, type VersionSetting } from '../usage.js';
import { alternatives, mentionsParameter, oneOf, parametersMentioned, pinKey, UNKNOWN, type AbstractValue, type ClientLibrary, type ClientObject, type PinInfo } from './abstractValue.js';
import { childCommands, COMMAND_RUNNERS, zxCommand } from './childProcessCalls.js';
import { scanScriptFile } from '../scripts/scanScriptFile.js';
import { classFromReceiverName, clientClassOfModule, isClientMethodName, clientMethod, clientProperty, hasClientClass, isEntryClass, libraryOfPackage } from './clientLibraries.js';
import { recogniseClientCall } from './dockerClientCalls.js';
import { requiredSpecifiers, resolveRelativeImport } from '../prefilter.js';
import { compilerNodesUnder, declarationOf, descendantsOfKind, innermostExpression, lineAndColumnOf, moduleSpecifierOf, outermostWrapper, wrapCompilerNode } from './syntaxWalk.js';
import { isFunctionDeclaration, mayReachEngine, type ReachScope } from './engineReach.js';
import { isHttpMethodName, pointsAtDocker, recogniseRawHttpCall, REQUEST_PACKAGES } from './rawHttpCalls.js';
import { functionDeclaringParameter, isFunctionLike, LODASH_READS, lodashFunction, ROOT_CONTEXT, ValueResolver, type ResolveContext } from './valueResolver.js';

// Enough for a helper called by a helper; beyond that the value is reported as dynamic.
const CALLER_DEPTH = 2;
const MAX_CALLERS = 24;
/** How far up a request's result is followed through functions that return it unchanged. */
const RESULT_RETURN_LEVELS = 2;

/** Binds a function's parameters to one call's arguments, resolved in the caller's context. */
function bindArguments(resolver: ValueResolver, functionNode: Node, call: CallExpression, callerContext: ResolveContext): ResolveContext {
  return { bindings: resolver.bindingsFor(functionNode, call.getArguments(), callerContext), depth: callerContext.depth + 1 };
}

/** A call of a function, with the function's parameters bound to its arguments. */
interface CallSite {
  call: CallExpression;
  context: ResolveContext;
}

/** A usage with the call expression it came from, so that reads of its result can find it. */
export interface FoundUsage {
  usage: RawUsage;
  callNode: Node;
  /** Response reads of the call's result belong to this request (dockerode `run`: the wait request). */
  receivesResponse: boolean;
  /** For a call of a request helper (`getJson(path)`): the request inside the helper that it stands for. */
  requestCall?: CallExpression;
}

export interface CodeAnalyserOptions {
  /** Absolute folder that file paths in findings are relative to. */
  root: string;
  index: CompatIndex;
  /** The value of DOCKER_API_VERSION when every setting in the project agrees. */
  environmentApiVersion?: string;
  /** Whether a bare specifier names a module of the project (a workspace package, a path alias) rather than a dependency. */
  isLocalModule?: (specifier: string) => boolean;
  /** Parses scanned files left out of the parse set when the analysis needs a value from one. */
  moduleLoader?: ModuleLoader;
}

/**
 * Scanned files that were read but not parsed: a config module two imports away from
 * the client is parsed only when a value the analysis needs comes from it.
 */
export interface ModuleLoader {
  /** The unparsed scanned files behind an import in `fromFile` (the module, or what a parsed re-export module passes on). */
  unparsedModules(fromFile: SourceFile, specifier: string): string[];
  /** Parses the files into the project (for their values: their calls are not analysed). */
  load(paths: string[]): SourceFile[];
  /** Whether an unparsed module behind an import (see unparsedModules) declares and exports a function by that name, read from its text. */
  declaresFunction(fromFile: SourceFile, specifier: string, exportedName: string): boolean;
}

interface Construction {
  library: ClientLibrary;
  pin: PinInfo | null | undefined;
}

// Rounds of loading modules on demand: each round parses what the previous analysis missed.
const MODULE_LOAD_ROUNDS = 3;

/**
 * Finds Engine API calls in the JS/TS files of one project. Files are analysed
 * together, because clients, wrappers, paths and options travel across them.
 */
export class CodeAnalyser {
  readonly resolver: ValueResolver;
  private readonly options: CodeAnalyserOptions;
  /** Client constructions by `new` expression, as last resolved (a later round may know their options). */
  private readonly constructions = new Map<Node, { round: number; found: Construction[] }>();
  private round = 0;
  /** The file whose calls are being analysed, and the files to analyse again once modules are loaded. */
  private analysing?: SourceFile;
  private readonly demandedModules = new Set<string>();
  private readonly fileDemands = new Set<string>();
  private readonly filesToReanalyse = new Set<SourceFile>();
  private readonly libraries = new Set<ClientLibrary>();
  /** Raw HTTP calls by whether they are Engine requests: the library that sends them, or null. */
  private readonly dockerHttpCalls = new Map<Node, string | null>();
  private globalDispatcherValue: AbstractValue = { kind: 'nullish' };
  private files: SourceFile[] = [];
  /** Calls by the name they call, for the files indexed so far (files are only ever added). */
  private readonly callsByName = new Map<string, IndexedCall[]>();
  private readonly indexedFiles = new Set<SourceFile>();
  private fileOrder?: Map<SourceFile, number>;
  private readonly callersCache = new Map<Node, CallExpression[]>();
  private readonly callSitesCache = new Map<Node, Map<number, CallSite[]>>();
  private allCallers?: Map<Node, CallExpression[]>;
  private readonly callees = new Map<CallExpression, AbstractValue>();
  /** Calls of request helpers, by the request inside the helper that each stands for. */
  private helperCallSites = new Map<Node, CallExpression | undefined>();
  /** `new` expressions of local classes, by class. */
  private readonly classConstructions = new Map<Node, NewExpression[]>();
  /** Files that import a client library. */
  private readonly clientFiles = new Set<SourceFile>();
  private clientPackages?: Set<string>;
  /** Folder -> folder of its nearest package.json (cache). */
  private readonly packageFolders = new Map<string, string>();

  constructor(options: CodeAnalyserOptions) {
    this.options = options;
    this.resolver = new ValueResolver({
      construct: (callee, args, context, node) => this.construct(callee, args, context, node),
      call: (receiver, name, call, context, callee) => this.callResult(receiver, name, call, context, callee),
      member: (value, name) => this.member(value, name),
      environment: (name) => this.environment(name),
      instanceOfType: (type) => this.instanceOfType(type.specifier, type.member),
      callbackParameter: (call, functionNode, index) => this.callbackParameter(call, functionNode, index),
      isLocalPackage: this.isLocalPackage,
      constructionsOf: (classNode) => this.constructionsOf(classNode),
      parameterByName: (name, parameter) => (this.usesClients(parameter.getSourceFile()) ? this.parameterByName(name) : undefined),
      moduleNotParsed: (specifier, fromFile) => this.demandModule(specifier, fromFile),
    });
  }

  /** Analyses the files of a project; the findings are in the same order as the files. */
  analyseProject(files: SourceFile[]): FileFindings[] {
    this.files = files;
    this.round = 0;
    this.callsByName.clear();
    this.indexedFiles.clear();
    this.forgetDerivedState();
    for (const file of files) this.noteLibraryImports(file);
    this.findGlobalDispatcher(files);
    // The binder's scopes, which mayReachEngine reads, are set up with the type checker.
    void files[0]?.getProject().getTypeChecker().compilerObject;
    const analysed = new Map(files.map((file) => [file, this.analyseCallsOf(file)]));
    // Values from modules outside the parse set: parse them, then analyse again the files that needed them.
    for (this.round = 1; this.round <= MODULE_LOAD_ROUNDS && this.demandedModules.size > 0; this.round++) {
      const loaded = this.options.moduleLoader!.load([...this.demandedModules].sort());
      this.demandedModules.clear();
      const again = [...this.filesToReanalyse];
      this.filesToReanalyse.clear();
      this.files = [...this.files, ...loaded];
      this.forgetDerivedState();
      for (const file of again) analysed.set(file, this.analyseCallsOf(file));
    }
    this.demandedModules.clear();
    const perFile = files.map((file) => analysed.get(file)!);
    const found = perFile.flatMap((entry) => entry.found);
    this.applyDefaultPins(found);
    // Calls of request helpers (`getJson(path)`) now stand for their requests: their results are responses.
    this.helperCallSites = new Map(found.filter((entry) => !entry.callNode.getText().startsWith('http')).map((entry) => [entry.callNode, entry.requestCall]));
    this.forgetResolvedValues();
    const reads = this.collectResponseReads(found.filter((entry) => entry.receivesResponse).map((entry) => entry.callNode));
    for (const { found } of perFile) {
      for (const entry of found) {
        if (!entry.receivesResponse) continue;
        entry.usage.response = leavesOnly([...(reads.get(entry.callNode) ?? [])]).sort();
      }
    }
    return perFile.map((entry) => entry.findings);
  }

  private readonly isLocalPackage = (specifier: string): boolean => this.options.isLocalModule?.(specifier) ?? false;

  private readonly reachScope: ReachScope = {
    isLocalPackage: this.isLocalPackage,
    importsFunction: (importDeclaration) => {
      const file = this.analysing;
      const specifier = moduleSpecifierOf(importDeclaration);
      if (!file || !specifier || !importDeclaration.name) return false;
      const exported = ts.isImportSpecifier(importDeclaration) ? (importDeclaration.propertyName ?? importDeclaration.name).text : 'default';
      const checker = file.getProject().getTypeChecker().compilerObject;
      const symbol = checker.getSymbolAtLocation(importDeclaration.name);
      if (!symbol || !(symbol.flags & ts.SymbolFlags.Alias)) return false;
      const target = checker.getAliasedSymbol(symbol);
      const declaration = target.valueDeclaration ?? target.declarations?.[0];
      if (declaration) return isFunctionDeclaration(declaration);
      // Not in the parsed files: the module behind the import, or behind a parsed index that re-exports it.
      return this.options.moduleLoader?.declaresFunction(file, specifier.text, exported) ?? false;
    },
  };

  /** Indexes and caches built from the parsed files and the values known so far. */
  private forgetDerivedState(): void {
    this.fileOrder = undefined;
    this.classConstructions.clear();
    this.callersCache.clear();
    this.allCallers = undefined;
    this.callees.clear();
    this.clientPackages = undefined;
    this.dockerHttpCalls.clear();
    this.forgetResolvedValues();
  }

  /** Values, and the call-sites whose contexts hold them, computed before the hooks learned more. */
  private forgetResolvedValues(): void {
    this.resolver.clearCache();
    this.callSitesCache.clear();
  }

  /**
   * Analyses a file's calls. Modules its analysis could not follow are loaded for the next
   * round only when the file has findings: resolving every receiver of a large project
   * touches many modules that no request depends on.
   */
  private analyseCallsOf(file: SourceFile): { findings: FileFindings; found: FoundUsage[] } {
    this.analysing = file;
    this.fileDemands.clear();
    try {
      const result = this.analyseCalls(file);
      if (this.fileDemands.size > 0 && (result.found.length > 0 || result.findings.versionSettings.length > 0)) {
        for (const path of this.fileDemands) this.demandedModules.add(path);
        this.filesToReanalyse.add(file);
      }
      return result;
    } finally {
      this.analysing = undefined;
    }
  }

  /**
   * `new Api(...)` of a local class outside the class itself, in the parsed files that mention
   * `new Api` at all; the constructor's parameters take their arguments (a wrapper's `new Docker(options)`).
   */
  private constructionsOf(classNode: Node): NewExpression[] {
    let found = this.classConstructions.get(classNode);
    if (found) return found;
    found = [];
    const name = (classNode as Node & { getName(): string | undefined }).getName();
    if (name) {
      for (const file of this.files) {
        if (found.length >= MAX_CALLERS || !file.getFullText().includes(`new ${name}`)) continue;
        for (const construction of compilerNodesUnder(file.compilerNode, ts.isNewExpression)) {
          if (!ts.isIdentifier(construction.expression) || construction.expression.text !== name) continue;
          // `new Network(this.modem, this.id)` in Network's own methods copies this object: not where its values come from.
          if (construction.pos >= classNode.getPos() && construction.end <= classNode.getEnd() && file === classNode.getSourceFile()) continue;
          const wrapped = wrapCompilerNode(file, construction) as NewExpression;
          const callee = this.resolver.resolve(wrapped.getExpression());
          if (callee.kind === 'function' && callee.node === classNode) found.push(wrapped);
        }
      }
      found = found.slice(0, MAX_CALLERS);
    }
    this.classConstructions.set(classNode, found);
    return found;
  }

  /** An import the analysis of a file could not follow. */
  private demandModule(specifier: string, fromFile: SourceFile): void {
    if (!this.analysing || !this.options.moduleLoader || this.round >= MODULE_LOAD_ROUNDS) return;
    for (const path of this.options.moduleLoader.unparsedModules(fromFile, specifier)) this.fileDemands.add(path);
  }

  position(node: Node): SourcePosition {
    const file = node.getSourceFile();
    const { line, column } = lineAndColumnOf(file.compilerNode, node.getStart());
    return { file: relativePath(this.options.root, file.getFilePath()), line, column };
  }

  librariesInUse(): ClientLibrary[] {
    return [...this.libraries].sort();
  }

  isEnginePath(path: string): boolean {
    return this.options.index.operationsAtPath(path).length > 0;
  }

  /**
   * A value that depends on parameters of its function, resolved at every call-site
   * of that function (two levels up): the union of what the callers pass.
   */
  resolveThroughCallers(node: Node): AbstractValue {
    const value = this.resolver.resolve(node);
    const parameters = parametersMentioned(value);
    if (parameters.length === 0) return value;
    const functionNode = functionDeclaringParameter(node, parameters);
    if (!functionNode) return value;
    const sites = this.callSitesOf(functionNode, CALLER_DEPTH);
    if (sites.length === 0) return value;
    return oneOf(sites.map((site) => this.resolver.resolve(node, site.context)));
  }

  /**
   * Where a function is called from, with its parameters bound to each call's
   * arguments. When an argument is itself a parameter of the caller, the caller's
   * own call-sites stand in, up to `depth` levels.
   */
  callSitesOf(functionNode: Node, depth: number, stillOpen?: (caller: CallExpression, context: ResolveContext) => boolean): CallSite[] {
    if (stillOpen) return this.findCallSites(functionNode, depth, stillOpen);
    // Every request in a function asks for the same sites: the same contexts let the resolver reuse what it computed in them.
    let byDepth = this.callSitesCache.get(functionNode);
    if (!byDepth) this.callSitesCache.set(functionNode, (byDepth = new Map()));
    let sites = byDepth.get(depth);
    if (!sites) byDepth.set(depth, (sites = this.findCallSites(functionNode, depth, (caller) => caller.getArguments().some((argument) => mentionsParameter(this.resolver.resolve(argument))))));
    return sites;
  }

  private findCallSites(functionNode: Node, depth: number, stillOpen: (caller: CallExpression, context: ResolveContext) => boolean): CallSite[] {
    const sites: CallSite[] = [];
    for (const caller of this.callersOf(functionNode).slice(0, MAX_CALLERS)) {
      const callerFunction = caller.getFirstAncestor(isFunctionLike);
      // Go up only while what matters still depends on the caller's own parameters.
      const atCaller = bindArguments(this.resolver, functionNode, caller, ROOT_CONTEXT);
      const open = depth > 1 && callerFunction !== undefined && stillOpen(caller, atCaller);
      const outer = open ? this.callSitesOf(callerFunction!, depth - 1) : [];
      if (outer.length === 0) {
        sites.push({ call: caller, context: atCaller });
        continue;
      }
      for (const site of outer) sites.push({ call: site.call, context: bindArguments(this.resolver, functionNode, caller, site.context) });
    }
    return sites;
  }

  /**
   * Every call in the scanned files whose callee resolves to this function. Resolving
   * every callee of a project is slow, so calls are first picked by the names the
   * function goes by; a function without a usable name falls back to all calls.
   */
  private callersOf(functionNode: Node): CallExpression[] {
    const known = this.callersCache.get(functionNode);
    if (known) return known;
    const unindexed = this.files.filter((file) => !this.indexedFiles.has(file));
    indexCallsByName(unindexed, this.callsByName);
    for (const file of unindexed) this.indexedFiles.add(file);
    const names = namesOfFunction(functionNode);
    let callers: CallExpression[];
    if (names) {
      const candidates = new Set([...names, DEFAULT_IMPORT, OTHER_CALLEE].flatMap((name) => this.callsByName.get(name) ?? []));
      callers = [...candidates].map(({ file, compilerCall }) => wrapCompilerNode(file, compilerCall) as CallExpression).filter((call) => alternatives(this.calleeOf(call)).some((callee) => callee.kind === 'function' && callee.node === functionNode));
      this.fileOrder ??= new Map(this.files.map((file, index) => [file, index]));
      const order = this.fileOrder;
      callers.sort((a, b) => order.get(a.getSourceFile())! - order.get(b.getSourceFile())! || a.getStart() - b.getStart());
    } else {
      callers = this.allCallersIndex().get(functionNode) ?? [];
    }
    this.callersCache.set(functionNode, callers);
    return callers;
  }

  /** Every call by the function it resolves to (built once, only for functions without names). */
  private allCallersIndex(): Map<Node, CallExpression[]> {
    if (this.allCallers) return this.allCallers;
    this.allCallers = new Map();
    for (const file of this.files) {
      for (const call of callsIn(file)) {
        for (const callee of alternatives(this.calleeOf(call))) {
          if (callee.kind !== 'function') continue;
          this.allCallers.set(callee.node, [...(this.allCallers.get(callee.node) ?? []), call]);
        }
      }
    }
    return this.allCallers;
  }

  private calleeOf(call: CallExpression): AbstractValue {
    let callee = this.callees.get(call);
    if (!callee) {
      callee = this.computeCallee(call);
      this.callees.set(call, callee);
    }
    return callee;
  }

  private computeCallee(call: CallExpression): AbstractValue {
    const expression = call.getExpression();
    if (Node.isPropertyAccessExpression(expression)) {
      return this.resolver.memberOf(this.resolver.resolve(expression.getExpression()), expression.getName(), ROOT_CONTEXT);
    }
    return this.resolver.resolve(expression);
  }

  globalDispatcher(): AbstractValue {
    return this.globalDispatcherValue;
  }

  private noteLibraryImports(file: SourceFile): void {
    for (const specifier of importedSpecifiersOf(file)) {
      const library = libraryOfPackage(specifier);
      if (!library) continue;
      this.libraries.add(library);
      this.clientFiles.add(file);
    }
  }

  /**
   * Whether name-based guesses (`container.inspect()` on an untyped parameter) may apply
   * in a file: it belongs to a package (nearest package.json) in which some file imports
   * a client library or a module of such a package (a shared client package in a
   * monorepo). A front-end package calling `container.remove()` on DOM nodes does not.
   */
  usesClients(file: SourceFile): boolean {
    if (!this.clientPackages) {
      const direct = new Set([...this.clientFiles].map((clientFile) => this.packageFolderOf(clientFile.getFilePath())));
      const scannedPaths = new Set(this.files.map((other) => other.getFilePath() as string));
      this.clientPackages = new Set(direct);
      for (const other of this.files) {
        const imported = importedSourceFiles(other, scannedPaths);
        if (imported.some((target) => direct.has(this.packageFolderOf(target.getFilePath())))) this.clientPackages.add(this.packageFolderOf(other.getFilePath()));
      }
    }
    return this.clientPackages.has(this.packageFolderOf(file.getFilePath()));
  }

  /** The folder of the nearest package.json at or above a file, within the scan root. */
  private packageFolderOf(filePath: string): string {
    let folder = dirname(filePath);
    const seen: string[] = [];
    for (;;) {
      const known = this.packageFolders.get(folder);
      if (known !== undefined) return this.remember(seen, known);
      seen.push(folder);
      const parent = dirname(folder);
      if (existsSync(join(folder, 'package.json')) || folder === this.options.root || parent === folder || !folder.startsWith(this.options.root)) return this.remember(seen, folder);
      folder = parent;
    }
  }

  private remember(folders: string[], packageFolder: string): string {
    for (const folder of folders) this.packageFolders.set(folder, packageFolder);
    return packageFolder;
  }

  /** `setGlobalDispatcher(new Agent({ connect: { socketPath } }))` sends every fetch to that socket. */
  private findGlobalDispatcher(files: SourceFile[]): void {
    for (const file of files) {
      if (!file.getFullText().includes('setGlobalDispatcher')) continue;
      for (const call of callsIn(file)) {
        if (!/setGlobalDispatcher$/.test(call.getExpression().getText())) continue;
        const value = this.resolver.resolve(call.getArguments()[0]);
        if (pointsAtDocker(value)) this.globalDispatcherValue = value;
      }
    }
  }

  private analyseCalls(file: SourceFile): { findings: FileFindings; found: FoundUsage[] } {
    const findings = emptyFindings();
    const found: FoundUsage[] = [];
    // Text checks first: resolving every call of a large project is the expensive part.
    const text = file.getFullText();
    const runsCommands = COMMAND_RUNNERS.test(text);
    for (const compilerCall of compilerCallsIn(file)) {
      const engineCandidate = mayCallEngine(compilerCall) && mayReachEngine(compilerCall, this.reachScope);
      if (!engineCandidate && !runsCommands) continue;
      const call = wrapCompilerNode(file, compilerCall) as CallExpression;
      const usages = engineCandidate ? (recogniseClientCall(call, this) ?? this.rawHttpUsages(call)) : undefined;
      if (usages) {
        found.push(...usages);
        continue;
      }
      if (!runsCommands) continue;
      for (const { at, command } of childCommands(call, this)) {
        if (command.dockerCommand) findings.cliInvocations.push({ ...this.position(at), command: command.dockerCommand });
        if (command.httpToolLine) found.push(...this.httpToolUsages(call, at, command.httpToolLine, call.getExpression().getText().replace(/^.*\./, '')));
      }
    }
    if (runsCommands && /\bzx\b/.test(text)) {
      for (const tagged of descendantsOfKind(file, SyntaxKind.TaggedTemplateExpression)) {
        const command = zxCommand(tagged, this);
        if (command?.dockerCommand) findings.cliInvocations.push({ ...this.position(tagged), command: command.dockerCommand });
        if (command?.httpToolLine) found.push(...this.httpToolUsages(tagged, tagged, command.httpToolLine, '$'));
      }
    }
    findings.usages = found.map((entry) => entry.usage);
    findings.versionSettings = text.includes('DOCKER_API_VERSION') ? this.versionSettingsIn(file) : [];
    return { findings, found };
  }

  /**
   * curl or wget run from code (`execSync('curl -s --unix-socket /var/run/docker.sock
   * http://localhost/v1.41/info')`): the command line read as a script's line, its requests placed
   * at `at`; `runner` is what ran it (`execSync`, `$`).
   */
  private httpToolUsages(runNode: Node, at: Node, line: string, runner: string): FoundUsage[] {
    const position = this.position(at);
    const scanned = scanScriptFile(position.file, line, 'shell', { index: this.options.index });
    return scanned.usages.map((usage) => ({ usage: { ...usage, ...position, via: `${usage.via} via ${runner}` }, callNode: runNode, receivesResponse: false }));
  }

  private rawHttpUsages(call: CallExpression): FoundUsage[] | undefined {
    const usages = recogniseRawHttpCall(call, this);
    this.dockerHttpCalls.set(call, usages !== undefined && usages.length > 0 ? usages[0].usage.via.split(' ')[0] : null);
    return usages;
  }

  private dockerHttpLibrary(call: CallExpression): string | null {
    if (!this.dockerHttpCalls.has(call)) this.rawHttpUsages(call);
    return this.dockerHttpCalls.get(call) ?? null;
  }

  /** `process.env.DOCKER_API_VERSION = '1.41'`, `{ DOCKER_API_VERSION: '1.41' }` in a child's env. */
  private versionSettingsIn(file: SourceFile): VersionSetting[] {
    const settings: VersionSetting[] = [];
    const record = (at: Node, valueNode: Node) => {
      const value = this.resolver.resolve(valueNode);
      const raw = value.kind === 'string' ? value.value : valueNode.getText();
      settings.push({ ...this.position(at), version: value.kind === 'string' ? parseApiVersion(value.value) : null, raw });
    };
    for (const assignment of descendantsOfKind(file, SyntaxKind.BinaryExpression)) {
      if (assignment.getOperatorToken().getKind() !== SyntaxKind.EqualsToken) continue;
      const left = assignment.getLeft().getText().replace(/\s/g, '');
      if (left === 'process.env.DOCKER_API_VERSION' || left === "process.env['DOCKER_API_VERSION']" || left === 'process.env["DOCKER_API_VERSION"]') record(assignment, assignment.getRight());
    }
    for (const property of descendantsOfKind(file, SyntaxKind.PropertyAssignment)) {
      if (property.getName().replace(/['"]/g, '') !== 'DOCKER_API_VERSION') continue;
      // `config = { DOCKER_API_VERSION: process.env.DOCKER_API_VERSION || 'v1.43' }` reads the variable into
      // a config object and sets nothing; the same in a child's `env` passes it on, with a default.
      const readsVariable = /process\.env(\.DOCKER_API_VERSION|\[['"]DOCKER_API_VERSION['"]\])/.test(property.getInitializer()!.getText());
      const inChildEnvironment = property.getParent().getParentIfKind(SyntaxKind.PropertyAssignment)?.getName() === 'env';
      if (readsVariable && !inChildEnvironment) continue;
      record(property, property.getInitializer()!);
    }
    return settings;
  }

  // ---- resolver hooks ------------------------------------------------------------

  private construct(callee: AbstractValue, args: Node[], context: ResolveContext, node: Node): AbstractValue | undefined {
    if (callee.kind !== 'module') return undefined;
    const specifier = callee.specifier.replace(/^node:/, '');
    const member = callee.member.filter((name) => name !== 'default');
    if (specifier === 'undici' && (member[0] === 'Client' || member[0] === 'Pool')) {
      const origin = args[0] ? this.resolver.resolve(args[0], context) : UNKNOWN('no origin');
      const options = args[1] ? this.resolver.resolve(args[1], context) : { kind: 'nullish' as const };
      const config: AbstractValue = { kind: 'object', properties: new Map([['origin', origin], ['options', options]]), open: false };
      return { kind: 'httpClient', library: 'undici-client', config };
    }
    if (specifier === 'undici' && member[0] === 'Agent') {
      return { kind: 'httpClient', library: 'undici-agent', config: args[0] ? this.resolver.resolve(args[0], context) : { kind: 'nullish' } };
    }
    if (specifier === 'net' && member[0] === 'Socket') return { kind: 'httpClient', library: 'net-socket', config: UNKNOWN('socket') };
    const clientClass = clientClassOfModule(callee.specifier, callee.member);
    if (!clientClass || !isEntryClass(clientClass.library, clientClass.className)) return undefined;
    const pin = this.pinFromOptions(clientClass.library, args[0], context);
    this.noteConstruction(node, { library: clientClass.library, pin: pin.pin });
    this.libraries.add(clientClass.library);
    const client: ClientObject = { library: clientClass.library, className: clientClass.className, pin: pin.pin };
    if (pin.warning) client.pinWarning = pin.warning;
    if (pin.pin === undefined && args[0]) client.pinUnknown = `the options of new ${(node as NewExpression).getExpression().getText()}(${this.resolver.describe(args[0])}) are not known here`;
    return { kind: 'client', client };
  }

  /** dockerode / docker-modem / node-docker-api: `{ version: 'v1.41' }` prefixes every path. */
  private pinFromOptions(library: ClientLibrary, optionsNode: Node | undefined, context: ResolveContext): { pin: PinInfo | null | undefined; warning?: string } {
    if (library === 'docker-node-sdk' || !optionsNode) return { pin: null };
    const options = this.resolver.resolve(optionsNode, context);
    const overriddenBy = new Set<string>();
    const versions = alternatives(options).map((option) => {
      if (option.kind === 'nullish') return null;
      if (option.kind !== 'object') return undefined;
      const version = option.properties.get('version');
      if (!version || version.kind === 'nullish') return option.open ? undefined : null;
      if (version.kind === 'string') return version.value;
      // `version: process.env.DOCKER_API_VERSION || 'v1.41'`: the version the code writes, unless the environment says another.
      const choices = alternatives(version);
      const written = choices.filter((value): value is AbstractValue & { kind: 'string' } => value.kind === 'string');
      const fromEnvironment = choices.filter((value): value is AbstractValue & { kind: 'unknown' } => value.kind === 'unknown' && value.reason.startsWith('process.env.'));
      if (written.length !== 1 || written.length + fromEnvironment.length !== choices.length) return undefined;
      for (const value of fromEnvironment) overriddenBy.add(value.reason);
      return written[0].value;
    });
    if (versions.some((version) => version === undefined)) return { pin: undefined };
    const distinct = [...new Set(versions)];
    if (distinct.length !== 1 || distinct[0] === null) return { pin: distinct.length === 1 ? null : undefined };
    const written = distinct[0]!;
    const parsed = parseApiVersion(written);
    if (!parsed) return { pin: undefined };
    if (!written.startsWith('v')) {
      // docker-modem prefixes '/' + version: '1.41' gives /1.41/..., which the daemon does not route.
      return { pin: null, warning: `version '${written}' lacks the leading v: requests go to /${written}/..., which the daemon does not route` };
    }
    const versionNode = optionsNode.getDescendantsOfKind(SyntaxKind.PropertyAssignment).find((property) => property.getName() === 'version');
    const pin: PinInfo = { version: parsed, source: 'client-option', node: versionNode ?? optionsNode };
    if (overriddenBy.size === 0) return { pin };
    return { pin, warning: `version pin ${written} unless ${[...overriddenBy].sort().join(' or ')} is set where the code runs` };
  }

  private callResult(receiver: AbstractValue | undefined, name: string | undefined, call: CallExpression, context: ResolveContext, callee: AbstractValue): AbstractValue | undefined {
    if (callee.kind === 'function' && this.helperCallSites.has(call)) return this.helperResult(call, callee.node);
    if (callee.kind === 'clientMethod') return this.methodResult({ kind: 'client', client: callee.client }, callee.name, call);
    if (receiver && name) {
      for (const option of alternatives(receiver)) {
        const result = this.methodResult(option, name, call);
        if (result) return result;
      }
    }
    if (callee.kind === 'module') {
      const specifier = callee.specifier.replace(/^node:/, '');
      const member = callee.member.filter((entry) => entry !== 'default');
      if (specifier === 'axios' && member.length === 1 && member[0] === 'create') {
        return { kind: 'httpClient', library: 'axios', config: call.getArguments()[0] ? this.resolver.resolve(call.getArguments()[0], context) : { kind: 'nullish' } };
      }
      if (specifier === 'got' && member.length === 1 && member[0] === 'extend') {
        return { kind: 'httpClient', library: 'got', config: call.getArguments()[0] ? this.resolver.resolve(call.getArguments()[0], context) : { kind: 'nullish' } };
      }
      if (specifier === 'net' && (member[0] === 'connect' || member[0] === 'createConnection')) {
        return { kind: 'httpClient', library: 'net-socket', config: call.getArguments()[0] ? this.resolver.resolve(call.getArguments()[0], context) : UNKNOWN('socket') };
      }
    }
    const library = this.dockerHttpLibrary(call);
    if (library !== null) return { kind: 'httpClient', library: `${this.httpLibraryOf(callee, receiver, library)}-response`, config: { kind: 'response', responseOf: { call }, path: [] } };
    return undefined;
  }

  /**
   * What a call of a request helper returns: the decoded response (`getJson` returns
   * `res.json()`), or the library's response object when the helper hands on the request's
   * result as it is (`return fetch(url, ...)`), whose `.ok` and `.status` are no Engine fields.
   */
  private helperResult(call: CallExpression, helper: Node): AbstractValue {
    const response: AbstractValue = { kind: 'response', responseOf: { call }, path: [] };
    const request = this.helperCallSites.get(call);
    if (!request || !returnsResultOf(helper, request)) return response;
    const libraryResponse = alternatives(this.resolver.resolve(request)).find((option) => option.kind === 'httpClient' && option.library.endsWith('-response'));
    return libraryResponse?.kind === 'httpClient' ? { kind: 'httpClient', library: libraryResponse.library, config: response } : response;
  }

  private httpLibraryOf(callee: AbstractValue, receiver: AbstractValue | undefined, recognised: string): string {
    if (callee.kind === 'module') return callee.specifier === 'undici' ? 'undici' : callee.specifier;
    if (receiver?.kind === 'module') return receiver.specifier;
    if (receiver?.kind === 'httpClient') return receiver.library === 'undici-client' ? 'undici' : receiver.library;
    // A client the callers hand in (`api.get(path)` with `api` a parameter): the library the request was recognised as.
    if (receiver?.kind === 'unknown' && (recognised === 'axios' || recognised === 'got')) return recognised;
    return 'fetch';
  }

  /** What a client method call returns: another client object, or its response. */
  private methodResult(receiver: AbstractValue, name: string, call: CallExpression): AbstractValue | undefined {
    if (receiver.kind === 'httpClient') return this.httpResponseMethod(receiver, name);
    let client: ClientObject | undefined;
    if (receiver.kind === 'client') client = receiver.client;
    if (receiver.kind === 'module') {
      const clientClass = clientClassOfModule(receiver.specifier, receiver.member);
      // Static factories: `DockerClient.fromDockerConfig()`.
      if (clientClass) client = { ...clientClass, pin: null };
    }
    if (!client) return undefined;
    const method = clientMethod(client.library, client.className, name);
    if (!method) return undefined;
    if (method.className === 'Modem' && method.name === 'dial') return { kind: 'response', responseOf: { call }, path: [] };
    if (method.result.kind === 'object') {
      const origin = method.requests.length > 0 ? { responseOf: { call }, path: method.result.array ? ['[*]'] : [] } : client.origin;
      const object: AbstractValue = {
        kind: 'client',
        client: { library: client.library, className: method.result.className, pin: client.pin, ...pinNotes(client), ...(origin ? { origin } : {}) },
      };
      return method.result.array ? { kind: 'array', elements: [object], open: true } : object;
    }
    if (isDockerodeRun(method)) {
      // run resolves [waitResponse, container] (dockerode/lib/docker.js, run).
      const container: AbstractValue = { kind: 'client', client: { library: client.library, className: 'Container', pin: client.pin } };
      return { kind: 'array', elements: [{ kind: 'response', responseOf: { call }, path: [] }, container], open: false };
    }
    if (method.result.kind === 'response') return { kind: 'response', responseOf: { call }, path: [] };
    if (method.result.kind === 'stream') {
      // stats({ stream: false }) and similar resolve one decoded document instead of a stream;
      // @docker/node-sdk's systemEvents yields decoded documents (iterationValue).
      if (method.result.decoded || this.requestsNoStream(call, method.optionsArg)) return { kind: 'response', responseOf: { call }, path: [] };
      // The body as it arrives: JSON.parse of its chunks or lines gives documents of the response.
      return { kind: 'response', responseOf: { call }, path: [], encoded: true };
    }
    return UNKNOWN(`${method.className}.${method.name} result`);
  }

  private requestsNoStream(call: CallExpression, optionsArg: number | null): boolean {
    const node = optionsArg === null ? undefined : call.getArguments()[optionsArg];
    if (!node) return false;
    return alternatives(this.resolver.resolve(node)).some((option) => {
      const stream = option.kind === 'object' ? option.properties.get('stream') : undefined;
      return stream?.kind === 'boolean' && !stream.value;
    });
  }

  /** `res.json()` of fetch, `got(...).json()`, undici `body.json()`. */
  private httpResponseMethod(receiver: AbstractValue & { kind: 'httpClient' }, name: string): AbstractValue | undefined {
    if (!receiver.library.endsWith('-response') && receiver.library !== 'undici-body') return undefined;
    if (name === 'json' && receiver.config.kind === 'response') return receiver.config;
    return undefined;
  }

  private member(value: AbstractValue, name: string): AbstractValue | undefined {
    if (value.kind === 'client') {
      // node-docker-api objects carry the decoded response of the request that made them in `.data`.
      if (name === 'data' && value.client.library === 'node-docker-api' && value.client.origin) {
        return { kind: 'response', responseOf: value.client.origin.responseOf, path: value.client.origin.path };
      }
      const className = clientProperty(value.client.library, value.client.className, name);
      if (className) return { kind: 'client', client: { library: value.client.library, className, pin: value.client.pin, ...pinNotes(value.client) } };
      if (clientMethod(value.client.library, value.client.className, name)) return { kind: 'clientMethod', client: value.client, name };
      return undefined;
    }
    if (value.kind !== 'httpClient') return undefined;
    if (value.library === 'axios-response' && name === 'data') return value.config;
    if (value.library === 'got-response' && name === 'body') return value.config;
    if (value.library === 'undici-response' && name === 'body') return { kind: 'httpClient', library: 'undici-body', config: value.config };
    return undefined;
  }

  private environment(name: string): AbstractValue | undefined {
    if (name === 'DOCKER_API_VERSION' && this.options.environmentApiVersion) return { kind: 'string', value: `v${this.options.environmentApiVersion}` };
    return UNKNOWN(`process.env.${name}`);
  }

  /**
   * `function stop(docker, container)`: in a project that uses a client library, an
   * untyped parameter named like a client object is taken for one; its version is
   * the one the project's constructions agree on.
   */
  private parameterByName(name: string): AbstractValue | undefined {
    const className = classFromReceiverName(name);
    if (!className) return undefined;
    const library = this.librariesInUse().find((candidate) => hasClientClass(candidate, className));
    if (!library) return undefined;
    return { kind: 'client', client: { library, className, pin: unknownPinOf(library) } };
  }

  private instanceOfType(specifier: string, member: string[]): AbstractValue | undefined {
    const clientClass = clientClassOfModule(specifier, member);
    if (!clientClass) return undefined;
    this.libraries.add(clientClass.library);
    return { kind: 'client', client: { ...clientClass, pin: unknownPinOf(clientClass.library) } };
  }

  /**
   * `container.inspect((err, data) => data.State)`: the callback's second parameter is
   * the result; dockerode's run calls back (err, data, container).
   */
  private callbackParameter(call: CallExpression, functionNode: Node, index: number): AbstractValue | undefined {
    const args = call.getArguments();
    if (args[args.length - 1] !== functionNode || (index !== 1 && index !== 2)) return undefined;
    // `request(options, (err, res, body) => ...)`: the body, decoded when the options ask for JSON.
    if (index === 2 && REQUEST_PACKAGES.has(this.dockerHttpLibrary(call) ?? '')) {
      // `json: true`, or `json: body` (which also sends the body as JSON).
      const json = alternatives(this.resolver.resolve(args[0])).some((option) => {
        const flag = option.kind === 'object' ? option.properties.get('json') : undefined;
        return flag !== undefined && ((flag.kind === 'boolean' && flag.value) || flag.kind === 'object');
      });
      return { kind: 'response', responseOf: { call }, path: [], ...(json ? {} : { encoded: true }) };
    }
    const callee = call.getExpression();
    if (!Node.isPropertyAccessExpression(callee)) return undefined;
    const receiver = this.resolver.resolve(callee.getExpression());
    for (const option of alternatives(receiver)) {
      const result = this.methodResult(option, callee.getName(), call);
      if (!result) continue;
      if (result.kind === 'array' && !result.open) return result.elements[index - 1];
      return index === 1 ? result : undefined;
    }
    return undefined;
  }

  /** A construction resolved again in a later round replaces what an earlier round knew of it. */
  private noteConstruction(node: Node, construction: Construction): void {
    const known = this.constructions.get(node);
    if (!known || known.round < this.round) this.constructions.set(node, { round: this.round, found: [construction] });
    else known.found.push(construction);
  }

  // ---- after the calls ---------------------------------------------------------

  /**
   * A client traced only by its type or name speaks the version the project's
   * constructions agree on; when they disagree, it stays unknown.
   */
  private applyDefaultPins(found: FoundUsage[]): void {
    const constructions = [...this.constructions.values()].flatMap((entry) => entry.found);
    for (const entry of found) {
      const dynamicIndex = entry.usage.dynamic.findIndex((text) => text.startsWith('version pin:'));
      if (dynamicIndex === -1) continue;
      const library = entry.usage.client === 'docker-modem' ? 'dockerode' : (entry.usage.client as ClientLibrary);
      const pins = new Set(constructions.filter((construction) => construction.library === library).map((construction) => pinKey(construction.pin)));
      if (pins.size !== 1 || pins.has('unknown')) continue;
      const only = constructions.find((construction) => construction.library === library)!;
      entry.usage.pin = only.pin ? { version: only.pin.version, source: only.pin.source, ...(only.pin.node ? { at: this.position(only.pin.node) } : {}) } : null;
      entry.usage.dynamic.splice(dynamicIndex, 1);
    }
  }

  /**
   * Response fields read in the functions that made the requests: property chains and
   * destructurings (`info.State.Health`, `const { Id } = await c.inspect()`). A read counts
   * only in the function of its request (or the callbacks inside it), so only those are walked.
   */
  private collectResponseReads(requestCalls: Node[]): Map<Node, Set<string>> {
    const reads = new Map<Node, Set<string>>();
    const scopesOf = new Map(requestCalls.map((call) => [call, this.scopesReceiving(call)]));
    const record = (value: AbstractValue, readAt: Node) => {
      for (const option of alternatives(value)) {
        if (option.kind !== 'response' || option.path.length === 0) continue;
        const ancestors = readAt.getAncestors();
        if (!(scopesOf.get(option.responseOf.call) ?? [requestScope(option.responseOf.call)]).some((scope) => ancestors.includes(scope))) continue;
        const field = option.path.map((segment) => (segment === '[*]' ? '[]' : segment)).join('.').replace(/\.\[\]/g, '[]');
        const set = reads.get(option.responseOf.call) ?? new Set<string>();
        set.add(field);
        reads.set(option.responseOf.call, set);
      }
    };
    const scopes = new Set([...scopesOf.values()].flat());
    for (const scope of scopes) {
      // A scope inside another walked scope is walked with it.
      if (scope.getAncestors().some((ancestor) => scopes.has(ancestor))) continue;
      // The walk follows the parse tree (forEachChild). getDescendants() also lists tokens
      // through TypeScript's getChildren(), which fails a Debug assertion on some broken code
      // ("Did not expect CaseBlock to have an Identifier in its trivia") and crashed the scan.
      const candidates = compilerNodesUnder(scope.compilerNode, (node): node is ts.Node => ts.isPropertyAccessExpression(node) || ts.isElementAccessExpression(node) || (ts.isBindingElement(node) && ts.isIdentifier(node.name)) || isKeyTest(node) || isLodashRead(node));
      for (const node of candidates.map((candidate) => wrapCompilerNode(scope, candidate))) {
        if (Node.isBindingElement(node)) record(this.resolver.resolve(node.getNameNode()), node);
        else if (Node.isCallExpression(node)) {
          const lodash = lodashFunction(this.resolver.resolve(node.getExpression()));
          const read = lodash && this.resolver.lodashRead(lodash, node.getArguments(), ROOT_CONTEXT);
          if (read) record(read, node);
        }
        // `'ImageID' in info[0]` asks for that field as much as reading it does.
        else if (Node.isBinaryExpression(node)) record(this.resolver.memberOf(this.resolver.resolve(node.getRight()), (node.getLeft().compilerNode as ts.StringLiteralLike).text, ROOT_CONTEXT), node);
        else if (isOutermostAccess(node) && !isAssignedTo(node)) record(trimMethodCall(node, this.resolver.resolve(node)), node);
      }
    }
    return reads;
  }

  /**
   * The functions where a request's result is read: the one that makes it and, when that function
   * returns the result as it is (`inspect(id) { return this.docker.getContainer(id).inspect() }`),
   * its callers (`const info = await this.inspect(id)`), two levels up.
   */
  private scopesReceiving(call: Node): Node[] {
    const scopes = [requestScope(call)];
    let frontier = [{ scope: scopes[0], result: call }];
    for (let level = 0; level < RESULT_RETURN_LEVELS && frontier.length > 0; level++) {
      const next: typeof frontier = [];
      for (const { scope, result } of frontier) {
        if (!isFunctionLike(scope) || !Node.isCallExpression(result) || !returnsResultOf(scope, result)) continue;
        for (const caller of this.callersOf(scope).slice(0, MAX_CALLERS)) {
          const callerScope = requestScope(caller);
          // Walked for reads only where the result is kept or read; returned, it is read a level up.
          if (keepsResult(caller) && !scopes.includes(callerScope)) scopes.push(callerScope);
          next.push({ scope: callerScope, result: caller });
        }
      }
      frontier = next;
    }
    return scopes;
  }
}

/**
 * Whether a function returns what a call in it evaluates to, unchanged: `=> fetch(url)`,
 * `return await client.get(url)`, `const res = await fetch(url); return res`.
 */
function returnsResultOf(functionNode: Node, call: CallExpression): boolean {
  const target = call.compilerNode;
  const isTheCall = (expression: ts.Expression | undefined): boolean => {
    const inner = expression && innermostExpression(expression);
    if (inner === target) return true;
    if (!inner || !ts.isIdentifier(inner)) return false;
    // A name holding the call's result: `const res = await fetch(url)`.
    const declaration = declarationOf(inner);
    return declaration !== undefined && ts.isVariableDeclaration(declaration) && declaration.initializer !== undefined && innermostExpression(declaration.initializer) === target;
  };
  const body = (functionNode.compilerNode as ts.FunctionLikeDeclaration).body;
  if (!body) return false;
  if (!ts.isBlock(body)) return isTheCall(body);
  let returns = false;
  const visit = (node: ts.Node): void => {
    if (returns || ts.isFunctionLike(node)) return;
    if (ts.isReturnStatement(node) && isTheCall(node.expression)) returns = true;
    else ts.forEachChild(node, visit);
  };
  ts.forEachChild(body, visit);
  return returns;
}

/** `const info = await inspect(id)`, `(await inspect(id)).State`: the caller keeps or reads the result itself. */
function keepsResult(call: Node): boolean {
  const node = outermostWrapper(call.compilerNode);
  const parent = node.parent;
  if (ts.isVariableDeclaration(parent)) return parent.initializer === node;
  if (ts.isPropertyAccessExpression(parent) || ts.isElementAccessExpression(parent)) return parent.expression === node;
  return ts.isBinaryExpression(parent) && parent.operatorToken.kind === ts.SyntaxKind.EqualsToken && parent.right === node;
}

/**
 * The function a request belongs to: callbacks passed as arguments (`.then(() => ...)`) and
 * promise executors (`new Promise((resolve) => ...)`) count as their caller.
 */
function requestScope(call: Node): Node {
  let scope = call.getFirstAncestor(isFunctionLike);
  while (scope && (Node.isArrowFunction(scope) || Node.isFunctionExpression(scope)) && (Node.isCallExpression(scope.getParent()) || Node.isNewExpression(scope.getParent()))) {
    scope = scope.getFirstAncestor(isFunctionLike);
  }
  return scope ?? call.getSourceFile();
}

/** What a client's derived objects (`docker.getContainer(id)`) keep of what was said about its pin. */
function pinNotes(client: ClientObject): Pick<ClientObject, 'pinWarning' | 'pinUnknown'> {
  return { ...(client.pinWarning ? { pinWarning: client.pinWarning } : {}), ...(client.pinUnknown ? { pinUnknown: client.pinUnknown } : {}) };
}

/** A client traced only by type or name: its pin is unknown, except where the library cannot pin at all. */
function unknownPinOf(library: ClientLibrary): null | undefined {
  return library === 'docker-node-sdk' ? null : undefined;
}

function isDockerodeRun(method: { className: string; name: string; source: string }): boolean {
  return method.className === 'Docker' && method.name === 'run' && method.source.startsWith('dockerode/');
}

/** `_.get(info, 'Config.Env')`, `_.map(volumes.Volumes, 'Name')`: reads by a path written as text. */
function isLodashRead(node: ts.Node): node is ts.CallExpression {
  if (!ts.isCallExpression(node) || node.arguments.length < 2) return false;
  const name = ts.isPropertyAccessExpression(node.expression) ? node.expression.name.text : ts.isIdentifier(node.expression) ? node.expression.text : undefined;
  const path = node.arguments[1];
  return name !== undefined && LODASH_READS.has(name) && (ts.isStringLiteralLike(path) || ts.isArrayLiteralExpression(path));
}

/** `'Health' in state`: a test for a field by a literal name. */
function isKeyTest(node: ts.Node): node is ts.BinaryExpression {
  return ts.isBinaryExpression(node) && node.operatorToken.kind === ts.SyntaxKind.InKeyword && ts.isStringLiteralLike(node.left);
}

/** `spec.TaskTemplate.ContainerSpec.Image = image`: written, not read. */
function isAssignedTo(node: Node): boolean {
  const parent = node.getParent();
  return parent !== undefined && Node.isBinaryExpression(parent) && parent.getLeft() === node && parent.getOperatorToken().getKind() === SyntaxKind.EqualsToken;
}

function isOutermostAccess(node: Node): boolean {
  const parent = node.getParent();
  if (!parent) return true;
  if ((Node.isPropertyAccessExpression(parent) || Node.isElementAccessExpression(parent)) && parent.getExpression() === node) return false;
  if (Node.isNonNullExpression(parent)) return isOutermostAccess(parent);
  return true;
}

const VALUE_METHODS = new Set([
  'map', 'filter', 'forEach', 'find', 'some', 'every', 'includes', 'indexOf', 'join', 'slice', 'toString', 'startsWith', 'endsWith',
  'split', 'replace', 'trim', 'toLowerCase', 'toUpperCase', 'length', 'keys', 'values', 'entries', 'reduce', 'flatMap', 'sort', 'concat', 'at', 'then', 'catch',
  'padStart', 'padEnd', 'trimStart', 'trimEnd', 'replaceAll', 'substring', 'charAt', 'match', 'localeCompare', 'toFixed', 'toLocaleString', 'valueOf',
  // Streams (logs, attach, events): their methods are not response fields.
  'on', 'once', 'off', 'pipe', 'destroy', 'removeListener', 'resume', 'pause', 'setEncoding', 'read',
]);

/** `info.Names.join(',')` reads `Names`, not `Names.join`; `stream.on(...)` reads nothing. */
function trimMethodCall(node: Node, value: AbstractValue): AbstractValue {
  if (value.kind === 'oneOf') return { kind: 'oneOf', options: value.options.map((option) => trimMethodCall(node, option)) };
  if (value.kind !== 'response' || value.path.length === 0) return value;
  const last = value.path[value.path.length - 1];
  const parent = node.getParent();
  const isCallee = parent !== undefined && Node.isCallExpression(parent) && parent.getExpression() === node;
  if ((isCallee || last === 'length') && VALUE_METHODS.has(last)) return { ...value, path: value.path.slice(0, -1) };
  return value;
}

/** Module specifiers of import declarations and `require('...')` calls, by text for requires. */
function importedSpecifiersOf(file: SourceFile): string[] {
  const specifiers: string[] = [];
  for (const declaration of file.getImportDeclarations()) {
    // Code cut short (`import {` at the end of a file) parses with a specifier that is not a
    // string literal, and getModuleSpecifier[Value]() throw on it: such an import names nothing.
    const specifier = declaration.getNodeProperty('moduleSpecifier');
    if (Node.isStringLiteral(specifier)) specifiers.push(specifier.getLiteralValue());
  }
  specifiers.push(...requiredSpecifiers(file.getFullText()));
  return specifiers;
}

/**
 * The path findings give, computed as discoverFiles computes `DiscoveredFile.path`, so that a
 * file outside the working directory (`scan ../lib`) is `../lib/x.ts` in usages as in notes
 * and script findings, never an absolute path.
 */
export function relativePath(root: string, absolute: string): string {
  return relative(root, absolute).split(sep).join('/');
}


/** `list.push(x)`, `logger.info(...)`: a method no client or HTTP library has cannot send a request. */
function mayCallEngine(call: ts.CallExpression): boolean {
  const expression = call.expression;
  if (!ts.isPropertyAccessExpression(expression)) return true;
  const name = expression.name.text;
  return isClientMethodName(name) || isHttpMethodName(name);
}

const compilerCallsByFile = new WeakMap<SourceFile, ts.CallExpression[]>();

/** The calls of a file as compiler nodes, listed once: several passes filter them before wrapping any. */
function compilerCallsIn(file: SourceFile): ts.CallExpression[] {
  let calls = compilerCallsByFile.get(file);
  if (!calls) {
    calls = compilerNodesUnder(file.compilerNode, ts.isCallExpression);
    compilerCallsByFile.set(file, calls);
  }
  return calls;
}

function callsIn(file: SourceFile): CallExpression[] {
  return compilerCallsIn(file).map((call) => wrapCompilerNode(file, call) as CallExpression);
}

/** The scanned files a file imports (`import`, `export ... from`, `require()` of a path). */
function importedSourceFiles(file: SourceFile, scannedPaths: ReadonlySet<string>): SourceFile[] {
  const targets: SourceFile[] = [];
  for (const declaration of [...file.getImportDeclarations(), ...file.getExportDeclarations()]) {
    // Broken code (`import { x } from` at the end of a file) has no string specifier, and ts-morph throws on it.
    if (!Node.isStringLiteral(declaration.getNodeProperty('moduleSpecifier') ?? declaration)) continue;
    const target = declaration.getModuleSpecifierSourceFile();
    if (target) targets.push(target);
  }
  for (const specifier of requiredSpecifiers(file.getFullText())) {
    const path = specifier.startsWith('.') ? resolveRelativeImport(file.getFilePath(), specifier, scannedPaths) : undefined;
    const target = path === undefined ? undefined : file.getProject().getSourceFile(path);
    if (target) targets.push(target);
  }
  return targets;
}

/** A call of the index, wrapped only when it is a candidate. */
interface IndexedCall {
  file: SourceFile;
  compilerCall: ts.CallExpression;
}

/** Index keys for calls whose callee is a default import (any local name) or not a plain name. */
const DEFAULT_IMPORT = '[default import]';
const OTHER_CALLEE = '[other callee]';

/**
 * The scanned calls by the name they call: `request(...)` and `api.request(...)` under
 * `request`; also under the exported name when imported with another
 * (`import { request as send }`), and under DEFAULT_IMPORT when the name is a default
 * import or a `require()` of a whole module.
 */
function indexCallsByName(files: SourceFile[], index: Map<string, IndexedCall[]>): void {
  const add = (name: string, call: IndexedCall) => {
    const list = index.get(name) ?? [];
    list.push(call);
    index.set(name, list);
  };
  for (const file of files) {
    const { originalNames, defaultImports } = importedNamesOf(file);
    for (const compilerCall of compilerCallsIn(file)) {
      const call = { file, compilerCall };
      const name = calledName(compilerCall.expression);
      if (name === undefined) {
        add(OTHER_CALLEE, call);
        continue;
      }
      add(name, call);
      for (const original of originalNames.get(name) ?? []) add(original, call);
      if (defaultImports.has(name)) add(DEFAULT_IMPORT, call);
    }
  }
}

/** Read from the compiler node: this runs on every call of the project. */
function calledName(expression: ts.Expression): string | undefined {
  if (ts.isIdentifier(expression)) return expression.text;
  if (ts.isPropertyAccessExpression(expression)) return expression.name.text;
  if (ts.isElementAccessExpression(expression) && ts.isStringLiteral(expression.argumentExpression)) return expression.argumentExpression.text;
  if (ts.isParenthesizedExpression(expression) || ts.isNonNullExpression(expression)) return calledName(expression.expression);
  return undefined;
}

/** Local names that stand for other exported names (`{ a as b }`, `{ a: b } = require()`), and whole-module imports. */
function importedNamesOf(file: SourceFile): { originalNames: Map<string, string[]>; defaultImports: Set<string> } {
  const originalNames = new Map<string, string[]>();
  const defaultImports = new Set<string>();
  const alias = (local: string, original: string) => {
    if (local !== original) originalNames.set(local, [...(originalNames.get(local) ?? []), original]);
  };
  for (const declaration of file.getImportDeclarations()) {
    const defaultImport = declaration.getDefaultImport();
    if (defaultImport) defaultImports.add(defaultImport.getText());
    for (const named of declaration.getNamedImports()) alias(named.getAliasNode()?.getText() ?? named.getName(), named.getName());
  }
  if (!/\b(require|import)\s*\(/.test(file.getFullText())) return { originalNames, defaultImports };
  for (const declaration of descendantsOfKind(file, SyntaxKind.VariableDeclaration)) {
    const initializer = declaration.getInitializer();
    if (!initializer || !/^(await\s+)?(require|import)\s*\(/.test(initializer.getText())) continue;
    const nameNode = declaration.getNameNode();
    if (Node.isIdentifier(nameNode)) defaultImports.add(nameNode.getText());
    else if (Node.isObjectBindingPattern(nameNode)) {
      for (const element of nameNode.getElements()) {
        const property = element.getPropertyNameNode()?.getText();
        if (property) alias(element.getName(), property);
      }
    }
  }
  return { originalNames, defaultImports };
}

/**
 * The names a function is called by (`function get()`, `const get = () => ...`,
 * `get: function ()`, `exports.get = ...`), or undefined when it has none we can
 * read (`memoize(() => ...)`): then every call is a candidate.
 */
function namesOfFunction(functionNode: Node): string[] | undefined {
  const names: string[] = [];
  const own = (functionNode as { getName?(): string | undefined }).getName?.();
  if (own) names.push(own);
  const parent = functionNode.getParent();
  // A callback passed to a call is called by that function, not by a call-site in the code.
  if (parent && (Node.isCallExpression(parent) || Node.isNewExpression(parent)) && parent.getArguments().includes(functionNode)) return [];
  if (parent && (Node.isVariableDeclaration(parent) || Node.isPropertyAssignment(parent) || Node.isPropertyDeclaration(parent))) names.push(parent.getName());
  else if (parent && Node.isBinaryExpression(parent) && parent.getRight() === functionNode) {
    const name = calledName(parent.getLeft().compilerNode as ts.Expression);
    if (name) names.push(name);
  } else if (parent && Node.isExportAssignment(parent)) return [];
  else if (!own) return undefined;
  return names;
}
