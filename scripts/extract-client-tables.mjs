#!/usr/bin/env node
/**
 * Extracts the client method tables (src/analyser/clients/*MethodTable.ts) from
 * the installed client libraries' own source:
 *
 *   - dockerode            node_modules/dockerode/lib/*.js          `X.prototype.m = function` + modem.dial({...})
 *   - node-docker-api      node_modules/node-docker-api/lib/*.js    ES classes + this.modem.dial(call)
 *   - @docker/node-sdk     node_modules/@docker/node-sdk/lib/docker-client.ts   this.api.<verb>(uri, params, data, headers)
 *
 * How options reach the wire is read from the HTTP layer each library dials
 * through (docker-modem's dial(), node-sdk's HTTPClient), and the script fails
 * if that code no longer has the shape the rules below assume.
 * Path expressions become Swagger path templates, parameter names as the
 * newest spec having the path spells them (specs: --spec-dir, else
 * $DOCKER_API_COMPAT_SPEC_DIR, else ../shared/docker-engine-api from the repo root).
 *
 * Usage: node scripts/extract-client-tables.mjs [--out-dir DIR] [--spec-dir DIR] [--check] [--quiet]
 *   --out-dir  where to write the three table files (default src/analyser/clients)
 *   --check    write nothing; exit 1 if the committed files differ from a fresh extraction
 *
 * Behaviour that is not a single dial (Docker.run, pull, buildImage's BuildKit
 * session, followProgress...) comes from the explicit overlays below; each one
 * checks that the dockerode source still reads the way the overlay assumes.
 */
import { existsSync, mkdirSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import SwaggerParser from '@apidevtools/swagger-parser';
import { Node, Project, SyntaxKind } from 'ts-morph';

const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const NODE_MODULES = path.join(REPO_ROOT, 'node_modules');
const DEFAULT_OUT_DIR = path.join(REPO_ROOT, 'src', 'analyser', 'clients');
const HTTP_METHODS = ['GET', 'POST', 'PUT', 'DELETE', 'HEAD'];

export const TABLE_FILES = {
  dockerode: 'dockerodeMethodTable.ts',
  nodeDockerApi: 'nodeDockerApiMethodTable.ts',
  dockerNodeSdk: 'dockerNodeSdkMethodTable.ts',
};

// ---------------------------------------------------------------------------
// Small helpers

class ExtractionError extends Error {}

function fail(message) {
  throw new ExtractionError(message);
}

function sortedUnique(values) {
  return [...new Set(values)].sort();
}

function nonEmpty(array) {
  return array && array.length > 0 ? array : undefined;
}

function nonEmptyRecord(record) {
  return record && Object.keys(record).length > 0 ? record : undefined;
}

/** 'dockerode/lib/docker.js:44' style provenance. */
function provenance(node) {
  const file = path.relative(NODE_MODULES, node.getSourceFile().getFilePath()).split(path.sep).join('/');
  return `${file}:${node.getStartLineNumber()}`;
}

function readPackageVersion(packageDir) {
  return JSON.parse(readFileSync(path.join(packageDir, 'package.json'), 'utf8')).version;
}

/** Node's lookup for a dependency of `packageDir`: its own node_modules first, then the top level. */
function dependencyDir(packageDir, dependency) {
  const nested = path.join(packageDir, 'node_modules', dependency);
  return existsSync(nested) ? nested : path.join(NODE_MODULES, dependency);
}

function stringValue(node) {
  if (node && (Node.isStringLiteral(node) || Node.isNoSubstitutionTemplateLiteral(node))) return node.getLiteralValue();
  return undefined;
}

/** Properties of an object literal by name (shorthand `{ path }` maps to its identifier). */
function objectLiteralProperties(objectLiteral) {
  const properties = new Map();
  for (const property of objectLiteral.getProperties()) {
    if (Node.isPropertyAssignment(property)) {
      const nameNode = property.getNameNode();
      const name = stringValue(nameNode) ?? nameNode.getText();
      properties.set(name, property.getInitializerOrThrow());
    } else if (Node.isShorthandPropertyAssignment(property)) {
      properties.set(property.getName(), property.getNameNode());
    }
  }
  return properties;
}

function descendantCalls(node, calleePattern) {
  return node
    .getDescendantsOfKind(SyntaxKind.CallExpression)
    .filter((call) => calleePattern.test(call.getExpression().getText()));
}

/** `a = b` assignments whose left side is a property access, with the left side's text. */
function propertyAssignments(node) {
  return node
    .getDescendantsOfKind(SyntaxKind.BinaryExpression)
    .filter((binary) => binary.getOperatorToken().getKind() === SyntaxKind.EqualsToken)
    .filter((binary) => Node.isPropertyAccessExpression(binary.getLeft()))
    .map((binary) => ({ left: binary.getLeft(), right: binary.getRight(), node: binary }));
}

/** The source conditions (enclosing if statements, inside `within`) under which `node` runs. */
function enclosingConditions(node, within) {
  const conditions = [];
  let child = node;
  for (let parent = node.getParent(); parent && parent !== within; parent = parent.getParent()) {
    if (Node.isIfStatement(parent)) {
      const condition = parent.getExpression().getText();
      conditions.unshift(parent.getThenStatement() === child ? condition : `!(${condition})`);
    }
    child = parent;
  }
  return conditions.length > 0 ? conditions.join(' && ') : undefined;
}

function newProject() {
  return new Project({
    compilerOptions: { allowJs: true },
    skipAddingFilesFromTsConfig: true,
    skipFileDependencyResolution: true,
  });
}

// ---------------------------------------------------------------------------
// Spec index: which path templates (and methods) exist in which API version

async function loadSpecIndex(specDir) {
  if (!existsSync(specDir)) fail(`spec directory not found: ${specDir} (set DOCKER_API_COMPAT_SPEC_DIR or pass --spec-dir)`);
  const files = readdirSync(specDir).filter((file) => /^v\d+\.\d+\.yaml$/.test(file));
  if (files.length === 0) fail(`no v*.yaml specs in ${specDir}`);
  const versions = [];
  for (const file of files) {
    const [major, minor] = file.slice(1, -'.yaml'.length).split('.').map(Number);
    // swagger-parser (js-yaml underneath) accepts the multi-line quoted scalars of v1.25-v1.38 that the strict `yaml` package rejects
    const spec = await SwaggerParser.parse(path.join(specDir, file));
    const templates = Object.entries(spec.paths ?? {}).map(([template, item]) => {
      const queryParams = new Map();
      for (const [key, operation] of Object.entries(item)) {
        const method = key.toUpperCase();
        if (!HTTP_METHODS.includes(method)) continue;
        const parameters = [...(item.parameters ?? []), ...(operation.parameters ?? [])];
        queryParams.set(method, new Set(parameters.filter((parameter) => parameter.in === 'query').map((parameter) => parameter.name)));
      }
      return { template, segments: splitPathSegments(template), methods: new Set(queryParams.keys()), queryParams };
    });
    versions.push({ name: `v${major}.${minor}`, major, minor, templates });
  }
  versions.sort((a, b) => b.major - a.major || b.minor - a.minor);
  return {
    versions,
    range: `${versions.at(-1).name}..${versions[0].name}`,
  };
}

function splitPathSegments(template) {
  return template
    .split('/')
    .slice(1)
    .map((segment) => (/^\{[^}]+\}$/.test(segment) ? { param: segment.slice(1, -1) } : { literal: segment }));
}

function segmentsMatch(specSegments, extractedSegments) {
  return (
    specSegments.length === extractedSegments.length &&
    specSegments.every((specSegment, i) =>
      specSegment.param !== undefined
        ? extractedSegments[i].param !== undefined
        : extractedSegments[i].literal === specSegment.literal,
    )
  );
}

/**
 * Names an extracted path (literal segments + dynamic segments with a hint name)
 * the way the newest spec having it does; flags method+path pairs no spec has.
 * Also returns the endpoint's query parameter names over all versions, used to
 * tell query from body among the keys a library adds to a 'query+body' request.
 */
function resolveSpecPath(specIndex, extractedSegments, method) {
  const hinted = '/' + extractedSegments.map((s) => (s.param !== undefined ? `{${s.param}}` : s.literal)).join('/');
  let newestWithMethod;
  let newestWithPath;
  const queryParams = new Set();
  for (const version of specIndex.versions) {
    for (const candidate of version.templates) {
      if (!segmentsMatch(candidate.segments, extractedSegments)) continue;
      if (candidate.methods.has(method)) {
        newestWithMethod ??= candidate;
        for (const name of candidate.queryParams.get(method)) queryParams.add(name);
      }
      newestWithPath ??= { version, candidate };
    }
  }
  if (newestWithMethod) return { path: newestWithMethod.template, queryParams };
  if (newestWithPath) {
    const { version, candidate } = newestWithPath;
    const methods = [...candidate.methods].sort().join(', ');
    return {
      path: candidate.template,
      queryParams,
      notInSpec: `no spec version (${specIndex.range}) defines ${method} ${candidate.template}; ${version.name} has it for ${methods} only`,
    };
  }
  return { path: hinted, queryParams, notInSpec: `no spec version (${specIndex.range}) has this path` };
}

/**
 * Files keys the library adds itself under fixedQuery or fixedBody. On a
 * 'query+body' request they travel both ways; list each where the spec
 * expects it (query parameter of the endpoint in any version, else body).
 */
function splitFixedKeys(keys, placement, queryParams) {
  const fixedQuery = [];
  const fixedBody = [];
  for (const key of keys) {
    if (placement === 'body' || (placement === 'query+body' && !queryParams.has(key))) fixedBody.push(key);
    else fixedQuery.push(key);
  }
  return { fixedQuery: nonEmpty(sortedUnique(fixedQuery)), fixedBody: nonEmpty(sortedUnique(fixedBody)) };
}

// ---------------------------------------------------------------------------
// Path expressions: '/containers/' + this.id + '/start?'  or  `/exec/${id}/start`

/** Flattens a path expression into literal text and dynamic expressions. */
function pathParts(expression) {
  if (Node.isParenthesizedExpression(expression)) return pathParts(expression.getExpression());
  const literal = stringValue(expression);
  if (literal !== undefined) return [{ text: literal }];
  if (Node.isTemplateExpression(expression)) {
    const parts = [{ text: expression.getHead().getLiteralText() }];
    for (const span of expression.getTemplateSpans()) {
      parts.push({ expression: span.getExpression() }, { text: span.getLiteral().getLiteralText() });
    }
    return parts;
  }
  if (Node.isBinaryExpression(expression) && expression.getOperatorToken().getKind() === SyntaxKind.PlusToken) {
    return [...pathParts(expression.getLeft()), ...pathParts(expression.getRight())];
  }
  return [{ expression }];
}

/** The name a dynamic segment suggests: this.id -> id, checkpoint -> checkpoint. */
function hintName(expression) {
  if (Node.isPropertyAccessExpression(expression)) return expression.getName();
  if (Node.isIdentifier(expression)) return expression.getText();
  return 'param';
}

/**
 * Splits a path expression into path segments, whether it has a '?' (which
 * makes docker-modem append the options as a query string), and the query
 * parameters written inline into the URL (`?path=${opts.path}&`).
 */
function parsePathExpression(expression) {
  const parts = pathParts(expression);
  const marker = (i) => `\u0000${i}\u0000`;
  let text = '';
  parts.forEach((part, i) => {
    text += part.text ?? marker(i);
  });
  const questionMark = text.indexOf('?');
  const pathText = questionMark === -1 ? text : text.slice(0, questionMark);
  const queryText = questionMark === -1 ? '' : text.slice(questionMark + 1);
  const segments = pathText
    .split('/')
    .slice(1)
    .map((segment) => {
      const whole = /^\u0000(\d+)\u0000$/.exec(segment);
      if (whole) return { param: hintName(parts[Number(whole[1])].expression) };
      if (segment.includes('\u0000')) fail(`cannot template a partly dynamic path segment in ${expression.getText()}`);
      return { literal: segment };
    });
  const inlineQuery = [];
  for (const pair of queryText.split('&').filter(Boolean)) {
    const [key, value = ''] = pair.split('=');
    const dynamic = /^\u0000(\d+)\u0000$/.exec(value);
    inlineQuery.push({ key, expression: dynamic ? parts[Number(dynamic[1])].expression : undefined });
  }
  return { segments, hasQueryMark: questionMark !== -1, inlineQuery };
}

// ---------------------------------------------------------------------------
// docker-modem: how dial() puts a request on the wire

/** `X.prototype.name = function (...) {...}` statements of a CommonJS file. */
function prototypeMethods(sourceFile) {
  const methods = [];
  for (const statement of sourceFile.getStatements()) {
    if (!Node.isExpressionStatement(statement)) continue;
    const assignment = statement.getExpression();
    if (!Node.isBinaryExpression(assignment) || assignment.getOperatorToken().getKind() !== SyntaxKind.EqualsToken) continue;
    const left = assignment.getLeft();
    const right = assignment.getRight();
    if (!Node.isPropertyAccessExpression(left) || !Node.isFunctionExpression(right)) continue;
    const owner = left.getExpression();
    if (!Node.isPropertyAccessExpression(owner) || owner.getName() !== 'prototype') continue;
    methods.push({ className: owner.getExpression().getText(), name: left.getName(), fn: right, statement });
  }
  return methods;
}

/**
 * Reads docker-modem's dial(): which option keys it deletes, which dial fields
 * turn into which headers, and checks the query/body rules this script applies.
 */
function readModemSemantics(project, modemDir) {
  const modemFile = path.join(modemDir, 'lib', 'modem.js');
  const sourceFile = project.addSourceFileAtPath(modemFile);
  const methods = prototypeMethods(sourceFile).filter((method) => method.className === 'Modem');
  const dial = methods.find((method) => method.name === 'dial')?.fn ?? fail(`no Modem.prototype.dial in ${modemFile}`);
  const dialText = dial.getText();
  // The placement rules in modemPlacement() mirror these lines of dial():
  for (const expected of [
    "options.path.indexOf('?') !== -1", // query string only when the path contains '?'
    'this.buildQuerystring(opts._query || opts)', // ... built from opts (or its _query)
    "options.method === 'POST'", // JSON body only on POST ...
    'JSON.stringify(opts._body || opts)', // ... from opts (or its _body)
    'if (options.file)', // ... unless a file is streamed instead
    "options.path = '/' + this.version + options.path", // version pinning prefixes the path
  ]) {
    if (!dialText.includes(expected)) fail(`${modemFile}: dial() no longer contains \`${expected}\`; review the rules in extract-client-tables.mjs`);
  }
  const deletedKeys = sortedUnique(
    dial
      .getDescendantsOfKind(SyntaxKind.DeleteExpression)
      .map((deletion) => deletion.getExpression())
      .filter((target) => Node.isPropertyAccessExpression(target) && target.getExpression().getText() === 'opts')
      .map((target) => target.getName()),
  );
  // if (options.authconfig) { optionsf.headers['X-Registry-Auth'] = ... }
  const headersByDialField = new Map();
  for (const ifStatement of dial.getDescendantsOfKind(SyntaxKind.IfStatement)) {
    const condition = ifStatement.getExpression();
    if (!Node.isPropertyAccessExpression(condition) || condition.getExpression().getText() !== 'options') continue;
    const headers = propertyAssignments(ifStatement.getThenStatement())
      .map(({ left }) => left)
      .filter((left) => left.getExpression().getText() === 'optionsf.headers')
      .map((left) => left.getName());
    const elementHeaders = ifStatement
      .getThenStatement()
      .getDescendantsOfKind(SyntaxKind.ElementAccessExpression)
      .filter((access) => access.getExpression().getText() === 'optionsf.headers')
      .filter((access) => Node.isBinaryExpression(access.getParent()) && access.getParent().getLeft() === access)
      .map((access) => stringValue(access.getArgumentExpression()))
      .filter(Boolean);
    const all = sortedUnique([...headers, ...elementHeaders]);
    if (all.length > 0) headersByDialField.set(condition.getName(), all);
  }
  return {
    version: readPackageVersion(modemDir),
    deletedKeys,
    headersByDialField,
    methodLines: new Map(methods.map((method) => [method.name, method.statement])),
  };
}

/** docker-modem's rule: '?' in the path -> query string; POST without a file -> JSON body. */
function modemPlacement({ hasOptions, hasQueryMark, method, hasFile }) {
  if (!hasOptions) return 'none';
  const toQuery = hasQueryMark;
  const toBody = method === 'POST' && !hasFile;
  if (toQuery && toBody) return 'query+body';
  if (toQuery) return 'query';
  if (toBody) return 'body';
  return 'none';
}

// ---------------------------------------------------------------------------
// Shared analysis of one modem.dial({...}) call site (dockerode and node-docker-api)

/** Finds `var|const <name> = { path: ... }` in `scope`. */
function dialLiteral(scope, variableName) {
  const declarations = scope
    .getDescendantsOfKind(SyntaxKind.VariableDeclaration)
    .filter((declaration) => declaration.getName() === variableName)
    .map((declaration) => declaration.getInitializer())
    .filter((initializer) => initializer && Node.isObjectLiteralExpression(initializer))
    .filter((literal) => objectLiteralProperties(literal).has('path'));
  if (declarations.length !== 1) fail(`expected one dial object literal named ${variableName} at ${provenance(scope)}`);
  return declarations[0];
}

/** The parameter index an options expression comes from: `opts`, or `args.opts` with `args = util.processArgs(opts, ...)`. */
function parameterIndexOf(expression, scope, parameterNames) {
  if (!expression) return null;
  if (Node.isIdentifier(expression)) {
    const index = parameterNames.indexOf(expression.getText());
    return index === -1 ? null : index;
  }
  if (Node.isPropertyAccessExpression(expression) && Node.isIdentifier(expression.getExpression())) {
    const baseName = expression.getExpression().getText();
    if (parameterNames.includes(baseName)) return parameterNames.indexOf(baseName);
    const processArgs = scope
      .getDescendantsOfKind(SyntaxKind.VariableDeclaration)
      .filter((declaration) => declaration.getName() === baseName)
      .map((declaration) => declaration.getInitializer())
      .find((initializer) => initializer && Node.isCallExpression(initializer) && /processArgs$/.test(initializer.getExpression().getText()));
    if (processArgs && expression.getName() === 'opts') return parameterIndexOf(processArgs.getArguments()[0], scope, parameterNames);
  }
  return null;
}

/** Truthiness of a dial's `isStream`, and the source condition when it depends on the options. */
function evaluateIsStream(expression, scope) {
  if (!expression) return { isStream: false };
  const text = expression.getText();
  if (text === 'true') return { isStream: true };
  if (text === 'false') return { isStream: false };
  if (Node.isBinaryExpression(expression) && expression.getRight().getText() === 'false') {
    return { isStream: false, dependsOn: `a stream when ${expression.getLeft().getText()} is truthy` };
  }
  if (Node.isPrefixUnaryExpression(expression)) return { isStream: false, dependsOn: `a stream when ${text} is true` };
  if (Node.isIdentifier(expression)) {
    const declaration = scope.getDescendantsOfKind(SyntaxKind.VariableDeclaration).find((d) => d.getName() === text);
    const initial = declaration?.getInitializer()?.getText() === 'true';
    const flips = scope
      .getDescendantsOfKind(SyntaxKind.BinaryExpression)
      .filter((binary) => binary.getLeft().getText() === text && binary.getOperatorToken().getKind() === SyntaxKind.EqualsToken);
    const condition = flips.map((flip) => enclosingConditions(flip, scope)).find(Boolean);
    return { isStream: initial, dependsOn: condition ? `a decoded response instead of a stream when ${condition}` : undefined };
  }
  return { isStream: true, dependsOn: `a stream when ${text}` };
}

/**
 * Reads one dial call site. `optionRefs` are the expressions that denote the
 * caller's options object inside the method (opts, args.opts, optsf.options).
 */
function analyseDial({ scope, literal, dialVariable, parameterNames, modem, specIndex }) {
  const fields = objectLiteralProperties(literal);
  const method = stringValue(fields.get('method')) ?? fail(`non-literal method at ${provenance(literal)}`);
  const { segments, hasQueryMark, inlineQuery } = parsePathExpression(fields.get('path'));
  const resolved = resolveSpecPath(specIndex, segments, method);

  const assigned = propertyAssignments(scope);
  const assignedDialFields = new Set(
    assigned.filter(({ left }) => left.getExpression().getText() === dialVariable).map(({ left }) => left.getName()),
  );
  const hasDialField = (name) =>
    (fields.has(name) && fields.get(name).getText() !== 'undefined') || assignedDialFields.has(name);

  const optionsNode = fields.get('options');
  const optionsIsLiteral = optionsNode && Node.isObjectLiteralExpression(optionsNode);
  const hasOptions = Boolean(optionsNode) && !optionsIsLiteral;
  const hasFile = hasDialField('file');
  const options = modemPlacement({ hasOptions, hasQueryMark, method, hasFile });

  // Which argument the options object is: from `options:`, else from any field read off it (abortSignal, authconfig).
  let optionsArg = hasOptions ? parameterIndexOf(optionsNode, scope, parameterNames) : null;
  const readsOfOptions = [];
  for (const [field, value] of fields) {
    // abortSignal: args.opts.abortSignal, authconfig: (args.opts) ? args.opts.authconfig : undefined, ...
    const accesses = [value, ...value.getDescendantsOfKind(SyntaxKind.PropertyAccessExpression)].filter(Node.isPropertyAccessExpression);
    for (const access of accesses) {
      const index = parameterIndexOf(access.getExpression(), scope, parameterNames);
      if (index === null) continue;
      optionsArg ??= index;
      readsOfOptions.push({ field, key: access.getName() });
    }
  }

  const optionRefs = new Set([`${dialVariable}.options`]);
  if (hasOptions) optionRefs.add(optionsNode.getText());
  if (optionsArg !== null) optionRefs.add(parameterNames[optionsArg]);

  const headers = [];
  for (const [dialField, fieldHeaders] of modem.headersByDialField) {
    // allowEmpty only forces 'Content-Type: application/json' onto an empty JSON body
    if (dialField !== 'allowEmpty' && hasDialField(dialField)) headers.push(...fieldHeaders);
  }
  const literalHeaders = fields.get('headers');
  if (literalHeaders && Node.isObjectLiteralExpression(literalHeaders)) headers.push(...objectLiteralProperties(literalHeaders).keys());

  // Keys the library deletes from the options, and keys routed into dial fields (authconfig -> header, abortSignal -> signal).
  const dropped = [];
  for (const deletion of scope.getDescendantsOfKind(SyntaxKind.DeleteExpression)) {
    const target = deletion.getExpression();
    if (Node.isPropertyAccessExpression(target) && optionRefs.has(target.getExpression().getText())) dropped.push(target.getName());
  }
  const routedFields = ['authconfig', 'registryconfig', 'abortSignal'];
  for (const { field, key } of readsOfOptions) {
    if (routedFields.includes(field) && key === field) dropped.push(key);
  }
  // hijack: args.opts.hijack, openStdin: args.opts.stdin, isStream: args.opts.follow: read by the library, yet still sent
  // (the path's own reads are the inline query parameters handled below)
  const alsoReadByLibrary = readsOfOptions.filter(({ field }) => field !== 'path' && !routedFields.includes(field)).map(({ key }) => key);
  if (options !== 'none') dropped.push(...modem.deletedKeys);

  // Keys the library sets on the options object itself (importImage: opts.fromSrc = '-').
  const fixedKeys = [];
  const envelopeKeys = [];
  const notes = [];
  for (const { left, right } of assigned) {
    const target = left.getExpression().getText();
    const key = left.getName();
    const envelope = target.endsWith('._query') && optionRefs.has(target.slice(0, -'._query'.length));
    if (!optionRefs.has(target) && !envelope) continue;
    if (right.getText().includes(`.${key}`) && !envelope) {
      notes.push(`${key} is rewritten by the library: ${right.getText()}`);
      continue;
    }
    fixedKeys.push(key);
    if (envelope) envelopeKeys.push(key);
    else {
      const condition = enclosingConditions(left, scope);
      if (condition) notes.push(`${key} is only added when ${condition}`);
    }
  }
  if (envelopeKeys.length > 0) {
    notes.push(`with the { _query, _body } envelope the library fills ${envelopeKeys.map((key) => `_query.${key}`).join(' and ')} when missing`);
  }
  if (optionsIsLiteral) fixedKeys.push(...objectLiteralProperties(optionsNode).keys());

  // Query parameters written into the URL by the library (node-docker-api ContainerFs.get: `?path=${opts.path}&`).
  for (const { key, expression } of inlineQuery) {
    fixedKeys.push(key);
    if (expression && hasOptions && options !== 'none' && Node.isPropertyAccessExpression(expression) && optionRefs.has(expression.getExpression().getText())) {
      notes.push(`${key} is written into the URL from the options and appended again with the other options (sent twice)`);
    }
  }

  if (optionsNode && !optionsIsLiteral && options === 'none') {
    notes.push(`the options object is never sent: the path has no '?' and this ${method} request carries no JSON body`);
  }
  const isStream = evaluateIsStream(fields.get('isStream'), scope);

  const request = {
    method,
    path: resolved.path,
    options,
    dropped: nonEmpty(sortedUnique(dropped)),
    alsoReadByLibrary: options === 'none' ? undefined : nonEmpty(sortedUnique(alsoReadByLibrary)),
    ...splitFixedKeys(fixedKeys, options, resolved.queryParams),
    headers: nonEmpty(sortedUnique(headers)),
    bodyIsStream: hasFile || undefined,
    acceptsQueryBodyEnvelope: options !== 'none' || undefined,
    notInSpec: resolved.notInSpec,
    note: nonEmpty(notes)?.join('; '),
  };
  return { request, optionsArg, isStream, queryParams: resolved.queryParams };
}

/**
 * What a method's promise resolves to, from its `resolve(...)` calls:
 * a client object (new X / self.getX / list.map(new X)), the dial's data, or nothing.
 */
function classifyResolvedValue(node, { factories, knownClasses }) {
  if (!node) return { kind: 'none' };
  if (Node.isNewExpression(node)) {
    const className = node.getExpression().getText().split('.').pop();
    return knownClasses.has(className) ? { kind: 'object', className } : undefined;
  }
  if (Node.isCallExpression(node)) {
    const callee = node.getExpression().getText();
    const factory = factories.get(callee.split('.').pop());
    if (factory && /^(self|this)\.get\w+$/.test(callee)) return { kind: 'object', className: factory };
    if (callee === 'Object.assign') return classifyResolvedValue(node.getArguments()[0], { factories, knownClasses });
    if (callee.endsWith('.map')) {
      const created = node.getDescendantsOfKind(SyntaxKind.NewExpression).map((n) => classifyResolvedValue(n, { factories, knownClasses })).find(Boolean);
      return created ? { ...created, array: true } : undefined;
    }
    return undefined;
  }
  if (Node.isArrayLiteralExpression(node)) {
    // Container.attach: resolve([stream, this])
    const first = node.getElements()[0];
    return first ? classifyResolvedValue(first, { factories, knownClasses }) : undefined;
  }
  if (Node.isIdentifier(node)) {
    const declaration = node
      .getFirstAncestorByKind(SyntaxKind.ArrowFunction)
      ?.getDescendantsOfKind(SyntaxKind.VariableDeclaration)
      .find((d) => d.getName() === node.getText());
    if (declaration?.getInitializer()) return classifyResolvedValue(declaration.getInitializer(), { factories, knownClasses });
    return { kind: 'data' };
  }
  return undefined;
}

function methodResult(scope, isStream, context) {
  const resolveCalls = descendantCalls(scope, /^resolve$/);
  const classified = resolveCalls.map((call) => classifyResolvedValue(call.getArguments()[0], context)).filter(Boolean);
  const object = classified.find((result) => result.kind === 'object');
  if (object) return object;
  if (classified.some((result) => result.kind === 'data')) return isStream.isStream ? { kind: 'stream' } : { kind: 'response', request: 0 };
  return { kind: 'none' };
}

// ---------------------------------------------------------------------------
// dockerode

function extractDockerode(project, specIndex) {
  const packageDir = path.join(NODE_MODULES, 'dockerode');
  const modemDir = dependencyDir(packageDir, 'docker-modem');
  const modem = readModemSemantics(project, modemDir);
  const libDir = path.join(packageDir, 'lib');
  const files = readdirSync(libDir).filter((file) => file.endsWith('.js')).sort();
  const sourceFiles = files.map((file) => project.addSourceFileAtPath(path.join(libDir, file)));
  const entries = sourceFiles.flatMap(prototypeMethods);
  const knownClasses = new Set(entries.map((entry) => entry.className));
  knownClasses.add('Modem');
  const byKey = new Map(entries.map((entry) => [`${entry.className}.${entry.name}`, entry]));

  // Factories first: Docker.getContainer = function(id) { return new Container(this.modem, id); }
  const factories = new Map();
  for (const entry of entries) {
    const returned = entry.fn.getStatements().find(Node.isReturnStatement)?.getExpression();
    if (returned && Node.isNewExpression(returned) && knownClasses.has(returned.getExpression().getText())) {
      factories.set(entry.name, returned.getExpression().getText());
    }
  }

  const methods = new Map();
  const queryParamsByMethod = new Map();
  const needsOverlay = [];
  for (const entry of entries) {
    const key = `${entry.className}.${entry.name}`;
    const parameterNames = entry.fn.getParameters().map((parameter) => parameter.getName());
    const dialVariables = sortedUnique(descendantCalls(entry.fn, /\.modem\.dial$/).map((call) => call.getArguments()[0].getText()));
    if (dialVariables.length === 0) {
      if (factories.has(entry.name)) {
        methods.set(key, {
          className: entry.className,
          name: entry.name,
          optionsArg: null,
          requests: [],
          result: { kind: 'object', className: factories.get(entry.name) },
          source: provenance(entry.statement),
        });
      } else {
        needsOverlay.push(key);
      }
      continue;
    }
    const dials = dialVariables.map((dialVariable) =>
      analyseDial({
        scope: entry.fn,
        literal: dialLiteral(entry.fn, dialVariable),
        dialVariable,
        parameterNames,
        modem,
        specIndex,
      }),
    );
    const optionsArg = dials.map((dial) => dial.optionsArg).find((index) => index !== null) ?? null;
    const isStream = dials[0].isStream;
    queryParamsByMethod.set(key, dials[0].queryParams);
    methods.set(key, {
      className: entry.className,
      name: entry.name,
      optionsArg,
      optionsArgOverloads: nonEmpty(argumentShifts(entry.fn, parameterNames, optionsArg)),
      requests: dials.map((dial) => dial.request),
      result: methodResult(entry.fn, isStream, { factories, knownClasses }),
      source: provenance(entry.statement),
      note: isStream.dependsOn ? `result: ${isStream.dependsOn}` : undefined,
    });
  }

  applyDockerodeOverlays({ methods, byKey, needsOverlay, modem, project, packageDir, specIndex, queryParamsByMethod });
  for (const name of ['dial', 'followProgress', 'demuxStream']) {
    methods.set(`Modem.${name}`, modemMethod(name, modem));
  }

  const properties = constructorProperties(sourceFiles, knownClasses);
  return {
    info: {
      packageName: 'dockerode',
      version: readPackageVersion(packageDir),
      transport: `docker-modem@${modem.version}`,
      entryClassName: 'Docker',
    },
    sourceDescription: `node_modules/dockerode/lib/*.js dialling through ${path.relative(REPO_ROOT, modemDir).split(path.sep).join('/')}/lib/modem.js`,
    methods: [...methods.values()],
    properties,
  };
}

/**
 * `opts = auth` when the callback moved up: createImage(auth, opts, cb) is also
 * createImage(opts, cb), so the options may sit at the earlier index.
 */
function argumentShifts(fn, parameterNames, optionsArg) {
  if (optionsArg === null) return [];
  const optionsName = parameterNames[optionsArg];
  return sortedUnique(
    fn
      .getDescendantsOfKind(SyntaxKind.BinaryExpression)
      .filter((binary) => binary.getOperatorToken().getKind() === SyntaxKind.EqualsToken)
      .filter((binary) => binary.getLeft().getText() === optionsName)
      .map((binary) => parameterNames.indexOf(binary.getRight().getText()))
      .filter((index) => index !== -1 && index !== optionsArg),
  );
}

/** this.modem = new Modem(opts) in a constructor function or class constructor. */
function constructorProperties(sourceFiles, knownClasses, classNameOf = (name) => name) {
  const properties = [];
  for (const sourceFile of sourceFiles) {
    const constructors = [
      ...sourceFile
        .getVariableDeclarations()
        .filter((declaration) => declaration.getInitializer() && Node.isFunctionExpression(declaration.getInitializer()))
        .map((declaration) => ({ className: declaration.getName(), body: declaration.getInitializer() })),
      ...sourceFile.getClasses().flatMap((classDeclaration) =>
        classDeclaration.getConstructors().map((constructor) => ({ className: classNameOf(classDeclaration, sourceFile), body: constructor })),
      ),
    ];
    for (const { className, body } of constructors) {
      for (const { left, right } of propertyAssignments(body)) {
        if (left.getExpression().getText() !== 'this') continue;
        // every client object keeps the docker-modem instance it was created with: this.modem = modem
        const keepsModem = left.getName() === 'modem' && right.getText() === 'modem';
        if (!Node.isNewExpression(right) && !keepsModem) continue;
        const valueClassName = keepsModem ? 'Modem' : classNameOf(right.getExpression().getText(), sourceFile);
        if (!knownClasses.has(valueClassName)) continue;
        properties.push({ className, name: left.getName(), valueClassName, source: provenance(left) });
      }
    }
  }
  return properties;
}

function modemMethod(name, modem) {
  const statement = modem.methodLines.get(name) ?? fail(`docker-modem has no Modem.prototype.${name}`);
  const notes = {
    dial: 'raw request: method, path and options come from the argument object, read that literal instead',
    followProgress: 'parses a JSON-lines progress stream (pull, push, build); sends nothing',
    demuxStream: 'splits a multiplexed attach/logs stream into stdout and stderr; sends nothing',
  };
  return {
    className: 'Modem',
    name,
    optionsArg: name === 'dial' ? 0 : null,
    requests: [],
    result: { kind: 'none' },
    source: provenance(statement),
    note: notes[name],
  };
}

/**
 * Behaviour that is not one dial per method. Each overlay names the dockerode
 * source it mirrors and checks that source still reads that way.
 */
function applyDockerodeOverlays({ methods, byKey, needsOverlay, modem, project, packageDir, specIndex, queryParamsByMethod }) {
  const sourceOf = (key) => byKey.get(key) ?? fail(`dockerode has no ${key}`);
  const expectText = (key, ...snippets) => {
    const text = sourceOf(key).fn.getText();
    for (const snippet of snippets) {
      if (!text.includes(snippet)) fail(`dockerode ${key} no longer contains \`${snippet}\`; review its overlay in extract-client-tables.mjs`);
    }
    return sourceOf(key);
  };
  const requestOf = (key) => structuredClone(methods.get(key)?.requests[0] ?? fail(`no extracted request for ${key}`));
  const queryParamsOf = (key) => queryParamsByMethod.get(key) ?? fail(`no extracted request for ${key}`);
  const handled = new Set();

  // Docker.pull / pullAll (docker.js): set fromImage/tag on the options, then `this.createImage.apply(this, argsf)`.
  for (const key of ['Docker.pull', 'Docker.pullAll']) {
    const entry = expectText(key, 'this.createImage.apply(this, argsf)', 'argsf = [auth, args.opts, args.callback]');
    const setKeys = propertyAssignments(entry.fn)
      .filter(({ left }) => left.getExpression().getText() === 'args.opts')
      .map(({ left }) => left.getName());
    const request = requestOf('Docker.createImage');
    Object.assign(request, splitFixedKeys([...(request.fixedQuery ?? []), ...setKeys], request.options, queryParamsOf('Docker.createImage')));
    request.note = 'wrapper around createImage; the 4th argument (auth) is sent as X-Registry-Auth';
    methods.set(key, {
      className: 'Docker',
      name: entry.name,
      optionsArg: 1,
      requests: [request],
      result: { kind: 'stream' },
      source: provenance(entry.statement),
    });
    handled.add(key);
  }

  // Docker.run (docker.js): runPromise/runCallback = createContainer(optsc) -> container.attach({...}) -> container.start(startOptions) -> container.wait().
  const runPromise = expectText('Docker.runPromise', 'self.createContainer(optsc)', 'return container.attach({', 'containero.start(startOptions)', 'containero.wait()', 'extend(optsc, createOptions)');
  expectText('Docker.runCallback', 'this.createContainer(optsc, handler)', 'container.attach({', 'container.start(startOptions', 'container.wait(');
  expectText('Docker.run', 'this.runCallback(', 'this.runPromise(');
  const containerDefaults = runPromise.fn
    .getDescendantsOfKind(SyntaxKind.VariableDeclaration)
    .find((declaration) => declaration.getName() === 'optsc')
    .getInitializerIfKindOrThrow(SyntaxKind.ObjectLiteralExpression);
  const attachOptions = descendantCalls(runPromise.fn, /\.attach$/)[0].getArguments()[0];
  const createQueryParams = queryParamsOf('Docker.createContainer');
  const attachQueryParams = queryParamsOf('Container.attach');
  const runRequests = () => {
    const create = requestOf('Docker.createContainer');
    Object.assign(create, splitFixedKeys([...objectLiteralProperties(containerDefaults).keys()], create.options, createQueryParams));
    create.note = 'createOptions (argument 3) are merged over these container defaults';
    const attach = requestOf('Container.attach');
    attach.optionsFrom = null;
    delete attach.alsoReadByLibrary; // run passes its own literal, no caller keys
    Object.assign(attach, splitFixedKeys([...objectLiteralProperties(attachOptions).keys()], attach.options, attachQueryParams));
    const start = requestOf('Container.start');
    start.optionsFrom = 4;
    const wait = requestOf('Container.wait');
    wait.optionsFrom = null;
    return [create, attach, start, wait];
  };
  for (const key of ['Docker.run', 'Docker.runCallback', 'Docker.runPromise']) {
    const entry = sourceOf(key);
    methods.set(key, {
      className: 'Docker',
      name: entry.name,
      optionsArg: 3,
      requests: runRequests(),
      result: { kind: 'response', request: 3 },
      source: provenance(entry.statement),
      note:
        'run(image, cmd, streamo, createOptions, startOptions[, callback]): the promise resolves [waitResponse, container]; ' +
        'the callback form returns an EventEmitter and calls back (err, waitResponse, container)',
    });
    handled.add(key);
  }

  // Docker.buildImage (docker.js): with opts.version === "2" it first opens a BuildKit session (session.js withSession: POST /session, hijacked).
  const buildImage = expectText('Docker.buildImage', 'withSession(self, optsf.authconfig', 'opts?.version === "2"', 'optsf.options.session = sessionId');
  const sessionFile = project.addSourceFileAtPath(path.join(packageDir, 'lib', 'session.js'));
  const sessionDial = descendantCalls(sessionFile, /\.modem\.dial$/)[0] ?? fail('dockerode session.js no longer dials');
  const sessionScope = sessionDial.getFirstAncestorByKind(SyntaxKind.FunctionDeclaration);
  const session = analyseDial({
    scope: sessionScope,
    literal: dialLiteral(sessionScope, sessionDial.getArguments()[0].getText()),
    dialVariable: sessionDial.getArguments()[0].getText(),
    parameterNames: [],
    modem,
    specIndex,
  }).request;
  session.condition = 'opts.version === "2"';
  session.note = `BuildKit session (${provenance(sessionDial)}); the build request then carries session=<id>`;
  methods.get('Docker.buildImage').requests.unshift(session);
  methods.get('Docker.buildImage').result = { kind: 'stream' };
  const buildRequest = methods.get('Docker.buildImage').requests[1];
  buildRequest.note = [buildRequest.note, 'the build context (argument 0: tar stream, path, or { context, src }) is the body'].filter(Boolean).join('; ');
  handled.add(`Docker.${buildImage.name}`);

  // Docker.followProgress (docker.js): decodes a progress stream via buildkit.js; no request.
  const followProgress = expectText('Docker.followProgress', "require('./buildkit')");
  methods.set('Docker.followProgress', {
    className: 'Docker',
    name: 'followProgress',
    optionsArg: null,
    requests: [],
    result: { kind: 'none' },
    source: provenance(followProgress.statement),
    note: 'parses the progress stream of buildImage/pull/push (decoding BuildKit output); sends nothing',
  });
  handled.add('Docker.followProgress');

  const unhandled = needsOverlay.filter((key) => !handled.has(key));
  if (unhandled.length > 0) fail(`dockerode methods without a dial, factory or overlay: ${unhandled.join(', ')}`);
}

// ---------------------------------------------------------------------------
// node-docker-api (compiled ES classes in lib/*.js, docker-modem 0.3)

function extractNodeDockerApi(project, specIndex) {
  const packageDir = path.join(NODE_MODULES, 'node-docker-api');
  const modemDir = dependencyDir(packageDir, 'docker-modem');
  const modem = readModemSemantics(project, modemDir);
  const libDir = path.join(packageDir, 'lib');
  const files = readdirSync(libDir).filter((file) => file.endsWith('.js')).sort();
  const sourceFiles = files.map((file) => project.addSourceFileAtPath(path.join(libDir, file)));

  // The manager classes are anonymous default exports (`class default_1`); docker.d.ts imports
  // them under the names the library documents (ContainerManager, ImageManager...).
  const typings = project.addSourceFileAtPath(path.join(libDir, 'docker.d.ts'));
  const defaultImportNames = new Map(
    typings
      .getImportDeclarations()
      .filter((declaration) => declaration.getDefaultImport())
      .map((declaration) => [declaration.getModuleSpecifierValue().replace(/^\.\//, ''), declaration.getDefaultImport().getText()]),
  );
  const moduleOfFile = (sourceFile) => path.basename(sourceFile.getFilePath(), '.js');
  const classNameOf = (classOrName, sourceFile) => {
    const name = typeof classOrName === 'string' ? classOrName : classOrName.getName();
    // `new container_1.default(...)`: the default export of ./container
    const defaultOf = /^(\w+)\.default$/.exec(name);
    if (defaultOf) {
      const required = sourceFile
        .getVariableDeclarations()
        .find((declaration) => declaration.getName() === defaultOf[1])
        ?.getInitializer()
        ?.getText();
      const moduleName = /require\("\.\/(\w+)"\)/.exec(required ?? '')?.[1];
      const target = sourceFiles.find((file) => moduleOfFile(file) === moduleName);
      const exported = target?.getStatements().map((s) => /^exports\.default = (\w+);$/.exec(s.getText())?.[1]).find(Boolean);
      return exported ? classNameOf(exported, target) : name;
    }
    if (name === 'default_1') return defaultImportNames.get(moduleOfFile(sourceFile)) ?? fail(`no import name for the default export of ${sourceFile.getFilePath()}`);
    return name.split('.').pop();
  };

  const classes = sourceFiles.flatMap((sourceFile) =>
    sourceFile.getClasses().map((classDeclaration) => ({ classDeclaration, className: classNameOf(classDeclaration, sourceFile) })),
  );
  const knownClasses = new Set([...classes.map(({ className }) => className), 'Modem']);
  const context = { factories: new Map(), knownClasses };

  const methods = [];
  for (const { classDeclaration, className } of classes) {
    for (const declaration of classDeclaration.getMethods()) {
      const name = declaration.getName();
      if (name.startsWith('_')) continue; // __processArguments: internal helper
      const parameterNames = declaration.getParameters().map((parameter) => parameter.getName());
      const dialVariables = sortedUnique(descendantCalls(declaration, /\.modem\.dial$/).map((call) => call.getArguments()[0].getText()));
      if (dialVariables.length === 0) {
        // get(id) { return new Container(this.modem, id) }
        const returned = declaration.getStatements().find(Node.isReturnStatement)?.getExpression();
        const created = returned && Node.isNewExpression(returned) ? classNameOf(returned.getExpression().getText(), declaration.getSourceFile()) : undefined;
        if (!created || !knownClasses.has(created)) fail(`node-docker-api ${className}.${name} neither dials nor returns a client object`);
        methods.push({ className, name, optionsArg: null, requests: [], result: { kind: 'object', className: created }, source: provenance(declaration) });
        continue;
      }
      const dials = dialVariables.map((dialVariable) =>
        analyseDial({ scope: declaration, literal: dialLiteral(declaration, dialVariable), dialVariable, parameterNames, modem, specIndex }),
      );
      const isStream = dials[0].isStream;
      methods.push({
        className,
        name,
        optionsArg: dials.map((dial) => dial.optionsArg).find((index) => index !== null) ?? null,
        requests: dials.map((dial) => dial.request),
        result: methodResult(declaration, isStream, context),
        source: provenance(declaration),
        note: isStream.dependsOn ? `result: ${isStream.dependsOn}` : undefined,
        chained: chainedMethodCall(declaration),
      });
    }
  }
  // Image.tag: new Promise(dial).then((image) => image.status()) also sends status()'s request
  for (const method of methods) {
    const { chained } = method;
    delete method.chained;
    if (!chained) continue;
    if (method.result.kind !== 'object') fail(`node-docker-api ${method.className}.${method.name}: .then() on a non-object result`);
    const followUp = methods.find((m) => m.className === method.result.className && m.name === chained);
    if (!followUp || followUp.chained) fail(`node-docker-api ${method.className}.${method.name}: cannot resolve chained ${chained}()`);
    method.requests.push(...followUp.requests.map((request) => ({ ...structuredClone(request), optionsFrom: null })));
    method.note = [method.note, `then calls ${method.result.className}.${chained}() on the result`].filter(Boolean).join('; ');
    method.result = followUp.result.kind === 'response' ? { kind: 'response', request: method.requests.length - 1 } : followUp.result;
  }
  for (const name of ['dial', 'followProgress', 'demuxStream']) methods.push(modemMethod(name, modem));

  return {
    info: {
      packageName: 'node-docker-api',
      version: readPackageVersion(packageDir),
      transport: `docker-modem@${modem.version}`,
      entryClassName: 'Docker',
    },
    sourceDescription: `node_modules/node-docker-api/lib/*.js dialling through ${path.relative(REPO_ROOT, modemDir).split(path.sep).join('/')}/lib/modem.js`,
    methods,
    properties: constructorProperties(sourceFiles, knownClasses, classNameOf),
  };
}

/** `promise.then((x) => x.name())`: the method name called on the resolved object, if any. */
function chainedMethodCall(declaration) {
  const thens = descendantCalls(declaration, /\.then$/);
  if (thens.length > 1) fail(`${provenance(declaration)}: more than one .then() chain`);
  const callback = thens[0]?.getArguments()[0];
  if (!callback || !Node.isArrowFunction(callback)) return undefined;
  const body = callback.getBody();
  const parameter = callback.getParameters()[0]?.getName();
  if (!Node.isCallExpression(body) || !Node.isPropertyAccessExpression(body.getExpression())) fail(`${provenance(callback)}: unsupported .then() callback`);
  if (body.getExpression().getExpression().getText() !== parameter) fail(`${provenance(callback)}: .then() calls something other than the resolved object`);
  return body.getExpression().getName();
}

// ---------------------------------------------------------------------------
// @docker/node-sdk (TypeScript source shipped in lib/, HTTPClient over undici)

/**
 * HTTPClient's verbs: the HTTP method each sends and the position of its
 * uri/params/data/headers arguments, read from lib/http.ts.
 */
function readHttpClientVerbs(sourceFile) {
  const httpClient = sourceFile.getClassOrThrow('HTTPClient');
  // queryValueProblem() assumes this serialisation of query values
  const buildQueryString = httpClient.getMethodOrThrow('buildQueryString').getText();
  for (const expected of ['new URLSearchParams()', 'value.toURLParameter()', 'String(value)']) {
    if (!buildQueryString.includes(expected)) fail(`node-sdk HTTPClient.buildQueryString no longer uses ${expected}; review queryValueProblem()`);
  }
  const verbs = new Map();
  const methodOf = (declaration) => {
    const literal = declaration
      .getDescendantsOfKind(SyntaxKind.PropertyAssignment)
      .find((property) => property.getName() === 'method' && stringValue(property.getInitializer()));
    if (literal) return stringValue(literal.getInitializer());
    const delegate = descendantCalls(declaration, /^this\.\w+$/)[0];
    return delegate ? methodOf(httpClient.getMethodOrThrow(delegate.getExpression().getText().slice('this.'.length))) : undefined;
  };
  for (const declaration of httpClient.getMethods()) {
    const method = methodOf(declaration);
    if (!method || !HTTP_METHODS.includes(method)) continue;
    const parameterNames = declaration.getParameters().map((parameter) => parameter.getName());
    const text = declaration.getText();
    if (parameterNames.includes('params') && !text.includes('this.buildQueryString(params)') && !/this\.\w+\(uri, [^)]*params\)/.test(text)) {
      fail(`node-sdk HTTPClient.${declaration.getName()} no longer builds the query string from params`);
    }
    verbs.set(declaration.getName(), {
      method,
      uri: parameterNames.indexOf('uri'),
      params: parameterNames.indexOf('params'),
      data: parameterNames.indexOf('data'),
      headers: parameterNames.indexOf('headers'),
      // post() passes ReadableStreams through; put() JSON-encodes whatever it gets
      streamsBody: text.includes('isReadableStream(data)'),
      hijacks: text.includes('upgrade('),
    });
  }
  return verbs;
}

function extractDockerNodeSdk(project, specIndex) {
  const packageDir = path.join(NODE_MODULES, '@docker', 'node-sdk');
  const libDir = path.join(packageDir, 'lib');
  const verbs = readHttpClientVerbs(project.addSourceFileAtPath(path.join(libDir, 'http.ts')));
  const clientFile = project.addSourceFileAtPath(path.join(libDir, 'docker-client.ts'));
  const client = clientFile.getClassOrThrow('DockerClient');

  const methods = [];
  for (const declaration of client.getMethods()) {
    if (declaration.hasModifier(SyntaxKind.PrivateKeyword)) continue;
    const name = declaration.getName();
    const parameters = declaration.getParameters();
    const parameterNames = parameters.map((parameter) => parameter.getName());
    const returnType = declaration.getReturnTypeNode()?.getText() ?? '';
    // this.api.close() and the like are not requests: only HTTPClient's verbs are
    const apiCalls = descendantCalls(declaration, /^this\.api\.\w+$/).filter((call) =>
      verbs.has(call.getExpression().getText().slice('this.api.'.length)),
    );
    if (apiCalls.length === 0) {
      methods.push({
        className: 'DockerClient',
        name,
        optionsArg: null,
        requests: [],
        result: returnType.includes('DockerClient') ? { kind: 'object', className: 'DockerClient' } : { kind: 'none' },
        source: provenance(declaration),
        note: declaration.isStatic() ? 'factory: connects, sends no request' : 'sends no request',
      });
      continue;
    }
    let methodOptionsArg = null;
    const requests = apiCalls.map((call) => {
      const verbName = call.getExpression().getText().slice('this.api.'.length);
      const verb = verbs.get(verbName);
      const analysed = analyseSdkCall({ call, verb, declaration, parameters, parameterNames, specIndex });
      methodOptionsArg ??= analysed.optionsArg;
      return analysed.request;
    });
    let result;
    // `yield* jsonMessages(response)`: an async iterable of decoded documents, not the raw body.
    if (/^AsyncGenerator</.test(returnType) && /\bjsonMessages\b/.test(declaration.getText())) result = { kind: 'stream', decoded: true };
    else if (/AsyncGenerator|JSONMessages|ReadableStream/.test(returnType)) result = { kind: 'stream' };
    else if (/^Promise<void>$/.test(returnType)) result = { kind: 'none' };
    else result = { kind: 'response', request: requests.length - 1 };
    methods.push({
      className: 'DockerClient',
      name,
      optionsArg: methodOptionsArg,
      requests,
      result,
      source: provenance(declaration),
    });
  }
  return {
    info: {
      packageName: '@docker/node-sdk',
      version: readPackageVersion(packageDir),
      transport: 'undici (lib/http.ts HTTPClient)',
      entryClassName: 'DockerClient',
    },
    sourceDescription: 'node_modules/@docker/node-sdk/lib/docker-client.ts calling lib/http.ts HTTPClient',
    methods,
    properties: [],
  };
}

/**
 * Where a value in a params/data object comes from: a key of an options
 * parameter (`options?.volumes`), a positional parameter (`repo`), or the
 * library itself (a literal, an object it builds).
 */
function classifySdkValue(expression, declaration, parameterNames) {
  if (Node.isBinaryExpression(expression) && expression.getOperatorToken().getKind() === SyntaxKind.BarBarToken) {
    const left = classifySdkValue(expression.getLeft(), declaration, parameterNames);
    return left.kind === 'option' ? { ...left, defaulted: true } : left;
  }
  if (Node.isPropertyAccessExpression(expression) && Node.isIdentifier(expression.getExpression())) {
    const index = parameterNames.indexOf(expression.getExpression().getText());
    if (index !== -1) return { kind: 'option', index, key: expression.getName() };
  }
  if (Node.isIdentifier(expression)) {
    const index = parameterNames.indexOf(expression.getText());
    if (index !== -1) return { kind: 'argument', index };
    const local = declaration.getDescendantsOfKind(SyntaxKind.VariableDeclaration).find((d) => d.getName() === expression.getText());
    if (local?.getInitializer()) {
      const inner = classifySdkValue(local.getInitializer(), declaration, parameterNames);
      return inner.kind === 'option' ? { ...inner, transformedBy: local.getInitializer().getText() } : inner;
    }
  }
  if (Node.isCallExpression(expression)) {
    const read = expression
      .getDescendantsOfKind(SyntaxKind.PropertyAccessExpression)
      .map((access) => classifySdkValue(access, declaration, parameterNames))
      .find((value) => value.kind === 'option');
    if (read) return { ...read, transformedBy: expression.getText() };
  }
  return { kind: 'fixed', isObject: Node.isObjectLiteralExpression(expression) };
}

/**
 * HTTPClient.buildQueryString sends String(value) unless the value has
 * toURLParameter() (Filter): flags values that do not survive that.
 */
function queryValueProblem(wireName, typeNode) {
  if (!typeNode) return undefined;
  const type = typeNode.getText().replace(/\s+/g, ' ').trim();
  if (type === 'Filter') return undefined; // Filter.toURLParameter() sends JSON
  if (/^(string|number|boolean)$/.test(type) || /^'[^']*'( \| '[^']*')*$/.test(type)) return undefined;
  if (type.includes('=>')) return `${wireName} is a function, sent as its source text`;
  if (/^Array<|\[\]$/.test(type)) return `${wireName} is an array, sent as one comma-joined value`;
  return `${wireName} is an object (${type}), sent as '[object Object]'`;
}

function typeLiteralMember(typeNode, name) {
  return typeNode && Node.isTypeLiteral(typeNode) ? typeNode.getProperty(name)?.getTypeNode() : undefined;
}

function analyseSdkCall({ call, verb, declaration, parameters, parameterNames, specIndex }) {
  const args = call.getArguments();
  const argumentAt = (index) => (index >= 0 ? args[index] : undefined);
  const { segments, inlineQuery } = parsePathExpression(argumentAt(verb.uri));
  const resolved = resolveSpecPath(specIndex, segments, verb.method);

  let optionsArg = null;
  let queryFromOptions = false;
  let bodyFromOptions = false;
  let bodyArg;
  let bodyIsStream;
  const forwardedKeys = [];
  const renamed = {};
  const fixedQuery = [];
  const queryArgs = {};
  const headers = [];
  const dropped = [];
  const notes = [];
  const queryProblems = [];
  let picksKeys = false;

  for (const { key, expression } of inlineQuery) {
    const value = expression ? classifySdkValue(expression, declaration, parameterNames) : { kind: 'fixed' };
    if (value.kind === 'argument') {
      queryArgs[key] = value.index;
      notes.push(`${key} is interpolated into the URL without encoding`);
    } else fixedQuery.push(key);
  }

  const params = argumentAt(verb.params);
  if (params && params.getText() !== 'undefined') {
    if (Node.isIdentifier(params) && parameterNames.includes(params.getText())) {
      optionsArg = parameterNames.indexOf(params.getText());
      queryFromOptions = true;
      const typeNode = parameters[optionsArg].getTypeNode();
      if (typeNode && Node.isTypeLiteral(typeNode)) {
        for (const member of typeNode.getProperties()) queryProblems.push(queryValueProblem(member.getName(), member.getTypeNode()));
      } else if (typeNode) {
        notes.push(`the ${typeNode.getText()} value itself is the params object: each of its own properties becomes a query parameter`);
      }
    } else if (Node.isObjectLiteralExpression(params)) {
      picksKeys = true;
      for (const [wireName, valueExpression] of objectLiteralProperties(params)) {
        const value = classifySdkValue(valueExpression, declaration, parameterNames);
        if (value.kind === 'option') {
          optionsArg ??= value.index;
          queryFromOptions = true;
          forwardedKeys.push(value.key);
          if (value.key !== wireName) renamed[value.key] = wireName;
          if (!value.transformedBy) queryProblems.push(queryValueProblem(wireName, typeLiteralMember(parameters[value.index].getTypeNode(), value.key)));
          if (value.defaulted) fixedQuery.push(wireName);
          if (value.transformedBy) notes.push(`${wireName} is rewritten by the library: ${value.transformedBy}`);
        } else if (value.kind === 'argument') {
          queryArgs[wireName] = value.index;
          queryProblems.push(queryValueProblem(wireName, parameters[value.index].getTypeNode()));
        } else {
          fixedQuery.push(wireName);
          if (value.isObject) queryProblems.push(`${wireName} is an object literal (${valueExpression.getText().replace(/\s+/g, ' ')}), sent as '[object Object]'`);
        }
      }
    } else {
      fail(`node-sdk ${declaration.getName()}: unsupported params argument ${params.getText()}`);
    }
  }

  const data = argumentAt(verb.data);
  if (data && data.getText() !== 'undefined') {
    const index = parameterNames.indexOf(data.getText());
    if (index === -1) fail(`node-sdk ${declaration.getName()}: unsupported data argument ${data.getText()}`);
    const typeText = parameters[index].getTypeNode()?.getText() ?? '';
    if (/Readable/.test(typeText)) {
      bodyArg = index;
      bodyIsStream = verb.streamsBody || undefined;
      if (!verb.streamsBody) notes.push(`${call.getExpression().getText()}() JSON-encodes its data, so the ${typeText} argument is not sent as a tar stream`);
    } else if (optionsArg === null || optionsArg === index) {
      optionsArg = index;
      bodyFromOptions = true;
    } else {
      bodyArg = index;
    }
  }

  const headerArgument = argumentAt(verb.headers);
  if (headerArgument && Node.isObjectLiteralExpression(headerArgument)) headers.push(...objectLiteralProperties(headerArgument).keys());
  if (headerArgument && Node.isIdentifier(headerArgument)) {
    // const headers = {}; headers['X-Registry-Auth'] = this.authCredentials(options.credentials)
    for (const access of declaration.getDescendantsOfKind(SyntaxKind.ElementAccessExpression)) {
      if (access.getExpression().getText() !== headerArgument.getText()) continue;
      const assignment = access.getParent();
      if (!Node.isBinaryExpression(assignment) || assignment.getLeft() !== access) continue;
      headers.push(stringValue(access.getArgumentExpression()));
      const source = assignment
        .getRight()
        .getDescendantsOfKind(SyntaxKind.PropertyAccessExpression)
        .map((a) => classifySdkValue(a, declaration, parameterNames))
        .find((value) => value.kind === 'option');
      if (source) {
        optionsArg ??= source.index;
        dropped.push(source.key);
      }
    }
  }

  // Typed option keys the library never copies into the request.
  if (picksKeys && optionsArg !== null) {
    const typeNode = parameters[optionsArg].getTypeNode();
    if (typeNode && Node.isTypeLiteral(typeNode)) {
      for (const member of typeNode.getProperties()) {
        if (!forwardedKeys.includes(member.getName())) dropped.push(member.getName());
      }
    }
  }

  const options = queryFromOptions && bodyFromOptions ? 'query+body' : queryFromOptions ? 'query' : bodyFromOptions ? 'body' : 'none';
  const problems = queryProblems.filter(Boolean);
  if (problems.length > 0) notes.unshift(`query values are stringified: ${problems.join('; ')}`);
  if (verb.hijacks) notes.push('hijacked connection (HTTP upgrade to a raw stream)');
  return {
    optionsArg,
    request: {
      method: verb.method,
      path: resolved.path,
      options,
      dropped: nonEmpty(sortedUnique(dropped)),
      renamed: nonEmptyRecord(renamed),
      fixedQuery: nonEmpty(sortedUnique(fixedQuery)),
      headers: nonEmpty(sortedUnique(headers)),
      bodyIsStream,
      forwardedKeys: picksKeys && forwardedKeys.length > 0 ? sortedUnique(forwardedKeys) : undefined,
      bodyArg,
      queryArgs: nonEmptyRecord(queryArgs),
      condition: enclosingConditions(call, declaration),
      notInSpec: resolved.notInSpec,
      note: nonEmpty(notes)?.join('; '),
    },
  };
}

// ---------------------------------------------------------------------------
// Rendering: deterministic TypeScript

const REQUEST_KEYS = [
  'method', 'path', 'options', 'optionsFrom', 'forwardedKeys', 'dropped', 'alsoReadByLibrary', 'renamed', 'fixedQuery', 'fixedBody',
  'bodyArg', 'queryArgs', 'headers', 'bodyIsStream', 'acceptsQueryBodyEnvelope', 'condition', 'notInSpec', 'note',
];
const METHOD_KEYS = ['className', 'name', 'optionsArg', 'optionsArgOverloads', 'requests', 'result', 'source', 'note'];

function ordered(object, keys) {
  const extra = Object.keys(object).filter((key) => !keys.includes(key));
  if (extra.length > 0) fail(`unexpected keys ${extra.join(', ')}`);
  return Object.fromEntries(keys.filter((key) => object[key] !== undefined).map((key) => [key, object[key]]));
}

function quote(text) {
  return `'${text.replace(/\\/g, '\\\\').replace(/'/g, "\\'").replace(/\n/g, '\\n')}'`;
}

function renderKey(key) {
  return /^[A-Za-z_$][\w$]*$/.test(key) ? key : quote(key);
}

function renderInline(value) {
  if (value === null) return 'null';
  if (typeof value === 'string') return quote(value);
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (Array.isArray(value)) return `[${value.map(renderInline).join(', ')}]`;
  const entries = Object.entries(value);
  if (entries.length === 0) return '{}';
  return `{ ${entries.map(([key, item]) => `${renderKey(key)}: ${renderInline(item)}`).join(', ')} }`;
}

function render(value, indent) {
  const inline = renderInline(value);
  if (value === null || typeof value !== 'object' || indent.length + inline.length <= 110) return inline;
  const inner = `${indent}  `;
  if (Array.isArray(value)) return `[\n${value.map((item) => `${inner}${render(item, inner)},\n`).join('')}${indent}]`;
  return `{\n${Object.entries(value).map(([key, item]) => `${inner}${renderKey(key)}: ${render(item, inner)},\n`).join('')}${indent}}`;
}

function renderTableFile({ exportPrefix, extraction, specIndex }) {
  const methods = extraction.methods
    .map((method) => ordered({ ...method, requests: method.requests.map((request) => ordered(request, REQUEST_KEYS)) }, METHOD_KEYS))
    .sort((a, b) => a.className.localeCompare(b.className) || a.name.localeCompare(b.name));
  const properties = [...extraction.properties].sort((a, b) => a.className.localeCompare(b.className) || a.name.localeCompare(b.name));
  return [
    `// GENERATED by \`node scripts/extract-client-tables.mjs\`; do not edit by hand.`,
    `// Source: ${extraction.info.packageName}@${extraction.info.version}, ${extraction.sourceDescription}.`,
    `// Path templates as named by the newest Docker Engine API spec (${specIndex.range}) that has each path.`,
    `// test/clients/clientMethodTables.test.ts fails when this file no longer matches the installed library.`,
    `import type { ClientLibraryInfo, ClientMethodTable, ClientPropertyTable } from './clientMethodTable.js';`,
    ``,
    `export const ${exportPrefix}Library: ClientLibraryInfo = ${render(extraction.info, '')};`,
    ``,
    `export const ${exportPrefix}MethodTable: ClientMethodTable = ${render(methods, '')};`,
    ``,
    `export const ${exportPrefix}PropertyTable: ClientPropertyTable = ${render(properties, '')};`,
    ``,
  ].join('\n');
}

// ---------------------------------------------------------------------------
// Entry points

/** Extracts all three tables; returns file name -> content plus per-library summaries. */
export async function generateClientTables({ specDir }) {
  const specIndex = await loadSpecIndex(specDir);
  const project = newProject();
  const extractions = {
    dockerode: extractDockerode(project, specIndex),
    nodeDockerApi: extractNodeDockerApi(project, specIndex),
    dockerNodeSdk: extractDockerNodeSdk(project, specIndex),
  };
  const files = {};
  for (const [exportPrefix, extraction] of Object.entries(extractions)) {
    files[TABLE_FILES[exportPrefix]] = renderTableFile({ exportPrefix, extraction, specIndex });
  }
  return { files, extractions };
}

function parseArguments(argv) {
  const options = {
    outDir: DEFAULT_OUT_DIR,
    specDir: process.env.DOCKER_API_COMPAT_SPEC_DIR ? path.resolve(REPO_ROOT, process.env.DOCKER_API_COMPAT_SPEC_DIR) : path.resolve(REPO_ROOT, '../shared/docker-engine-api'),
    check: false,
    quiet: false,
  };
  for (let i = 0; i < argv.length; i++) {
    const argument = argv[i];
    if (argument === '--out-dir') options.outDir = path.resolve(argv[++i]);
    else if (argument === '--spec-dir') options.specDir = path.resolve(argv[++i]);
    else if (argument === '--check') options.check = true;
    else if (argument === '--quiet') options.quiet = true;
    else fail(`unknown argument ${argument}`);
  }
  return options;
}

function summary(extractions) {
  const lines = [];
  for (const { info, methods } of Object.values(extractions)) {
    const perClass = new Map();
    for (const method of methods) perClass.set(method.className, (perClass.get(method.className) ?? 0) + 1);
    const classes = [...perClass].sort(([a], [b]) => a.localeCompare(b)).map(([name, count]) => `${name} ${count}`);
    lines.push(`${info.packageName}@${info.version}: ${methods.length} methods (${classes.join(', ')})`);
    for (const method of methods) {
      for (const request of method.requests) {
        if (request.notInSpec) lines.push(`  not in spec: ${method.className}.${method.name} ${request.method} ${request.path}`);
      }
    }
  }
  return lines.join('\n');
}

async function main() {
  const options = parseArguments(process.argv.slice(2));
  const { files, extractions } = await generateClientTables({ specDir: options.specDir });
  if (options.check) {
    const stale = Object.entries(files).filter(([file, content]) => {
      const target = path.join(options.outDir, file);
      return !existsSync(target) || readFileSync(target, 'utf8') !== content;
    });
    if (stale.length > 0) {
      console.error(`out of date: ${stale.map(([file]) => file).join(', ')}; run node scripts/extract-client-tables.mjs`);
      process.exitCode = 1;
    }
    return;
  }
  mkdirSync(options.outDir, { recursive: true });
  for (const [file, content] of Object.entries(files)) writeFileSync(path.join(options.outDir, file), content);
  if (!options.quiet) console.log(summary(extractions));
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  main().catch((error) => {
    console.error(error instanceof ExtractionError ? `extract-client-tables: ${error.message}` : error);
    process.exitCode = 1;
  });
}
