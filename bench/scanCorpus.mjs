#!/usr/bin/env node
// Deterministic synthetic monorepo for the `scan` benchmark: TS/JS application code of
// varied shapes that imports itself, ~5% of files talking to the Docker Engine API
// (dockerode, raw http over the socket, fetch/undici, axios, curl in shell scripts), and
// look-alike strings elsewhere so that a text pre-filter cannot be trivially perfect.
//
//   node bench/scanCorpus.mjs [dir] [--force]     (default dir: .bench/scan-corpus)
//
// Same parameters + same generator source => byte-identical corpus. A manifest
// (.corpus-manifest.json, written last) records the parameters, a hash of this file,
// the counts and the ground truth (which files talk to Docker, and how); the corpus is
// reused when the manifest matches and regenerated otherwise.
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, posix, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const DEFAULT_CORPUS_DIR = fileURLToPath(new URL('../.bench/scan-corpus', import.meta.url));
export const MANIFEST_NAME = '.corpus-manifest.json';
export const DEFAULT_PARAMS = Object.freeze({
  seed: 'docker-api-compat/scan-corpus/1',
  files: 2200, // TS/JS files (plus the small barrels and shims listed in the manifest)
  minLines: 300_000, // the generator fails rather than write a smaller corpus
  minFileLines: 50,
  maxFileLines: 400,
  dockerShare: 0.05, // of the planned files
  lookAlikeShare: 0.1, // of the non-Docker files
  dockerShellScripts: 6,
  otherShellScripts: 4,
});

const GENERATOR_HASH = createHash('sha256').update(readFileSync(fileURLToPath(import.meta.url))).digest('hex').slice(0, 16);

// ---------------------------------------------------------------------------------------
// Seeded PRNG (xmur3 seed hash + sfc32); never Math.random.

function seedHash(text) {
  let h = 1779033703 ^ text.length;
  for (let i = 0; i < text.length; i++) {
    h = Math.imul(h ^ text.charCodeAt(i), 3432918353);
    h = (h << 13) | (h >>> 19);
  }
  return () => {
    h = Math.imul(h ^ (h >>> 16), 2246822507);
    h = Math.imul(h ^ (h >>> 13), 3266489909);
    return (h ^= h >>> 16) >>> 0;
  };
}

export function createRng(seed) {
  const next = seedHash(String(seed));
  let a = next();
  let b = next();
  let c = next();
  let d = next();
  const float = () => {
    a >>>= 0; b >>>= 0; c >>>= 0; d >>>= 0;
    let t = (a + b) | 0;
    a = b ^ (b >>> 9);
    b = (c + (c << 3)) | 0;
    c = (c << 21) | (c >>> 11);
    d = (d + 1) | 0;
    t = (t + d) | 0;
    c = (c + t) | 0;
    return (t >>> 0) / 4294967296;
  };
  for (let i = 0; i < 12; i++) float();
  const rng = {
    float,
    int: (lo, hi) => lo + Math.floor(float() * (hi - lo + 1)),
    chance: (p) => float() < p,
    pick: (items) => items[Math.floor(float() * items.length)],
    weighted(entries) {
      const pairs = Array.isArray(entries) ? entries : Object.entries(entries);
      const total = pairs.reduce((sum, [, weight]) => sum + weight, 0);
      let roll = float() * total;
      for (const [value, weight] of pairs) {
        roll -= weight;
        if (roll < 0) return value;
      }
      return pairs[pairs.length - 1][0];
    },
    shuffle(items) {
      const copy = [...items];
      for (let i = copy.length - 1; i > 0; i--) {
        const j = Math.floor(float() * (i + 1));
        [copy[i], copy[j]] = [copy[j], copy[i]];
      }
      return copy;
    },
    sample: (items, count) => rng.shuffle(items).slice(0, Math.max(0, count)),
  };
  return rng;
}

// ---------------------------------------------------------------------------------------
// Vocabulary.

const NOUNS = ['user', 'order', 'invoice', 'payment', 'account', 'session', 'product', 'cart', 'shipment', 'review', 'comment', 'notification', 'report', 'tenant', 'project', 'task', 'ticket', 'message', 'subscription', 'plan', 'coupon', 'address', 'profile', 'team', 'role', 'permission', 'audit', 'event', 'metric', 'attachment', 'upload', 'webhook', 'job', 'schedule', 'booking', 'inventory', 'warehouse', 'supplier', 'customer', 'lead', 'campaign', 'article', 'tag', 'category', 'setting', 'token', 'device', 'region', 'currency', 'ledger', 'image', 'container', 'forecast', 'quote'];
const VERBS = ['get', 'load', 'fetch', 'create', 'update', 'build', 'parse', 'format', 'validate', 'normalize', 'compute', 'resolve', 'sync', 'merge', 'filter', 'sort', 'group', 'map', 'serialize', 'hydrate', 'track', 'notify', 'schedule', 'cache', 'diff', 'apply', 'ensure', 'select', 'prepare', 'summarize'];
const QUALIFIERS = ['active', 'pending', 'archived', 'recent', 'primary', 'default', 'draft', 'expired', 'visible', 'internal', 'public', 'scoped', 'paged', 'batched', 'cached', 'raw', 'summary', 'detailed', 'shared', 'local'];
const COMPONENT_SUFFIXES = ['List', 'Card', 'Form', 'Table', 'Panel', 'Modal', 'Header', 'Summary', 'Details', 'Row', 'Badge', 'Editor', 'Picker', 'View', 'Page', 'Sidebar', 'Toolbar', 'Dialog'];
const STATUSES = ['draft', 'pending', 'active', 'paused', 'archived', 'failed', 'completed', 'cancelled', 'review', 'scheduled'];
const FIELDS = [
  ['name', 'string', "'Example'"], ['email', 'string', "'ops@acme.dev'"], ['status', 'string', "'active'"],
  ['amount', 'number', '42'], ['currency', 'string', "'EUR'"], ['createdAt', 'string', "'2024-03-01T10:00:00Z'"],
  ['updatedAt', 'string', "'2024-03-02T08:30:00Z'"], ['ownerId', 'string', "'usr_1'"], ['tenantId', 'string', "'tn_9'"],
  ['title', 'string', "'Quarterly review'"], ['description', 'string', "'Generated for tests'"], ['quantity', 'number', '3'],
  ['priority', 'number', '1'], ['tags', 'string[]', "['alpha', 'beta']"], ['region', 'string', "'eu-west-1'"],
  ['total', 'number', '99.5'], ['dueDate', 'string', "'2024-04-30'"], ['archived', 'boolean', 'false'],
  ['version', 'number', '2'], ['locale', 'string', "'en-GB'"], ['score', 'number', '0.8'], ['url', 'string', "'https://acme.dev/x'"],
  ['notes', 'string | null', 'null'], ['retries', 'number', '0'], ['enabled', 'boolean', 'true'],
  ['metadata', 'Record<string, string>', '{}'], ['slug', 'string', "'first-item'"], ['position', 'number', '7'],
];
const API_VERSIONS = ['v1.24', 'v1.25', 'v1.30', 'v1.38', 'v1.40', 'v1.41', 'v1.41', 'v1.42', 'v1.43', 'v1.43', 'v1.44', 'v1.45', 'v1.46', 'v1.47'];

const cap = (text) => text.charAt(0).toUpperCase() + text.slice(1);
const camel = (...parts) => parts[0] + parts.slice(1).map(cap).join('');
const pascal = (...parts) => parts.map(cap).join('');
const kebab = (...parts) => parts.map((part) => part.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`).replace(/^-/, '')).filter(Boolean).join('-');
const constCase = (...parts) => parts.map((part) => part.replace(/[A-Z]/g, (c) => `_${c}`).toUpperCase()).join('_');
function plural(noun) {
  if (/[^aeiou]y$/.test(noun)) return `${noun.slice(0, -1)}ies`;
  if (/(s|x|ch|sh)$/.test(noun)) return `${noun}es`;
  return `${noun}s`;
}

// ---------------------------------------------------------------------------------------
// Workspaces of the monorepo, and what each mostly holds.

const WORKSPACES = [
  { name: 'core', root: 'packages/core', weight: 8, kinds: { utility: 4, service: 3, types: 2, reducer: 1, test: 3, config: 0.5 } },
  { name: 'utils', root: 'packages/utils', weight: 7, kinds: { utility: 8, types: 1, test: 4 } },
  { name: 'ui', root: 'packages/ui', weight: 9, kinds: { component: 8, hook: 2, utility: 1, types: 1, test: 3 } },
  { name: 'api-client', root: 'packages/api-client', weight: 5, kinds: { service: 4, utility: 2, types: 2, test: 2 } },
  { name: 'auth', root: 'packages/auth', weight: 4, kinds: { service: 3, handler: 2, utility: 2, types: 1, test: 2 } },
  { name: 'billing', root: 'packages/billing', weight: 5, kinds: { service: 3, utility: 2, reducer: 1, types: 2, test: 2 } },
  { name: 'notifications', root: 'packages/notifications', weight: 4, kinds: { service: 3, utility: 2, handler: 1, test: 2 } },
  { name: 'storage', root: 'packages/storage', weight: 4, kinds: { service: 3, utility: 2, types: 1, test: 2 } },
  { name: 'analytics', root: 'packages/analytics', weight: 4, kinds: { utility: 3, service: 2, reducer: 1, types: 1, test: 2 } },
  { name: 'search', root: 'packages/search', weight: 3, kinds: { service: 2, utility: 3, types: 1, test: 1 } },
  { name: 'shared-types', root: 'packages/shared-types', weight: 4, kinds: { types: 8, test: 0.5 } },
  { name: 'config', root: 'packages/config', weight: 2, kinds: { config: 4, utility: 2, types: 1 } },
  { name: 'forms', root: 'packages/forms', weight: 4, kinds: { component: 5, hook: 2, utility: 2, test: 2 } },
  { name: 'runner', root: 'packages/runner', weight: 4, kinds: { service: 4, utility: 2, types: 1, test: 2 }, dockerish: 5 },
  { name: 'sandbox', root: 'packages/sandbox', weight: 3, kinds: { service: 3, utility: 2, test: 1 }, dockerish: 5 },
  { name: 'logging', root: 'packages/logging', weight: 2, kinds: { utility: 3, service: 1, test: 1 } },
  { name: 'queue', root: 'packages/queue', weight: 3, kinds: { service: 3, utility: 2, types: 1, test: 1 }, dockerish: 1 },
  { name: 'web', root: 'apps/web', weight: 12, kinds: { component: 8, hook: 2, reducer: 2, utility: 2, types: 1, test: 3, config: 0.3 } },
  { name: 'admin', root: 'apps/admin', weight: 7, kinds: { component: 7, hook: 1, reducer: 2, utility: 1, test: 2 } },
  { name: 'gateway', root: 'apps/gateway', weight: 7, kinds: { handler: 6, service: 2, utility: 2, types: 1, test: 2, config: 0.3 }, dockerish: 2 },
  { name: 'worker', root: 'apps/worker', weight: 5, kinds: { service: 4, script: 1, utility: 2, test: 2 }, dockerish: 4 },
  { name: 'cli', root: 'apps/cli', weight: 3, kinds: { script: 3, utility: 2, service: 1, test: 1 }, dockerish: 2 },
  { name: 'tooling', root: '', weight: 2, kinds: { script: 5, config: 1 }, dockerish: 1 },
];
const PACKAGE_WORKSPACES = WORKSPACES.filter((ws) => ws.root.startsWith('packages/'));

const EXTENSIONS = {
  component: { '.tsx': 1 },
  hook: { '.ts': 1 },
  handler: { '.ts': 5, '.js': 2.5, '.cjs': 1.5, '.mjs': 1 },
  utility: { '.ts': 5, '.js': 2, '.mjs': 1.5, '.cjs': 1.5 },
  service: { '.ts': 7, '.js': 2, '.mjs': 1 },
  reducer: { '.ts': 6, '.js': 4 },
  types: { '.ts': 8, '.d.ts': 2 },
  config: { '.cjs': 2, '.mjs': 1.5, '.js': 1 },
  script: { '.mjs': 5, '.cjs': 3, '.js': 2 },
  docker: { '.ts': 5, '.js': 2, '.cjs': 1.5, '.mjs': 1.5 },
};
const DOCKER_VARIANTS = { dockerode: 5, http: 2.5, fetch: 1.2, axios: 1.3 };

// ---------------------------------------------------------------------------------------
// Phase 1: plan every file (path, kind, extension, exports, size, imports).

function pickFolder(rng, kind, ws) {
  const noun = rng.pick(NOUNS);
  const src = (tail) => posix.join(ws.root, 'src', tail);
  switch (kind) {
    case 'component': return src(rng.pick(['components', 'components', `components/${pascal(noun)}`, 'pages', `features/${noun}/components`, `features/${plural(noun)}`]));
    case 'hook': return src(rng.pick(['hooks', 'hooks', `features/${noun}/hooks`]));
    case 'handler': return src(rng.pick(['routes', `routes/${plural(noun)}`, 'handlers', 'middleware', 'controllers', `api/${plural(noun)}`]));
    case 'utility': return src(rng.pick(['utils', 'utils', 'lib', 'helpers', `utils/${noun}`, 'shared', `lib/${plural(noun)}`]));
    case 'service': return src(rng.pick(['services', 'services', `services/${noun}`, `domain/${noun}`, 'clients', 'repositories']));
    case 'reducer': return src(rng.pick(['store', `store/${noun}`, 'state', 'reducers']));
    case 'types': return src(rng.pick(['types', 'types', 'models', `types/${noun}`, 'contracts']));
    case 'config': return ws.root ? posix.join(ws.root, rng.pick(['config', 'config', 'src/config'])) : rng.pick(['config', 'tools/config']);
    case 'script': return ws.root ? posix.join(ws.root, rng.pick(['scripts', 'bin', 'src/commands', 'src/commands'])) : rng.pick(['scripts', 'scripts/ci', 'tools', 'tools/release', 'scripts/db']);
    case 'docker': return ws.root ? src(rng.pick(['services/docker', 'infra', 'lib/docker', 'runtime', 'services', 'adapters', 'health'])) : rng.pick(['scripts', 'tools/dev', 'scripts/ci']);
    default: throw new Error(`no folder for ${kind}`);
  }
}

function pickBaseName(rng, kind, style) {
  const noun = rng.pick(NOUNS);
  const join2 = (...parts) => (style === 'kebab' ? kebab(...parts) : camel(...parts));
  switch (kind) {
    case 'component': return pascal(...(rng.chance(0.3) ? [rng.pick(QUALIFIERS)] : []), noun, rng.pick(COMPONENT_SUFFIXES));
    case 'hook': return camel('use', cap(noun), rng.pick(['', 'State', 'Query', 'Filter', 'Form', 'Selection', 'Polling']));
    case 'handler': return rng.pick([join2(noun, 'Routes'), `${plural(noun)}.routes`, join2(noun, 'Controller'), join2(noun, 'Handler'), join2(rng.pick(['auth', 'audit', 'rate', 'tenant', 'cors', 'error']), 'Middleware')]);
    case 'utility': return rng.pick([join2(noun, 'Utils'), join2('format', cap(noun)), join2(rng.pick(VERBS), cap(noun)), join2(noun, 'Helpers'), rng.pick(['strings', 'dates', 'math', 'arrays', 'objects', 'money', 'retry', 'ids', 'urls', 'errors'])]);
    case 'service': return rng.pick([pascal(noun, 'Service'), join2(noun, 'Repository'), join2(noun, 'Client'), pascal(noun, 'Manager'), join2(noun, 'Store')]);
    case 'reducer': return rng.pick([join2(noun, 'Reducer'), join2(noun, 'Slice'), `${noun}.store`]);
    case 'types': return rng.pick([noun, `${noun}.types`, join2(noun, 'Models'), join2(noun, 'Contracts'), 'api-types']);
    case 'config': return rng.pick([`${noun}.config`, 'defaults', 'settings', join2(noun, 'Settings'), 'featureFlags']);
    case 'script': return rng.pick([kebab('build', noun), kebab('migrate', plural(noun)), kebab('seed', plural(noun)), kebab('check', noun), 'release', kebab('export', plural(noun)), kebab('sync', plural(noun))]);
    case 'docker': return rng.pick([join2('docker', 'Client'), join2('sandbox', 'Runner'), join2('container', 'Manager'), join2(noun, 'Sandbox'), join2('docker', 'Health'), 'runtime', join2('engine', 'Api'), join2('image', 'Builder'), join2('job', 'Executor'), join2('container', 'Pool'), join2(noun, 'Worker'), join2('preview', 'Environments')]);
    default: throw new Error(kind);
  }
}

function plannedExports(rng, kind, ext, declaration, baseName) {
  const noun = rng.pick(NOUNS);
  const exports = [];
  const used = new Set();
  const add = (name, symbolKind) => {
    if (used.has(name)) return;
    used.add(name);
    exports.push({ name, kind: symbolKind });
  };
  const fnName = () => camel(rng.pick(VERBS), ...(rng.chance(0.35) ? [cap(rng.pick(QUALIFIERS))] : []), cap(rng.pick([noun, noun, rng.pick(NOUNS)])), ...(rng.chance(0.3) ? [rng.pick(['List', 'Map', 'Total', 'Label', 'Payload', 'Batch', 'Key'])] : []));
  const dockerName = () => camel(rng.pick(['start', 'run', 'launch', 'list', 'inspect', 'remove', 'stop', 'pull', 'prune', 'check', 'describe', 'ensure']), cap(rng.pick([noun, 'sandbox', 'preview', 'job', 'worker', 'build'])), rng.pick(['Container', 'Containers', 'Sandbox', 'Image', 'Runtime', 'Engine', '']));
  switch (kind) {
    case 'docker':
      for (let i = rng.int(2, 6); i > 0; i--) add(dockerName(), 'fn');
      break;
    case 'utility':
      for (let i = rng.int(2, 6); i > 0; i--) add(fnName(), 'fn');
      if (kind === 'utility' && rng.chance(0.3)) add(constCase(noun, rng.pick(['defaults', 'labels', 'limits', 'options'])), 'const');
      break;
    case 'service':
      add(pascal(noun, rng.pick(['Service', 'Repository', 'Client', 'Manager', 'Store', 'Gateway'])), 'class');
      if (rng.chance(0.5)) add(camel('create', cap(noun), rng.pick(['Service', 'Client', 'Store'])), 'fn');
      break;
    case 'component':
      add(baseName, 'component');
      if (rng.chance(0.3)) add(pascal(noun, rng.pick(COMPONENT_SUFFIXES)), 'component');
      break;
    case 'hook':
      add(baseName.startsWith('use') ? baseName : camel('use', cap(noun)), 'hook');
      if (rng.chance(0.4)) add(camel('use', cap(rng.pick(NOUNS)), rng.pick(['Options', 'Toggle', 'Pagination'])), 'hook');
      break;
    case 'handler':
      add(camel(plural(noun), 'Router'), 'router');
      for (let i = rng.int(0, 2); i > 0; i--) add(camel(rng.pick(['require', 'validate', 'limit', 'load', 'check']), cap(noun), rng.pick(['', 'Access', 'Body', 'Rate', 'Owner'])), 'middleware');
      break;
    case 'reducer':
      add(camel(noun, 'Reducer'), 'reducer');
      add(camel('initial', cap(noun), 'State'), 'const');
      for (let i = rng.int(1, 4); i > 0; i--) add(camel(rng.pick(['set', 'add', 'remove', 'reset', 'select', 'toggle', 'load']), cap(noun), rng.pick(['', 'Filter', 'Page', 'Item'])), 'fn');
      if (ext === '.ts') add(pascal(noun, 'State'), 'type');
      break;
    case 'types':
      for (let i = rng.int(3, 9); i > 0; i--) add(pascal(rng.pick([noun, noun, rng.pick(NOUNS)]), rng.pick(['', 'Summary', 'Input', 'Patch', 'Filter', 'Response', 'Record', 'Event', 'Options'])), 'type');
      if (!declaration && rng.chance(0.4)) add(pascal(noun, rng.pick(['Kind', 'Status', 'Level'])), 'enum');
      break;
    case 'config':
      add(rng.pick(['config', camel(noun, 'Config'), constCase(noun, 'settings'), 'defaults']), 'const');
      break;
    default:
      break; // tests and scripts export nothing
  }
  return exports;
}

function planCorpus(params) {
  const rng = createRng(`${params.seed}|plan`);
  const plans = [];
  const paths = new Set();
  const wsWeights = WORKSPACES.map((ws) => [ws, ws.weight]);
  for (let i = 0; i < params.files; i++) {
    const ws = rng.weighted(wsWeights);
    const kind = rng.weighted(ws.kinds);
    plans.push({ index: i, ws, kind });
  }
  // Docker files: ~dockerShare of the files; half in the workspaces that run containers,
  // half scattered through the rest (health checks, dev tooling, a gateway route...).
  const dockerCount = Math.round(params.files * params.dockerShare);
  const hostable = plans.filter((plan) => ['utility', 'service', 'handler', 'script'].includes(plan.kind));
  const dockerish = rng.sample(hostable.filter((plan) => plan.ws.dockerish), Math.ceil(dockerCount / 2));
  const scattered = rng.sample(hostable.filter((plan) => !plan.ws.dockerish), dockerCount - dockerish.length);
  for (const plan of [...dockerish, ...scattered]) {
    plan.host = plan.kind;
    plan.kind = 'docker';
    plan.docker = rng.weighted(DOCKER_VARIANTS);
  }
  const others = plans.filter((plan) => plan.kind !== 'docker' && plan.kind !== 'test');
  for (const plan of rng.sample(others, Math.round((params.files - dockerCount) * params.lookAlikeShare))) plan.lookAlike = true;

  for (const plan of plans) {
    const style = plan.ws.name.length % 2 === 0 ? 'kebab' : 'camel';
    let ext = plan.kind === 'test' ? null : rng.weighted(EXTENSIONS[plan.kind]);
    if (plan.kind === 'docker' && plan.docker === 'fetch' && ext === '.cjs') ext = '.mjs';
    plan.declaration = ext === '.d.ts';
    plan.ext = ext === '.d.ts' ? '.ts' : ext;
    if (plan.kind === 'test') {
      plan.path = null; // decided below, once its subject is known
    } else {
      for (let attempt = 0; ; attempt++) {
        const base = pickBaseName(rng, plan.kind, style) + (attempt > 8 ? String(attempt) : '');
        const stem = posix.join(pickFolder(rng, plan.kind, plan.ws), base);
        const candidate = stem + (ext ?? '.ts');
        // One file per stem and folder: `./x` must not be ambiguous between x.ts and x.js.
        if (!paths.has(stem)) {
          paths.add(stem);
          plan.path = candidate;
          plan.baseName = base;
          break;
        }
      }
    }
    plan.exports = plannedExports(rng, plan.kind, plan.ext, plan.declaration, plan.baseName ?? '');
    plan.defaultExport = ['component', 'service'].includes(plan.kind) && plan.ext !== '.cjs' && rng.chance(0.2) ? plan.exports[0].name : null;
    plan.module = plan.ext === '.cjs' ? 'cjs' : 'esm';
    const r = rng.float();
    plan.targetLines = params.minFileLines + Math.floor((params.maxFileLines - params.minFileLines) * r ** 2.5);
    plan.seed = `${params.seed}|file|${i32(plan.index)}`;
  }

  // Test files: subject = an earlier file of the same workspace (ts/js alike).
  for (const plan of plans.filter((p) => p.kind === 'test')) {
    const candidates = plans.filter((other) => other.index < plan.index && other.ws === plan.ws && other.path && !other.declaration && other.exports.some((e) => ['fn', 'class', 'component', 'hook', 'reducer', 'middleware'].includes(e.kind)) && other.module === 'esm');
    const subject = candidates.length > 0 ? rng.pick(candidates) : null;
    plan.subject = subject;
    const subjectExt = subject?.ext ?? '.ts';
    plan.ext = subjectExt === '.tsx' ? '.tsx' : subjectExt === '.ts' ? '.ts' : '.js';
    plan.module = 'esm';
    const stem = subject ? posix.basename(subject.path).replace(/\.(tsx?|m?js|cjs)$/, '') : camel(rng.pick(NOUNS), 'Flow');
    const folder = plan.ws.root ? posix.join(plan.ws.root, rng.pick(['test', 'test', 'test/unit', 'test/integration', 'src/__tests__'])) : 'tools/test';
    for (let attempt = 0; ; attempt++) {
      const testStem = posix.join(folder, `${stem}${attempt ? attempt + 1 : ''}.${rng.pick(['test', 'test', 'spec'])}`);
      const candidate = testStem + plan.ext;
      if (!paths.has(testStem)) {
        paths.add(testStem);
        plan.path = candidate;
        break;
      }
    }
  }

  // Barrels: each package exports a selection of its ESM TS/JS modules.
  const barrels = new Map();
  for (const wsItem of PACKAGE_WORKSPACES) {
    const names = new Set();
    const entries = [];
    for (const plan of plans) {
      if (plan.ws !== wsItem || plan.kind === 'test' || plan.module !== 'esm' || plan.kind === 'script' || plan.kind === 'config') continue;
      if (!rng.chance(0.35)) continue;
      const picked = plan.exports.filter((e) => !names.has(e.name) && e.name !== plan.defaultExport && e.kind !== 'enum');
      if (picked.length === 0) continue;
      for (const e of picked) names.add(e.name);
      entries.push({ plan, symbols: picked });
    }
    barrels.set(wsItem.name, { path: posix.join(wsItem.root, 'src/index.ts'), entries, symbols: entries.flatMap((entry) => entry.symbols) });
  }

  // Imports: earlier files of the same workspace, sometimes another package's barrel.
  for (const plan of plans) plan.imports = planImports(rng, plan, plans, barrels);
  return { plans, barrels };
}

const i32 = (n) => String(n).padStart(5, '0');

function importable(from, target, symbol) {
  if (symbol.kind === 'component' || symbol.kind === 'hook') return from.ext === '.tsx' || (symbol.kind === 'hook' && from.kind === 'hook');
  if (symbol.kind === 'type' || symbol.kind === 'enum') return from.ext === '.ts' || from.ext === '.tsx';
  if (symbol.kind === 'router') return from.kind === 'handler' || from.kind === 'test';
  if (from.module === 'cjs') return target.module === 'cjs';
  if (target.module === 'cjs') return false;
  if (from.ext === '.js' || from.ext === '.mjs') return target.ext === '.js' || target.ext === '.mjs';
  return true;
}

function planImports(rng, plan, plans, barrels) {
  if (plan.declaration) return [];
  const imports = [];
  const take = (target, symbols, specifierKind) => {
    if (symbols.length > 0) imports.push({ target, symbols, specifierKind });
  };
  if (plan.kind === 'test' && plan.subject) {
    take(plan.subject, plan.subject.exports.filter((e) => importable(plan, plan.subject, e)).slice(0, 4), 'relative');
  }
  const count = plan.kind === 'types' ? rng.int(0, 2) : rng.int(1, plan.kind === 'component' || plan.kind === 'service' ? 6 : 4);
  const window = plans.slice(Math.max(0, plan.index - 400), plan.index).filter((other) => other.ws === plan.ws && other.path && other.kind !== 'test' && other.kind !== 'script');
  const seen = new Set(imports.map((entry) => entry.target));
  for (let i = 0; i < count && window.length > 0; i++) {
    const target = rng.pick(window);
    if (seen.has(target)) continue;
    seen.add(target);
    const symbols = target.exports.filter((e) => importable(plan, target, e));
    take(target, rng.sample(symbols, rng.int(1, 3)), 'relative');
  }
  if (plan.module === 'esm' && rng.chance(plan.ws.root.startsWith('apps/') ? 0.7 : 0.25)) {
    const barrel = barrels.get(rng.pick(PACKAGE_WORKSPACES).name);
    if (barrel && !barrel.path.startsWith(`${plan.ws.root}/`)) {
      const symbols = barrel.entries.flatMap((entry) => entry.symbols.filter((e) => importable(plan, entry.plan, e)));
      take({ barrel }, rng.sample(symbols, rng.int(1, 3)), 'package');
    }
  }
  return imports;
}

// ---------------------------------------------------------------------------------------
// Phase 2: file contents.

class FileContext {
  constructor(plan) {
    this.plan = plan;
    this.rng = createRng(plan.seed);
    this.ts = plan.ext === '.ts' || plan.ext === '.tsx';
    this.cjs = plan.module === 'cjs';
    this.names = new Set(['input', 'options', 'result', 'results', 'value', 'error', 'state', 'action', 'props', 'items', 'router', 'docker', 'http', 'axios', 'React']);
    this.cjsExports = [];
    this.noun = this.rng.pick(NOUNS);
    this.usages = { fn: [], reducer: [], middleware: [], class: [], const: [], type: [], component: [], hook: [], router: [] };
  }
  /** `text` in TS files, nothing in JS. */
  t(text) {
    return this.ts ? text : '';
  }
  unique(base) {
    let name = base;
    for (let n = 2; this.names.has(name); n++) name = `${base}${n}`;
    this.names.add(name);
    return name;
  }
  exportPrefix(name) {
    if (this.cjs) {
      this.cjsExports.push(name);
      return '';
    }
    return this.plan.defaultExport === name ? 'export default ' : 'export ';
  }
  field(count) {
    return this.rng.sample(FIELDS, count);
  }
}

function relativeSpecifier(from, to, forceExtension) {
  let spec = posix.relative(posix.dirname(from.path), to.path);
  if (!spec.startsWith('.')) spec = `./${spec}`;
  if (forceExtension) return spec;
  if (to.declaration) return spec.replace(/\.d\.ts$/, '');
  return spec.replace(/\.(tsx|ts|js)$/, '');
}

function renderImports(ctx) {
  const { plan } = ctx;
  const out = [];
  const valueUse = (symbol, local) => {
    ctx.usages[symbol.kind === 'enum' ? 'type' : symbol.kind].push(local);
  };
  for (const entry of plan.imports) {
    const isBarrel = Boolean(entry.target.barrel);
    const specifier = isBarrel
      ? `@acme/${PACKAGE_WORKSPACES.find((w) => entry.target.barrel.path.startsWith(`${w.root}/`)).name}`
      : relativeSpecifier(plan, entry.target, !ctx.ts);
    const named = [];
    const types = [];
    let defaultLocal = null;
    for (const symbol of entry.symbols) {
      const local = ctx.names.has(symbol.name) ? ctx.unique(`${symbol.name}From${pascal(ctx.rng.pick(NOUNS))}`) : ctx.unique(symbol.name);
      if (!isBarrel && entry.target.defaultExport === symbol.name) {
        defaultLocal = local;
      } else if (symbol.kind === 'type') {
        types.push(local === symbol.name ? local : `${symbol.name} as ${local}`);
      } else {
        named.push(ctx.cjs ? (local === symbol.name ? local : `${symbol.name}: ${local}`) : local === symbol.name ? local : `${symbol.name} as ${local}`);
      }
      valueUse(symbol, local);
    }
    if (ctx.cjs) {
      out.push(`const { ${named.join(', ')} } = require('${specifier}');`);
      continue;
    }
    if (defaultLocal || named.length) {
      const parts = [defaultLocal, named.length ? `{ ${named.join(', ')} }` : null].filter(Boolean);
      out.push(`import ${parts.join(', ')} from '${specifier}';`);
    }
    if (types.length) out.push(`import type { ${types.join(', ')} } from '${specifier}';`);
  }
  return out;
}

/** A private function that exercises everything the file imports (so imports are used). */
function usageBlock(ctx) {
  const { fn, reducer, middleware, class: classes, const: consts, router, type } = ctx.usages;
  if (fn.length + reducer.length + middleware.length + classes.length + consts.length + router.length + type.length === 0) return [];
  const name = ctx.unique(camel(ctx.rng.pick(['wire', 'compose', 'collect', 'prepare', 'run']), cap(ctx.noun), ctx.rng.pick(['Dependencies', 'Pipeline', 'Steps', 'Context'])));
  const lines = [];
  if (type.length) {
    const describe = ctx.unique(camel('describe', cap(ctx.noun)));
    lines.push(`function ${describe}(value: ${type.join(' | ')} | undefined): string {`, '  return JSON.stringify(value ?? null);', '}', '');
  }
  lines.push(`${ctx.ts ? '// eslint-disable-next-line @typescript-eslint/no-explicit-any\n' : ''}function ${name}(input${ctx.t(': any')})${ctx.t(': unknown[]')} {`);
  lines.push(`  const results${ctx.t(': unknown[]')} = [];`);
  for (const local of fn) lines.push(`  results.push(${local}(input));`);
  for (const local of reducer) lines.push(`  results.push(${local}(undefined, { type: 'init', payload: input }));`);
  for (const local of middleware) lines.push(`  results.push(${local});`);
  for (const local of classes) lines.push(`  results.push(new ${local}({}));`);
  for (const local of consts) lines.push(`  results.push(${local});`);
  for (const local of router) lines.push(`  results.push(${local});`);
  lines.push('  return results;', '}');
  return lines.join('\n').split('\n');
}

function banner(ctx) {
  const { rng, plan } = ctx;
  const roll = rng.float();
  if (roll < 0.15) return ['// Copyright (c) Acme Corp. All rights reserved.', '// Licensed under the Apache License, Version 2.0.', ''];
  if (roll < 0.45) {
    const what = { component: 'UI', hook: 'React hooks', handler: 'HTTP routes', utility: 'Helpers', service: 'Service layer', reducer: 'State management', types: 'Type definitions', config: 'Configuration', script: 'Maintenance script', docker: 'Runtime integration', test: 'Tests' }[plan.kind];
    return ['/**', ` * ${what} for ${plural(ctx.noun)} (${plan.ws.name}).`, ` *`, ` * Owned by the ${rng.pick(['platform', 'growth', 'payments', 'core', 'infra', 'frontend'])} team; see docs/${ctx.noun}.md.`, ' */', ''];
  }
  return [];
}

// --- function shapes ---------------------------------------------------------------------

function fnBlock(ctx, name, exported) {
  const { rng } = ctx;
  const ex = exported ? ctx.exportPrefix(name) : '';
  const t = (s) => ctx.t(s);
  const [f1, f2, f3] = ctx.field(3);
  const noun = ctx.noun;
  const doc = rng.chance(0.5) ? ['/**', ` * ${cap(rng.pick(VERBS))}s ${plural(noun)} for the ${rng.pick(QUALIFIERS)} view.`, ...(rng.chance(0.5) ? [` * Returns an empty result for missing input.`] : []), ' */'] : [];
  const shape = rng.int(0, 9);
  let body;
  switch (shape) {
    case 0:
      body = `${ex}function ${name}(input${t(': unknown')}, options${t(': Record<string, unknown>')} = {})${t(': string[]')} {
  if (input === null || input === undefined) {
    return [];
  }
  const values = Array.isArray(input) ? input : [input];
  const separator = typeof options.separator === 'string' ? options.separator : ',';
  const result${t(': string[]')} = [];
  for (const value of values) {
    const text = String(value).trim();
    if (!text) continue;
    for (const part of text.split(separator)) {
      const normalized = part.trim().toLowerCase();
      if (normalized && !result.includes(normalized)) {
        result.push(normalized);
      }
    }
  }
  return result;
}`;
      break;
    case 1:
      body = `${ex}function ${name}(input${t(': any')}, key = '${f1[0]}')${t(': Record<string, unknown[]>')} {
  const groups${t(': Record<string, unknown[]>')} = {};
  const items = Array.isArray(input) ? input : [];
  for (const item of items) {
    const raw = item ? item[key] : undefined;
    const bucket = raw === undefined || raw === null ? 'unknown' : String(raw);
    if (!groups[bucket]) {
      groups[bucket] = [];
    }
    groups[bucket].push(item);
  }
  return groups;
}`;
      break;
    case 2:
      body = `${ex}async function ${name}(input${t(': unknown')}, attempts = ${rng.int(2, 5)})${t(': Promise<unknown>')} {
  let lastError${t(': unknown')};
  for (let attempt = 1; attempt <= attempts; attempt++) {
    try {
      const response = await fetch(\`${rng.pick(['https://api.acme.dev', 'https://internal.acme.io', '/api'])}/${plural(noun)}?attempt=\${attempt}\`, {
        method: '${rng.pick(['POST', 'PUT', 'PATCH'])}',
        headers: { 'content-type': 'application/json', 'x-request-source': '${ctx.plan.ws.name}' },
        body: JSON.stringify(input),
      });
      if (!response.ok) {
        throw new Error(\`${noun} request failed with \${response.status}\`);
      }
      return await response.json();
    } catch (error) {
      lastError = error;
      await new Promise((resolve) => setTimeout(resolve, attempt * ${rng.pick([100, 250, 500])}));
    }
  }
  throw lastError;
}`;
      break;
    case 3: {
      const pattern = ctx.unique(constCase(noun, 'pattern'));
      body = `const ${pattern} = /^([a-z]+)-(\\d{4})-(\\d+)$/i;

${ex}function ${name}(input${t(': unknown')})${t(': { prefix: string; year: number; sequence: number } | null')} {
  if (typeof input !== 'string') {
    return null;
  }
  const match = ${pattern}.exec(input.trim());
  if (!match) {
    return null;
  }
  const [, prefix, year, sequence] = match;
  return {
    prefix: prefix.toUpperCase(),
    year: Number(year),
    sequence: Number.parseInt(sequence, 10),
  };
}`;
      break;
    }
    case 4:
      body = `${ex}function ${name}(input${t(': unknown')}, precision = ${rng.int(0, 4)})${t(': number')} {
  const values = (Array.isArray(input) ? input : [input]).map(Number).filter((value) => Number.isFinite(value));
  if (values.length === 0) {
    return 0;
  }
  const total = values.reduce((sum, value) => sum + value, 0);
  const mean = total / values.length;
  const variance = values.reduce((sum, value) => sum + (value - mean) ** 2, 0) / values.length;
  const factor = 10 ** precision;
  return Math.round(Math.sqrt(variance) * factor) / factor;
}`;
      break;
    case 5:
      body = `${ex}function ${name}(input${t(': unknown')}, locale = '${rng.pick(['en-GB', 'en-US', 'de-DE', 'fr-FR'])}')${t(': string')} {
  const date = input instanceof Date ? input : new Date(String(input));
  if (Number.isNaN(date.getTime())) {
    return 'n/a';
  }
  const days = Math.floor((Date.now() - date.getTime()) / 86_400_000);
  if (days === 0) return 'today';
  if (days === 1) return 'yesterday';
  if (days < ${rng.pick([7, 14, 30])}) return \`\${days} days ago\`;
  const formatter = new Intl.DateTimeFormat(locale, { year: 'numeric', month: 'short', day: '2-digit' });
  return formatter.format(date);
}`;
      break;
    case 6: {
      const fields = ctx.field(rng.int(4, 12));
      body = `${ex}function ${name}(input${t(': any')})${t(': Record<string, unknown>')} {
  const source = input ?? {};
  return {
    id: String(source.id ?? ''),
${fields.map(([field, type]) => `    ${field}: ${type === 'number' ? `Number(source.${field} ?? 0)` : type === 'boolean' ? `Boolean(source.${field})` : `source.${field} ?? null`},`).join('\n')}
    kind: '${noun}',
  };
}`;
      break;
    }
    case 7: {
      const fields = ctx.field(rng.int(3, 8));
      body = `${ex}function ${name}(input${t(': any')})${t(': string[]')} {
  const errors${t(': string[]')} = [];
  if (!input || typeof input !== 'object') {
    return ['${noun} must be an object'];
  }
${fields.map(([field, type]) => (type === 'number'
    ? `  if (typeof input.${field} !== 'number' || Number.isNaN(input.${field})) {\n    errors.push('${field} must be a number');\n  }`
    : type === 'boolean'
      ? `  if (input.${field} !== undefined && typeof input.${field} !== 'boolean') {\n    errors.push('${field} must be true or false');\n  }`
      : `  if (!input.${field}) {\n    errors.push('${field} is required');\n  }`)).join('\n')}
  return errors;
}`;
      break;
    }
    case 8:
      body = `${ex}function ${name}(fn${t(': (...args: unknown[]) => unknown')} = () => undefined, wait = ${rng.pick([50, 100, 200, 300])}) {
  let timer${t(': ReturnType<typeof setTimeout> | undefined')};
  let lastArgs${t(': unknown[]')} = [];
  return (...args${t(': unknown[]')}) => {
    lastArgs = args;
    if (timer) {
      clearTimeout(timer);
    }
    timer = setTimeout(() => {
      timer = undefined;
      fn(...lastArgs);
    }, wait);
  };
}`;
      break;
    default:
      body = `${ex}function ${name}(input${t(': any')}, direction${t(": 'asc' | 'desc'")} = 'asc') {
  const items = Array.isArray(input) ? [...input] : [];
  const sign = direction === 'asc' ? 1 : -1;
  return items.sort((left, right) => {
    switch (typeof left.${f2[0]}) {
      case 'number':
        return sign * (left.${f2[0]} - right.${f2[0]});
      case 'string':
        return sign * String(left.${f2[0]}).localeCompare(String(right.${f2[0]}));
      case 'boolean':
        return sign * (Number(left.${f2[0]}) - Number(right.${f2[0]}));
      default:
        return String(left.${f3[0]} ?? '').localeCompare(String(right.${f3[0]} ?? ''));
    }
  });
}`;
  }
  return [...doc, ...body.split('\n')];
}

function constTableBlock(ctx, name, exported) {
  const { rng } = ctx;
  const ex = exported ? ctx.exportPrefix(name) : '';
  const entries = rng.sample(STATUSES, rng.int(4, STATUSES.length));
  const shape = rng.int(0, 2);
  if (shape === 0) {
    return [`${ex}const ${name}${ctx.t(': Record<string, string>')} = {`, ...entries.map((status) => `  ${status}: '${cap(status)} ${ctx.noun}',`), '};'];
  }
  if (shape === 1) {
    return [`${ex}const ${name} = Object.freeze({`, ...ctx.field(rng.int(3, 9)).map(([field, , sample]) => `  ${field}: ${sample},`), `  pageSize: ${rng.pick([10, 20, 25, 50, 100])},`, `  timeoutMs: ${rng.pick([1000, 5000, 15000, 30000])},`, '});'];
  }
  return [`${ex}const ${name} = [`, ...entries.map((status, i) => `  { value: '${status}', label: '${cap(status)}', order: ${i + 1} },`), `]${ctx.ts ? ' as const' : ''};`];
}

function commentBlock(ctx) {
  const { rng } = ctx;
  return rng.pick([
    [`// TODO(${rng.pick(['ana', 'marc', 'li', 'sam', 'joe'])}): remove once the ${rng.pick(QUALIFIERS)} ${plural(ctx.noun)} migration has shipped.`],
    ['/*', ` * Note: ${plural(ctx.noun)} are cached for ${rng.int(1, 60)} minutes; invalidate on write.`, ' * Keep this in sync with the backend contract.', ' */'],
    null,
  ]) ?? debugBlock(ctx);
}

function debugBlock(ctx) {
  const flag = ctx.unique('debugEnabled');
  return [
    `const ${flag} = ${ctx.ts ? 'Boolean((globalThis as Record<string, unknown>).__DEBUG__)' : 'Boolean(globalThis.__DEBUG__)'};`,
    '// eslint-disable-next-line no-console',
    `if (${flag}) console.debug('${ctx.plan.ws.name}: ${ctx.noun} module loaded');`,
  ];
}

function smallClassBlock(ctx) {
  const name = ctx.unique(pascal(ctx.noun, ctx.rng.pick(['Error', 'Cache', 'Queue', 'Registry'])));
  const t = (s) => ctx.t(s);
  if (name.includes('Error')) {
    return `class ${name} extends Error {
  ${t('readonly ')}code${t(': string')};
  constructor(message${t(': string')}, code = '${constCase(ctx.noun, 'failed')}') {
    super(message);
    this.name = '${name}';
    this.code = code;
  }
}`.split('\n');
  }
  return `class ${name} {
  ${t('private ')}entries = new Map${t('<string, { value: unknown; expires: number }>')}();
  ${t('private readonly ')}ttlMs${t(': number')};

  constructor(ttlMs = ${ctx.rng.pick([1000, 60000, 300000])}) {
    this.ttlMs = ttlMs;
  }

  get(key${t(': string')})${t(': unknown')} {
    const entry = this.entries.get(key);
    if (!entry || entry.expires < Date.now()) {
      this.entries.delete(key);
      return undefined;
    }
    return entry.value;
  }

  set(key${t(': string')}, value${t(': unknown')})${t(': void')} {
    this.entries.set(key, { value, expires: Date.now() + this.ttlMs });
  }

  clear()${t(': void')} {
    this.entries.clear();
  }
}`.split('\n');
}

/** Strings and names that look Docker-ish to a grep but are not Engine API calls. */
function lookAlikeBlock(ctx) {
  const { rng } = ctx;
  const t = (s) => ctx.t(s);
  const name = (base) => ctx.unique(base);
  switch (rng.int(0, 8)) {
    case 0:
      return [`// Avatars and thumbnails are served from the CDN under /images/.`, `function ${name('imageUrl')}(id${t(': string')}, size = 128)${t(': string')} {`, `  return \`https://cdn.acme.dev/images/${plural(ctx.noun)}/\${id}?w=\${size}\`;`, '}'];
    case 1:
      return [`function ${name('getContainer')}(id${t(': string')}) {`, `  // the layout container, not a Docker one`, `  return typeof document === 'undefined' ? null : document.getElementById(id);`, '}', '', `function ${name('resetContainers')}()${t(': number')} {`, `  const containers = typeof document === 'undefined' ? [] : Array.from(document.querySelectorAll('.${ctx.noun}-container'));`, `  containers.forEach((container) => container.remove());`, '  return containers.length;', '}'];
    case 2:
      return [`// Shipping containers (ISO 6346), tracked through the logistics partner API.`, `async function ${name('trackContainer')}(containerNumber${t(': string')}) {`, `  const response = await fetch(\`https://logistics.example.com/v1/containers/\${containerNumber}/events\`);`, `  if (!response.ok) throw new Error(\`tracking failed: \${response.status}\`);`, `  return response.json();`, '}'];
    case 3:
      return [`// NOTE: this service must never mount /var/run/docker.sock; it runs unprivileged.`, `const ${name('RUNS_IN_DOCKER')} = typeof process !== 'undefined' && Boolean(process.env.RUNNING_IN_DOCKER);`];
    case 4:
      return [`const ${name('podTemplate')} = {`, `  apiVersion: 'v1',`, `  kind: 'Pod',`, `  metadata: { name: '${ctx.noun}-worker', labels: { app: '${ctx.plan.ws.name}' } },`, `  spec: {`, `    containers: [{ name: '${ctx.noun}', image: 'ghcr.io/acme/${ctx.plan.ws.name}:latest', ports: [{ containerPort: 8080 }] }],`, `    restartPolicy: 'Always',`, '  },', '};'];
    case 5:
      return [`// Upload goes through the image service (resizing), not the docker registry.`, `function ${name('uploadOptions')}(fileName${t(': string')}) {`, `  return { host: 'images.acme.dev', path: \`/images/upload?name=\${encodeURIComponent(fileName)}\`, method: 'POST' };`, '}'];
    case 6:
      return [`// IPC with the local agent over a unix socket (see agent/README.md).`, `const ${name('AGENT_SOCKET')} = { socketPath: '/tmp/acme-agent.sock', path: '/status' };`];
    case 7:
      return [`// Images and containers pages share the same pagination helpers.`, `const ${name('LIST_ROUTES')} = ['/images/json', '/containers', '/api/images', '/api/containers/list'];`];
    default:
      return [`// Locally this runs under docker compose; in production under systemd.`, `const ${name('runtimeLabel')} = '${rng.pick(['docker-compose', 'systemd', 'kubernetes'])}';`];
  }
}

function fillerBlock(ctx) {
  const roll = ctx.rng.float();
  if (roll < 0.78) return fnBlock(ctx, ctx.unique(camel(ctx.rng.pick(VERBS), cap(ctx.rng.pick(NOUNS)), ctx.rng.pick(['', 'Internal', 'Impl', 'Safe', 'Once']))), false);
  if (roll < 0.9) return constTableBlock(ctx, ctx.unique(constCase(ctx.noun, ctx.rng.pick(['labels', 'defaults', 'order', 'limits', 'options']))), false);
  if (roll < 0.95) return smallClassBlock(ctx);
  return commentBlock(ctx);
}

/** Adds blocks until the file reaches its target size (never beyond maxFileLines). */
function fill(ctx, lines, target, params, makeBlock = fillerBlock) {
  let guard = 0;
  while (lines.length < target && guard++ < 200) {
    const block = makeBlock(ctx);
    if (lines.length + block.length + 1 > params.maxFileLines && lines.length >= params.minFileLines) break;
    lines.push('', ...block);
  }
}

// --- kinds -----------------------------------------------------------------------------

function moduleFile(ctx, params, exportBlocks, extraHeader = [], shebang = false) {
  const { plan } = ctx;
  const lines = [...(shebang ? ['#!/usr/bin/env node'] : []), ...banner(ctx), ...extraHeader, ...renderImports(ctx)];
  const body = [];
  if (plan.lookAlike) body.push(lookAlikeBlock(ctx));
  for (const block of exportBlocks) body.push(block);
  const usage = usageBlock(ctx);
  if (usage.length) {
    if (ctx.rng.chance(0.5)) body.unshift(usage);
    else body.push(usage);
  }
  for (const block of body) lines.push('', ...block);
  const footer = ctx.cjs && ctx.cjsExports.length ? ['', `module.exports = { ${ctx.cjsExports.join(', ')} };`] : [];
  fill(ctx, lines, plan.targetLines - footer.length, params);
  const names = ctx.cjs && ctx.cjsExports.length ? [`module.exports = { ${ctx.cjsExports.join(', ')} };`] : [];
  if (names.length) lines.push('', ...names);
  return lines;
}

function utilityFile(ctx, params) {
  const blocks = ctx.plan.exports.map((e) => (e.kind === 'const' ? constTableBlock(ctx, e.name, true) : fnBlock(ctx, e.name, true)));
  for (const e of ctx.plan.exports) ctx.names.add(e.name);
  return moduleFile(ctx, params, blocks);
}

function serviceMethods(ctx, className) {
  const { rng } = ctx;
  const t = (s) => ctx.t(s);
  const record = ctx.ts ? 'Record<string, unknown>' : '';
  const noun = ctx.noun;
  const pool = [
    `  async list(filter${t(': Record<string, unknown>')} = {})${t(`: Promise<${record}[]>`)} {
    this.requests += 1;
    const all = Array.from(this.cache.values());
    return all.filter((item) => Object.entries(filter).every(([key, expected]) => item[key] === expected));
  }`,
    `  async findById(id${t(': string')})${t(`: Promise<${record} | undefined>`)} {
    if (!id) {
      throw new Error('${noun} id is required');
    }
    const cached = this.cache.get(id);
    if (cached) {
      return cached;
    }
    this.requests += 1;
    const response = await fetch(\`\${this.baseUrl}/\${encodeURIComponent(id)}\`);
    if (response.status === 404) {
      return undefined;
    }
    const body = await response.json();
    this.cache.set(id, body);
    return body;
  }`,
    `  async save(entity${t(`: ${record}`)})${t(`: Promise<${record}>`)} {
    const id = String(entity.id ?? \`${noun}_\${this.cache.size + 1}\`);
    const stored = { ...entity, id, updatedAt: new Date().toISOString() };
    this.cache.set(id, stored);
    this.emit('saved', stored);
    return stored;
  }`,
    `  async remove(id${t(': string')})${t(': Promise<boolean>')} {
    const existed = this.cache.delete(id);
    if (existed) {
      this.emit('removed', { id });
    }
    return existed;
  }`,
    `  on(event${t(': string')}, listener${t(': (payload: unknown) => void')})${t(': () => void')} {
    const listeners = this.listeners.get(event) ?? [];
    listeners.push(listener);
    this.listeners.set(event, listeners);
    return () => {
      this.listeners.set(event, (this.listeners.get(event) ?? []).filter((entry) => entry !== listener));
    };
  }`,
    `  ${t('private ')}emit(event${t(': string')}, payload${t(': unknown')})${t(': void')} {
    for (const listener of this.listeners.get(event) ?? []) {
      try {
        listener(payload);
      } catch (error) {
        console.warn(\`${className}: listener for \${event} failed\`, error);
      }
    }
  }`,
    `  invalidate(predicate${t(`: (item: ${record}) => boolean`)} = () => true)${t(': number')} {
    let removed = 0;
    for (const [key, item] of this.cache) {
      if (predicate(item)) {
        this.cache.delete(key);
        removed += 1;
      }
    }
    return removed;
  }`,
    `  async ${camel('bulk', cap(rng.pick(['update', 'import', 'sync'])))}(entities${t(`: ${record}[]`)})${t(': Promise<{ ok: number; failed: number }>')} {
    let ok = 0;
    let failed = 0;
    for (const chunk of chunked(entities, ${rng.pick([10, 25, 50])})) {
      const settled = await Promise.allSettled(chunk.map((entity) => this.save(entity)));
      ok += settled.filter((outcome) => outcome.status === 'fulfilled').length;
      failed += settled.filter((outcome) => outcome.status === 'rejected').length;
    }
    return { ok, failed };
  }`,
    `  toJSON()${t(': Record<string, unknown>')} {
    return { service: '${className}', baseUrl: this.baseUrl, cached: this.cache.size, requests: this.requests };
  }`,
    `  static fromEnv(env${t(': Record<string, string | undefined>')} = {})${t(`: ${className}`)} {
    return new ${className}({ baseUrl: env.${constCase(noun, 'api', 'url')} ?? 'https://api.acme.dev/${plural(noun)}', timeoutMs: Number(env.${constCase(noun, 'timeout')} ?? 5000) });
  }`,
  ];
  return pool;
}

function serviceFile(ctx, params) {
  const { plan, rng } = ctx;
  const t = (s) => ctx.t(s);
  const classExport = plan.exports.find((e) => e.kind === 'class');
  const className = classExport.name;
  ctx.names.add(className);
  ctx.names.add('chunked');
  const methods = rng.shuffle(serviceMethods(ctx, className));
  // Methods that `bulk*` and `save` rely on always stay.
  const keep = methods.filter((method) => /emit\(|save\(entity|bulk/.test(method.split('\n')[0]));
  const rest = methods.filter((method) => !keep.includes(method));
  const budget = Math.max(0, Math.floor((plan.targetLines - 60) / 11));
  const chosen = [...keep, ...rest.slice(0, Math.min(rest.length, budget))];
  const classBlock = [
    ...(rng.chance(0.6) ? ['/**', ` * Reads and writes ${plural(ctx.noun)}; caches what it reads.`, ' */'] : []),
    `${ctx.exportPrefix(className)}class ${className} {`,
    `  ${t('private readonly ')}cache = new Map${t('<string, Record<string, unknown>>')}();`,
    `  ${t('private readonly ')}listeners = new Map${t('<string, Array<(payload: unknown) => void>>')}();`,
    `  ${t('private readonly ')}baseUrl${t(': string')};`,
    `  ${t('private readonly ')}timeoutMs${t(': number')};`,
    `  ${t('private ')}requests = 0;`,
    '',
    `  constructor(options${t(': Record<string, any>')} = {}) {`,
    `    this.baseUrl = options.baseUrl ?? 'https://api.acme.dev/${plural(ctx.noun)}';`,
    `    this.timeoutMs = options.timeoutMs ?? ${rng.pick([2000, 5000, 10000])};`,
    '  }',
    '',
    `  get size()${t(': number')} {`,
    '    return this.cache.size;',
    '  }',
    ...chosen.flatMap((method) => ['', ...method.split('\n')]),
    '}',
  ];
  const helper = `function chunked${t('<T>')}(items${t(': T[]')}, size${t(': number')})${t(': T[][]')} {
  const chunks${t(': T[][]')} = [];
  for (let index = 0; index < items.length; index += size) {
    chunks.push(items.slice(index, index + size));
  }
  return chunks;
}`.split('\n');
  const blocks = [helper, classBlock];
  for (const e of plan.exports.filter((x) => x.kind === 'fn')) {
    ctx.names.add(e.name);
    blocks.push([`${ctx.exportPrefix(e.name)}function ${e.name}(options${t(': Record<string, any>')} = {})${t(`: ${className}`)} {`, `  return new ${className}({ ...options, timeoutMs: options.timeoutMs ?? ${rng.pick([1500, 3000, 8000])} });`, '}']);
  }
  return moduleFile(ctx, params, blocks);
}

function componentFile(ctx, params) {
  const { plan, rng } = ctx;
  const hooks = ['useEffect', 'useMemo', 'useState', 'useCallback'];
  for (const hook of hooks) ctx.names.add(hook);
  const header = [`import { ${hooks.join(', ')} } from 'react';`];
  const components = plan.exports.filter((e) => e.kind === 'component');
  for (const e of components) ctx.names.add(e.name);
  const blocks = components.map((e, i) => componentBlock(ctx, e.name, true, i === 0));
  const lines = [...banner(ctx), ...header, ...renderImports(ctx)];
  const usage = usageBlock(ctx);
  for (const block of [usage, plan.lookAlike ? lookAlikeBlock(ctx) : [], ...blocks]) if (block.length) lines.push('', ...block);
  fill(ctx, lines, plan.targetLines, params, (c) => (c.rng.chance(0.55) ? componentBlock(c, c.unique(pascal(c.rng.pick(NOUNS), c.rng.pick(COMPONENT_SUFFIXES))), false, false) : fillerBlock(c)));
  return lines;
}

function componentBlock(ctx, name, exported, main) {
  const { rng } = ctx;
  const noun = rng.pick([ctx.noun, ctx.noun, rng.pick(NOUNS)]);
  const propsName = ctx.unique(`${name}Props`);
  const ex = exported ? ctx.exportPrefix(name) : '';
  const hookCalls = main ? ctx.usages.hook.map((hook) => `  const ${ctx.unique(`${hook.replace(/^use/, '').replace(/^./, (c) => c.toLowerCase())}State`)} = ${hook}();`) : [];
  const children = main ? ctx.usages.component.map((child) => `      <${child} />`) : [];
  const shape = rng.int(0, 2);
  const propsInterface = [`${exported ? 'export ' : ''}interface ${propsName} {`, '  title?: string;', '  items?: Array<{ id: string; label: string; status?: string }>;', '  onSelect?: (id: string) => void;', '  compact?: boolean;', ...ctx.field(rng.int(0, 4)).filter(([field]) => field !== 'title').map(([field, type]) => `  ${field}?: ${type};`), '}'];
  if (shape === 0) {
    return [...propsInterface, '', `${ex}function ${name}({ title = '${cap(plural(noun))}', items = [], onSelect, compact = false }: ${propsName}) {`,
      "  const [query, setQuery] = useState('');",
      '  const [selected, setSelected] = useState<string | null>(null);',
      ...hookCalls,
      '  const visible = useMemo(',
      '    () => items.filter((item) => item.label.toLowerCase().includes(query.toLowerCase())),',
      '    [items, query],',
      '  );',
      '',
      '  useEffect(() => {',
      '    if (selected && onSelect) {',
      '      onSelect(selected);',
      '    }',
      '  }, [selected, onSelect]);',
      '',
      '  return (',
      `    <section className={compact ? '${noun}-list ${noun}-list--compact' : '${noun}-list'}>`,
      `      <header className="${noun}-list__header">`,
      '        <h2>{title}</h2>',
      `        <input value={query} onChange={(event) => setQuery(event.target.value)} placeholder="Search ${plural(noun)}" />`,
      '      </header>',
      '      {visible.length === 0 ? (',
      `        <p className="empty">No ${plural(noun)} found.</p>`,
      '      ) : (',
      '        <ul>',
      '          {visible.map((item) => (',
      "            <li key={item.id} className={item.id === selected ? 'selected' : undefined} onClick={() => setSelected(item.id)}>",
      '              <span>{item.label}</span>',
      '              {item.status && <span className={`badge badge--${item.status}`}>{item.status}</span>}',
      '            </li>',
      '          ))}',
      '        </ul>',
      '      )}',
      ...children,
      '    </section>',
      '  );',
      '}'];
  }
  if (shape === 1) {
    const fields = ctx.field(rng.int(3, 8));
    return [...propsInterface, '', `${ex}function ${name}({ title = 'Edit ${noun}', onSelect }: ${propsName}) {`,
      `  const [values, setValues] = useState<Record<string, string>>({ ${fields.map(([field]) => `${field}: ''`).join(', ')} });`,
      '  const [errors, setErrors] = useState<string[]>([]);',
      '  const [submitting, setSubmitting] = useState(false);',
      ...hookCalls,
      '',
      '  const update = useCallback((field: string, value: string) => {',
      '    setValues((current) => ({ ...current, [field]: value }));',
      '  }, []);',
      '',
      '  const submit = useCallback(async () => {',
      '    const missing = Object.entries(values).filter(([, value]) => !value).map(([field]) => `${field} is required`);',
      '    setErrors(missing);',
      '    if (missing.length > 0) return;',
      '    setSubmitting(true);',
      '    try {',
      `      const response = await fetch('/api/${plural(noun)}', { method: 'POST', body: JSON.stringify(values) });`,
      '      const saved = await response.json();',
      '      onSelect?.(saved.id);',
      '    } finally {',
      '      setSubmitting(false);',
      '    }',
      '  }, [values, onSelect]);',
      '',
      '  return (',
      `    <form className="${noun}-form" onSubmit={(event) => { event.preventDefault(); void submit(); }}>`,
      '      <h3>{title}</h3>',
      ...fields.flatMap(([field]) => [
        `      <label className="field">`,
        `        <span>${cap(field)}</span>`,
        `        <input name="${field}" value={values.${field}} onChange={(event) => update('${field}', event.target.value)} />`,
        '      </label>',
      ]),
      '      {errors.length > 0 && (',
      '        <ul className="errors">',
      '          {errors.map((message) => <li key={message}>{message}</li>)}',
      '        </ul>',
      '      )}',
      ...children,
      `      <button type="submit" disabled={submitting}>{submitting ? 'Saving…' : 'Save'}</button>`,
      '    </form>',
      '  );',
      '}'];
  }
  const columns = ctx.field(rng.int(3, 7));
  return [...propsInterface, '', `${ex}function ${name}({ title = '${cap(plural(noun))}', items = [], compact }: ${propsName}) {`,
    `  const [sortKey, setSortKey] = useState('${columns[0][0]}');`,
    '  const [page, setPage] = useState(0);',
    `  const pageSize = compact ? ${rng.pick([5, 10])} : ${rng.pick([20, 25, 50])};`,
    ...hookCalls,
    '  const rows = useMemo(() => {',
    '    const sorted = [...items].sort((a, b) => String((a as Record<string, unknown>)[sortKey] ?? \'\').localeCompare(String((b as Record<string, unknown>)[sortKey] ?? \'\')));',
    '    return sorted.slice(page * pageSize, (page + 1) * pageSize);',
    '  }, [items, sortKey, page, pageSize]);',
    '',
    '  return (',
    `    <div className="${noun}-table">`,
    '      <h3>{title}</h3>',
    '      <table>',
    '        <thead>',
    '          <tr>',
    ...columns.map(([field]) => `            <th onClick={() => setSortKey('${field}')}>${cap(field)}</th>`),
    '          </tr>',
    '        </thead>',
    '        <tbody>',
    '          {rows.map((row) => (',
    '            <tr key={row.id}>',
    ...columns.map(([field]) => `              <td>{String((row as Record<string, unknown>).${field} ?? '')}</td>`),
    '            </tr>',
    '          ))}',
    '        </tbody>',
    '      </table>',
    '      <nav className="pager">',
    '        <button disabled={page === 0} onClick={() => setPage(page - 1)}>Previous</button>',
    '        <span>{page + 1}</span>',
    '        <button disabled={(page + 1) * pageSize >= items.length} onClick={() => setPage(page + 1)}>Next</button>',
    '      </nav>',
    ...children,
    '    </div>',
    '  );',
    '}'];
}

function hookFile(ctx, params) {
  const { plan, rng } = ctx;
  for (const hook of ['useCallback', 'useEffect', 'useRef', 'useState']) ctx.names.add(hook);
  const header = [`import { useCallback, useEffect, useRef, useState } from 'react';`];
  const blocks = plan.exports.map((e) => {
    ctx.names.add(e.name);
    const noun = rng.pick([ctx.noun, rng.pick(NOUNS)]);
    const inner = ctx.usages.hook.filter((h) => h !== e.name).map((h) => `  const ${ctx.unique(`${h.slice(3).replace(/^./, (c) => c.toLowerCase())}Value`)} = ${h}();`);
    return [`${ctx.exportPrefix(e.name)}function ${e.name}(initial?: unknown, pollMs = ${rng.pick([0, 5000, 15000, 30000])}) {`,
      `  const [data, setData] = useState<unknown>(initial ?? null);`,
      '  const [loading, setLoading] = useState(false);',
      '  const [error, setError] = useState<Error | null>(null);',
      '  const mounted = useRef(true);',
      ...inner,
      '',
      '  const reload = useCallback(async () => {',
      '    setLoading(true);',
      '    try {',
      `      const response = await fetch('/api/${plural(noun)}');`,
      '      const body = await response.json();',
      '      if (mounted.current) setData(body);',
      '    } catch (caught) {',
      '      if (mounted.current) setError(caught as Error);',
      '    } finally {',
      '      if (mounted.current) setLoading(false);',
      '    }',
      '  }, []);',
      '',
      '  useEffect(() => {',
      '    mounted.current = true;',
      '    void reload();',
      '    const timer = pollMs > 0 ? setInterval(() => void reload(), pollMs) : undefined;',
      '    return () => {',
      '      mounted.current = false;',
      '      if (timer) clearInterval(timer);',
      '    };',
      '  }, [reload, pollMs]);',
      '',
      '  return { data, loading, error, reload };',
      '}'];
  });
  return moduleFile(ctx, params, blocks, header);
}

function handlerFile(ctx, params) {
  const { plan, rng } = ctx;
  const t = (s) => ctx.t(s);
  const router = plan.exports.find((e) => e.kind === 'router');
  const noun = ctx.noun;
  const base = `/api/${plural(noun)}`;
  ctx.names.add(router.name);
  ctx.names.add('store');
  const header = ctx.cjs
    ? ["const express = require('express');"]
    : ctx.ts
      ? ["import { Router } from 'express';", "import type { NextFunction, Request, Response } from 'express';"]
      : ["import { Router } from 'express';"];
  const sig = t(': Request') ? `(req${t(': Request')}, res${t(': Response')}, next${t(': NextFunction')})` : '(req, res, next)';
  const routes = [
    `${router.name}.get('${base}', async ${sig} => {
  try {
    const page = Math.max(Number(req.query.page ?? 1), 1);
    const limit = Math.min(Number(req.query.limit ?? 20), 100);
    const all = Array.from(store.values());
    const items = all.slice((page - 1) * limit, page * limit);
    res.json({ items, page, limit, total: all.length });
  } catch (error) {
    next(error);
  }
});`,
    `${router.name}.get('${base}/:id', ${sig} => {
  const item = store.get(req.params.id);
  if (!item) {
    res.status(404).json({ error: '${noun} not found' });
    return;
  }
  res.json(item);
});`,
    `${router.name}.post('${base}', ${sig} => {
  const body = req.body ?? {};
  if (!body.${rng.pick(FIELDS)[0]}) {
    res.status(400).json({ error: 'invalid ${noun}' });
    return;
  }
  const id = \`${noun.slice(0, 3)}_\${store.size + 1}\`;
  const created = { ...body, id, createdAt: new Date().toISOString() };
  store.set(id, created);
  res.status(201).location(\`${base}/\${id}\`).json(created);
});`,
    `${router.name}.patch('${base}/:id', ${sig} => {
  const existing = store.get(req.params.id);
  if (!existing) {
    res.sendStatus(404);
    return;
  }
  const updated = { ...existing, ...req.body, id: existing.id, updatedAt: new Date().toISOString() };
  store.set(existing.id, updated);
  res.json(updated);
});`,
    `${router.name}.delete('${base}/:id', ${sig} => {
  const removed = store.delete(req.params.id);
  res.sendStatus(removed ? 204 : 404);
});`,
    `${router.name}.get('${base}/export.csv', ${sig} => {
  const rows = Array.from(store.values()).map((item) => [item.id, item.${rng.pick(FIELDS)[0]} ?? '', item.createdAt ?? ''].join(','));
  res.type('text/csv').send(['id,${rng.pick(FIELDS)[0]},createdAt', ...rows].join('\\n'));
});`,
    `${router.name}.post('${base}/search', ${sig} => {
  const term = String(req.body?.term ?? '').toLowerCase();
  const matches = Array.from(store.values()).filter((item) => JSON.stringify(item).toLowerCase().includes(term));
  res.json({ term, matches: matches.slice(0, ${rng.pick([20, 50, 100])}) });
});`,
  ];
  const middleware = plan.exports.filter((e) => e.kind === 'middleware').map((e) => {
    ctx.names.add(e.name);
    return `${ctx.exportPrefix(e.name)}function ${e.name}${sig} {
  const header = req.headers['${rng.pick(['authorization', 'x-tenant-id', 'x-api-key', 'content-type'])}'];
  if (!header) {
    res.status(${rng.pick([400, 401, 403])}).json({ error: 'missing ${rng.pick(['credentials', 'tenant', 'api key', 'content type'])}' });
    return;
  }
  next();
}`.split('\n');
  });
  const routerDecl = ctx.cjs ? `const ${router.name} = express.Router();` : `${ctx.exportPrefix(router.name)}const ${router.name} = Router();`;
  if (ctx.cjs) ctx.exportPrefix(router.name);
  const blocks = [[`const store = new Map${t('<string, Record<string, any>>')}();`, routerDecl], ...middleware, ...rng.shuffle(routes).slice(0, rng.int(3, routes.length)).map((route) => route.split('\n'))];
  return moduleFile(ctx, params, blocks, header);
}

function reducerFile(ctx, params) {
  const { plan, rng } = ctx;
  const t = (s) => ctx.t(s);
  const reducer = plan.exports.find((e) => e.kind === 'reducer');
  const initial = plan.exports.find((e) => e.kind === 'const');
  const stateType = plan.exports.find((e) => e.kind === 'type');
  for (const e of plan.exports) ctx.names.add(e.name);
  const noun = ctx.noun;
  const stateName = stateType?.name ?? pascal(noun, 'State');
  const actions = [];
  const actionNames = new Set();
  const caseCount = rng.int(10, Math.max(12, Math.min(45, Math.floor(plan.targetLines / 6))));
  for (let i = 0; actions.length < caseCount && i < caseCount * 4; i++) {
    const type = `${noun}/${camel(rng.pick(VERBS), cap(rng.pick([...STATUSES, ...QUALIFIERS])))}`;
    if (!actionNames.has(type)) {
      actionNames.add(type);
      actions.push(type);
    }
  }
  const caseBody = (type, i) => {
    switch (i % 7) {
      case 0: return [`    case '${type}':`, `      return { ...state, status: 'loading', error: null };`];
      case 1: return [`    case '${type}':`, '      return { ...state, status: \'idle\', items: [...state.items, ...(action.payload ?? [])] };'];
      case 2: return [`    case '${type}':`, '      return { ...state, items: state.items.filter((item) => item.id !== action.payload) };'];
      case 3: return [`    case '${type}': {`, '      const { id, changes } = action.payload ?? {};', '      return {', '        ...state,', '        items: state.items.map((item) => (item.id === id ? { ...item, ...changes } : item)),', '      };', '    }'];
      case 4: return [`    case '${type}':`, `      return { ...state, selectedId: action.payload ?? null };`];
      case 5: {
        const flag = rng.pick(['showArchived', 'expanded', 'dirty', 'stale']);
        return [`    case '${type}':`, `      return { ...state, ${flag}: !state.${flag} };`];
      }
      default: return [`    case '${type}':`, `      return { ...state, status: 'error', error: String(action.payload ?? '${noun} failed') };`];
    }
  };
  const stateFields = ['  items: Array<Record<string, any>>;', "  status: 'idle' | 'loading' | 'error';", '  error: string | null;', '  selectedId: string | null;', '  showArchived: boolean;', '  expanded: boolean;', '  dirty: boolean;', '  stale: boolean;'];
  const blocks = [];
  if (ctx.ts) blocks.push([`${stateType ? 'export ' : ''}interface ${stateName} {`, ...stateFields, '}']);
  else blocks.push(['/**', ` * @typedef {object} ${stateName}`, ...stateFields.map((line) => ` * @property {${line.slice(2).replace(/^\w+: /, '').replace(/;$/, '')}} ${line.trim().split(':')[0]}`), ' */']);
  blocks.push([...(ctx.ts ? [] : [`/** @type {${stateName}} */`]), `${ctx.exportPrefix(initial.name)}const ${initial.name}${t(`: ${stateName}`)} = {`, '  items: [],', "  status: 'idle',", '  error: null,', '  selectedId: null,', '  showArchived: false,', '  expanded: true,', '  dirty: false,', '  stale: false,', '};']);
  blocks.push([
    ...(ctx.ts ? [] : ['/**', ` * @param {${stateName}} state`, ' * @param {{ type: string, payload?: any }} action', ` * @returns {${stateName}}`, ' */']),
    `${ctx.exportPrefix(reducer.name)}function ${reducer.name}(state${t(`: ${stateName}`)} = ${initial.name}, action${t(': { type: string; payload?: any }')})${t(`: ${stateName}`)} {`,
    '  switch (action.type) {',
    ...actions.flatMap(caseBody),
    '    default:',
    '      return state;',
    '  }',
    '}',
  ]);
  for (const creator of plan.exports.filter((e) => e.kind === 'fn' && e !== reducer)) {
    blocks.push([`${ctx.exportPrefix(creator.name)}function ${creator.name}(payload${t('?: unknown')}) {`, `  return { type: '${rng.pick(actions)}', payload };`, '}']);
  }
  return moduleFile(ctx, params, blocks);
}

function typesFile(ctx, params) {
  const { plan, rng } = ctx;
  for (const e of plan.exports) ctx.names.add(e.name);
  const declare = plan.declaration;
  const blocks = plan.exports.map((e) => {
    if (e.kind === 'enum') {
      return [`export enum ${e.name} {`, ...rng.sample(STATUSES, rng.int(3, 8)).map((status) => `  ${cap(status)} = '${status}',`), '}'];
    }
    const shape = rng.int(0, 3);
    if (shape === 0 || shape === 3) {
      return [...(rng.chance(0.5) ? [`/** ${cap(ctx.noun)} as returned by the ${rng.pick(['v1', 'v2', 'internal'])} API. */`] : []), `export interface ${e.name} {`, '  id: string;', ...ctx.field(rng.int(4, 18)).map(([field, type]) => `  ${field}${rng.chance(0.3) ? '?' : ''}: ${type};`), '}'];
    }
    if (shape === 1) return [`export type ${e.name} =`, ...rng.sample(STATUSES, rng.int(3, 8)).map((status, i, all) => `  | '${status}'${i === all.length - 1 ? ';' : ''}`)];
    return [`export type ${e.name} = {`, `  items: Array<{ id: string; ${ctx.field(2).map(([f, ty]) => `${f}: ${ty}`).join('; ')} }>;`, '  total: number;', '  cursor?: string;', `  links?: { next?: string; previous?: string };`, '};'];
  });
  const lines = [...banner(ctx), ...renderImports(ctx)];
  for (const block of blocks) lines.push('', ...block);
  const extras = () => {
    const name = ctx.unique(pascal(rng.pick(NOUNS), rng.pick(['Payload', 'Query', 'Meta', 'Envelope', 'Change'])));
    if (declare) return [`export declare function ${ctx.unique(camel('is', name))}(value: unknown): value is ${name};`, `export interface ${name} {`, ...ctx.field(rng.int(3, 10)).map(([f, ty]) => `  readonly ${f}: ${ty};`), '}'];
    return rng.chance(0.5)
      ? [`export interface ${name} extends Record<string, unknown> {`, ...ctx.field(rng.int(3, 12)).map(([f, ty]) => `  ${f}${rng.chance(0.4) ? '?' : ''}: ${ty};`), '}']
      : [`export type ${name}<T = unknown> = {`, '  data: T;', '  receivedAt: string;', `  source: '${rng.pick(['api', 'cache', 'socket'])}' | 'fallback';`, '};'];
  };
  fill(ctx, lines, plan.targetLines, params, extras);
  return lines;
}

function testFile(ctx, params) {
  const { plan, rng } = ctx;
  const header = [`import { beforeEach, describe, expect, it, vi } from 'vitest';`];
  for (const n of ['beforeEach', 'describe', 'expect', 'it', 'vi']) ctx.names.add(n);
  if (plan.ext === '.tsx') header.push(`import { render, screen } from '@testing-library/react';`);
  const lines = [...banner(ctx), ...header, ...renderImports(ctx)];
  const subjects = [...ctx.usages.fn.map((n) => ['fn', n]), ...ctx.usages.reducer.map((n) => ['reducer', n]), ...ctx.usages.class.map((n) => ['class', n]), ...ctx.usages.component.map((n) => ['component', n]), ...ctx.usages.hook.map((n) => ['hook', n]), ...ctx.usages.middleware.map((n) => ['hook', n]), ...ctx.usages.const.map((n) => ['const', n])];
  if (subjects.length === 0) subjects.push(['local', 'JSON.stringify']);
  const testCase = () => {
    const [kind, name] = rng.pick(subjects);
    const sample = `{ id: '${ctx.noun}_${rng.int(1, 999)}', ${ctx.field(rng.int(1, 4)).map(([f, , s]) => `${f}: ${s}`).join(', ')} }`;
    const title = rng.pick([`handles an empty ${ctx.noun}`, `keeps ${plural(ctx.noun)} stable`, 'returns a value for missing input', `accepts a ${rng.pick(STATUSES)} ${ctx.noun}`, `does not throw on ${rng.pick(['null', 'undefined', 'an array', 'a string'])}`, 'is deterministic']);
    switch (kind) {
      case 'class':
        return [`  it('${title}', async () => {`, `    const subject = new ${name}({ baseUrl: 'http://localhost:${rng.int(3000, 9000)}' });`, `    expect(subject).toBeInstanceOf(${name});`, `    expect(JSON.stringify(subject)).toContain('${name}');`, '  });'];
      case 'component':
        return [`  it('renders ${title}', () => {`, `    render(<${name} title="${cap(plural(ctx.noun))}" />);`, `    expect(screen.getByText('${cap(plural(ctx.noun))}')).toBeTruthy();`, '  });'];
      case 'hook':
        return [`  it('exposes ${name}', () => {`, `    expect(typeof ${name}).toBe('function');`, '  });'];
      case 'reducer':
        return [`  it('${title}', () => {`, `    const state = ${name}(undefined, { type: '@@init' });`, `    expect(${name}(state, { type: 'unknown/action', payload: ${sample} })).toBe(state);`, '  });'];
      case 'const':
        return [`  it('${title}', () => {`, `    expect(${name}).toBeDefined();`, `    expect(Object.keys(${name}).length).toBeGreaterThan(0);`, '  });'];
      default:
        return rng.chance(0.3)
          ? [`  it.each([`, `    [${sample}],`, '    [null],', '    [[]],', `  ])('${title} (%#)', (input${ctx.t(': unknown')}) => {`, `    expect(() => ${name}(input${ctx.ts ? ' as never' : ''})).not.toThrow();`, '  });']
          : [`  it('${title}', () => {`, `    const input = ${sample};`, `    const first = ${name}(input${ctx.ts ? ' as never' : ''});`, `    const second = ${name}(input${ctx.ts ? ' as never' : ''});`, '    expect(second).toEqual(first);', '  });'];
    }
  };
  const describeBlock = () => {
    const [, name] = rng.pick(subjects);
    const block = [`describe('${name}', () => {`, '  beforeEach(() => {', '    vi.useRealTimers();', '  });'];
    for (let i = rng.int(2, 7); i > 0; i--) block.push('', ...testCase());
    block.push('});');
    return block;
  };
  if (plan.lookAlike) lines.push('', ...lookAlikeBlock(ctx));
  fill(ctx, lines, plan.targetLines, params, describeBlock);
  return lines;
}

function configFile(ctx, params) {
  const { plan, rng } = ctx;
  const e = plan.exports[0];
  ctx.names.add(e.name);
  const section = (name) => [`  ${name}: {`, ...ctx.field(rng.int(3, 10)).map(([f, , s]) => `    ${f}: ${s},`), `    timeoutMs: ${rng.pick([1000, 5000, 30000])},`, `    retries: ${rng.int(0, 5)},`, '  },'];
  const sections = rng.sample(NOUNS, Math.max(3, Math.min(30, Math.floor(plan.targetLines / 14))));
  const block = [`${ctx.exportPrefix(e.name)}const ${e.name} = {`, `  env: process.env.NODE_ENV ?? 'development',`, ...sections.flatMap(section), '};'];
  return moduleFile(ctx, params, [block]);
}

function scriptFile(ctx, params) {
  const { plan, rng } = ctx;
  const noun = ctx.noun;
  const header = ctx.cjs
    ? ["const { readFile, writeFile, mkdir } = require('node:fs/promises');", "const path = require('node:path');"]
    : ["import { mkdir, readFile, writeFile } from 'node:fs/promises';", "import path from 'node:path';"];
  for (const n of ['readFile', 'writeFile', 'mkdir', 'path', 'main', 'args', 'settings']) ctx.names.add(n);
  const blocks = [[
    'const args = process.argv.slice(2);',
    'const settings = {',
    "  dryRun: args.includes('--dry-run'),",
    "  verbose: args.includes('--verbose'),",
    `  out: args.find((arg) => arg.startsWith('--out='))?.slice(6) ?? 'dist/${plural(noun)}',`,
    `  limit: Number(args.find((arg) => arg.startsWith('--limit='))?.slice(8) ?? ${rng.pick([100, 500, 1000])}),`,
    '};',
  ], [
    'async function main() {',
    `  const source = path.resolve(process.cwd(), '${rng.pick(['data', 'fixtures', 'exports'])}/${plural(noun)}.json');`,
    "  const raw = JSON.parse(await readFile(source, 'utf8'));",
    '  const records = Array.isArray(raw) ? raw.slice(0, settings.limit) : [];',
    '  if (settings.verbose) {',
    `    console.log(\`read \${records.length} ${plural(noun)} from \${source}\`);`,
    '  }',
    '  const output = records.map((record, index) => ({ ...record, position: index + 1 }));',
    '  if (settings.dryRun) {',
    "    console.log(JSON.stringify(output.slice(0, 3), null, 2));",
    '    return;',
    '  }',
    '  await mkdir(settings.out, { recursive: true });',
    `  await writeFile(path.join(settings.out, '${plural(noun)}.json'), JSON.stringify(output, null, 2));`,
    `  console.log(\`wrote \${output.length} ${plural(noun)}\`);`,
    '}',
  ], ['main().catch((error) => {', '  console.error(error);', '  process.exitCode = 1;', '});']];
  const lines = moduleFile(ctx, params, blocks.slice(0, 2), header, !ctx.cjs && ctx.rng.chance(0.7));
  lines.push('', ...blocks[2]);
  return lines;
}

// --- Docker ----------------------------------------------------------------------------

const HOST_CONFIG_FIELDS = [
  (r) => `Memory: ${r.pick([256, 512, 1024, 2048])} * 1024 * 1024,`,
  (r) => `MemorySwap: ${r.pick([-1, 1024 * 1024 * 1024])},`,
  (r) => `NanoCpus: ${r.pick(['500_000_000', '1_000_000_000', '2_000_000_000'])},`,
  (r) => `CpuShares: ${r.pick([256, 512, 1024])},`,
  (r) => `PidsLimit: ${r.pick([64, 128, 512])},`,
  () => 'ReadonlyRootfs: true,',
  () => "SecurityOpt: ['no-new-privileges:true'],",
  () => "CapDrop: ['ALL'],",
  (r) => `NetworkMode: '${r.pick(['none', 'bridge', 'host', 'acme-net'])}',`,
  () => 'AutoRemove: true,',
  (r) => `RestartPolicy: { Name: '${r.pick(['no', 'on-failure', 'unless-stopped'])}', MaximumRetryCount: ${r.int(0, 5)} },`,
  (r) => `PortBindings: { '${r.pick([80, 3000, 8080, 5432])}/tcp': [{ HostPort: '${r.int(20000, 40000)}' }] },`,
  () => "LogConfig: { Type: 'json-file', Config: { 'max-size': '10m' } },",
  () => "Tmpfs: { '/tmp': 'rw,noexec,nosuid,size=64m' },",
  () => 'Init: true,',
  (r) => `ShmSize: ${r.pick([64, 128, 256])} * 1024 * 1024,`,
  (r) => `CgroupnsMode: '${r.pick(['private', 'host'])}',`,
  () => "Ulimits: [{ Name: 'nofile', Soft: 1024, Hard: 2048 }],",
  () => "ExtraHosts: ['host.docker.internal:host-gateway'],",
  () => "DeviceRequests: [{ Driver: 'nvidia', Count: -1, Capabilities: [['gpu']] }],",
  () => "Binds: [`${workdir}:/workspace:ro`],",
  () => "Mounts: [{ Type: 'volume', Source: 'acme-cache', Target: '/cache' }],",
];

function hostConfigLines(rng, indent, typedDockerode = false) {
  return rng.sample(HOST_CONFIG_FIELDS, rng.int(3, 8)).map((make) => `${indent}${make(rng)}`).filter((line) => !(typedDockerode && line.includes('CgroupnsMode')));
}

function dockerFile(ctx, params) {
  const { plan, rng } = ctx;
  const t = (s) => ctx.t(s);
  const variant = plan.docker;
  const version = rng.pick(API_VERSIONS);
  const socket = rng.pick(["'/var/run/docker.sock'", "process.env.DOCKER_SOCKET ?? '/var/run/docker.sock'", "'/var/run/docker.sock'"]);
  for (const e of plan.exports) ctx.names.add(e.name);
  const [op1, op2, op3, ...more] = plan.exports.map((e) => e.name);
  const header = [];
  const blocks = [];
  const ex = (name) => ctx.exportPrefix(name);
  ctx.names.add('workdir');
  const workdir = [`const workdir = ${ctx.cjs ? 'process.cwd()' : "process.env.WORKDIR ?? '/srv/acme'"};`];
  const images = ['node:20-alpine', 'python:3.12-slim', 'alpine:3.20', 'postgres:16', 'redis:7', 'ghcr.io/acme/runner:2.4.1'];
  const labels = `{ 'com.acme.${plan.ws.name}': 'true', 'com.acme.${ctx.noun}': String(${rng.pick(['Date.now()', "'managed'"])}) }`;

  if (variant === 'dockerode') {
    const Docker = rng.pick(['Docker', 'Docker', 'Dockerode']);
    const client = rng.pick(['docker', 'docker', 'engine', 'dockerClient']);
    ctx.names.add(Docker);
    ctx.names.add(client);
    header.push(ctx.cjs ? `const ${Docker} = require('dockerode');` : `import ${Docker} from 'dockerode';`);
    const ctor = rng.pick([
      `new ${Docker}({ socketPath: ${socket} })`,
      `new ${Docker}({ socketPath: ${socket}, version: '${version}' })`,
      `new ${Docker}()`,
      `new ${Docker}({ host: process.env.DOCKER_HOST_IP ?? '127.0.0.1', port: 2375 })`,
      `new ${Docker}({ socketPath: ${socket} })`,
    ]);
    blocks.push([...workdir, `const ${client} = ${ctor};`]);
    blocks.push([`${ex(op1)}async function ${op1}(image${t(': string')} = '${rng.pick(images)}', command${t(': string[]')} = ['${rng.pick(['sh', 'node', 'python'])}', '-c', 'echo ready'])${t(': Promise<string>')} {`,
      `  const container = await ${client}.createContainer({`,
      '    Image: image,',
      '    Cmd: command,',
      `    name: \`${ctx.noun}-\${Date.now()}\`,`,
      `    Labels: ${labels},`,
      ...(rng.chance(0.5) ? [`    Env: ['NODE_ENV=production', \`${constCase(ctx.noun, 'id')}=\${Date.now()}\`],`] : []),
      ...(rng.chance(0.4) ? ['    WorkingDir: \'/workspace\',', '    Tty: false,'] : []),
      '    HostConfig: {',
      ...hostConfigLines(rng, '      ', ctx.ts),
      '    },',
      '  });',
      '  await container.start();',
      '  return container.id;',
      '}']);
    blocks.push([`${ex(op2)}async function ${op2}(all = ${rng.pick(['true', 'false'])}) {`,
      `  const containers = await ${client}.listContainers({ all, filters: { label: ['com.acme.${plan.ws.name}=true'] } });`,
      '  return containers.map((info) => ({ id: info.Id, image: info.Image, state: info.State, names: info.Names }));',
      '}']);
    if (op3) {
      blocks.push([`${ex(op3)}async function ${op3}(id${t(': string')}) {`,
        `  const details = await ${client}.getContainer(id).inspect();`,
        '  return {',
        '    running: details.State.Running,',
        '    exitCode: details.State.ExitCode,',
        '    startedAt: details.State.StartedAt,',
        rng.pick(['    restarts: details.RestartCount,', '    health: details.State.Health?.Status ?? \'none\',', '    image: details.Config.Image,']),
        '  };',
        '}']);
    }
    const extraOps = [
      (name) => [`${ex(name)}async function ${name}(id${t(': string')}, timeoutSeconds = ${rng.pick([5, 10, 30])}) {`, `  const container = ${client}.getContainer(id);`, '  await container.stop({ t: timeoutSeconds }).catch(() => undefined);', '  await container.remove({ force: true, v: true });', '}'],
      (name) => [`${ex(name)}async function ${name}(image${t(': string')} = '${rng.pick(images)}') {`, `  const stream = await ${client}.pull(image);`, '  await new Promise((resolve, reject) => {', `    ${client}.modem.followProgress(stream, (error${t(': Error | null')}) => (error ? reject(error) : resolve(undefined)));`, '  });', `  return ${client}.getImage(image).inspect();`, '}'],
      (name) => [`${ex(name)}async function ${name}(id${t(': string')}) {`, `  const logs = await ${client}.getContainer(id).logs({ stdout: true, stderr: true, tail: ${rng.pick([50, 100, 500])}, timestamps: true });`, "  return logs.toString('utf8').split('\\n').filter(Boolean);", '}'],
      (name) => [`${ex(name)}async function ${name}(_options${t('?: unknown')}) {`, `  const [version, info] = await Promise.all([${client}.version(), ${client}.info()]);`, '  return { api: version.ApiVersion, engine: version.Version, containers: info.Containers, images: info.Images };', '}'],
      (name) => [`${ex(name)}async function ${name}(_options${t('?: unknown')}) {`, `  const images = await ${client}.listImages({ filters: { dangling: ['true'] } });`, `  await ${client}.pruneImages({ filters: { until: ['24h'] } });`, '  return images.length;', '}'],
      (name) => [`${ex(name)}async function ${name}(id${t(': string')}, cmd${t(': string[]')} = ['cat', '/etc/os-release']) {`, `  const exec = await ${client}.getContainer(id).exec({ Cmd: cmd, AttachStdout: true, AttachStderr: true });`, '  const stream = await exec.start({ hijack: true, stdin: false });', '  return stream;', '}'],
      (name) => [`${ex(name)}async function ${name}(networkName = 'acme-${ctx.noun}') {`, `  const networks = await ${client}.listNetworks({ filters: { name: [networkName] } });`, '  if (networks.length > 0) return networks[0].Id;', `  const network = await ${client}.createNetwork({ Name: networkName, Driver: 'bridge', Internal: ${rng.pick(['true', 'false'])} });`, '  return network.id;', '}'],
    ];
    for (const name of more) blocks.push(rng.pick(extraOps)(name));
  } else if (variant === 'http') {
    ctx.names.add('http');
    ctx.names.add('dockerRequest');
    header.push(ctx.cjs ? "const http = require('node:http');" : "import http from 'node:http';");
    const v = rng.chance(0.85) ? `/${version}` : '';
    blocks.push(workdir);
    blocks.push([`function dockerRequest(method${t(': string')}, path${t(': string')}, body${t('?: unknown')})${t(': Promise<any>')} {`,
      '  return new Promise((resolve, reject) => {',
      '    const req = http.request(',
      `      { socketPath: ${socket}, path, method, headers: { 'Content-Type': 'application/json' } },`,
      '      (res) => {',
      "        let data = '';",
      "        res.setEncoding('utf8');",
      "        res.on('data', (chunk) => {",
      '          data += chunk;',
      '        });',
      "        res.on('end', () => {",
      '          if ((res.statusCode ?? 500) >= 400) {',
      '            reject(new Error(`docker ${method} ${path}: ${res.statusCode} ${data}`));',
      '            return;',
      '          }',
      '          resolve(data ? JSON.parse(data) : undefined);',
      '        });',
      '      },',
      '    );',
      "    req.on('error', reject);",
      '    if (body !== undefined) req.write(JSON.stringify(body));',
      '    req.end();',
      '  });',
      '}']);
    blocks.push([`${ex(op1)}async function ${op1}(_options${t('?: unknown')}) {`, `  return dockerRequest('GET', '${v}/containers/json?all=true');`, '}']);
    blocks.push([`${ex(op2)}async function ${op2}(name${t(': string')}, image = '${rng.pick(images)}') {`,
      `  const created = await dockerRequest('POST', \`${v}/containers/create?name=\${encodeURIComponent(name)}\`, {`,
      '    Image: image,',
      `    Labels: ${labels},`,
      '    HostConfig: {',
      ...hostConfigLines(rng, '      '),
      '    },',
      '  });',
      `  await dockerRequest('POST', \`${v}/containers/\${created.Id}/start\`);`,
      '  return created.Id;',
      '}']);
    if (op3) blocks.push([`${ex(op3)}function ${op3}(id${t(': string')}) {`, `  return dockerRequest('GET', \`${v}/containers/\${id}/json\`);`, '}']);
    const extraOps = [
      (name) => [`${ex(name)}function ${name}(_options${t('?: unknown')}) {`, `  return dockerRequest('GET', '${v}/images/json');`, '}'],
      (name) => [`${ex(name)}async function ${name}(_options${t('?: unknown')}) {`, `  const [version, info] = await Promise.all([dockerRequest('GET', '${v}/version'), dockerRequest('GET', '${v}/info')]);`, '  return { api: version.ApiVersion, os: info.OperatingSystem };', '}'],
      (name) => [`${ex(name)}function ${name}(id${t(': string')}) {`, `  return dockerRequest('POST', \`${v}/containers/\${id}/stop?t=${rng.pick([5, 10])}\`);`, '}'],
      (name) => [`${ex(name)}function ${name}(id${t(': string')}) {`, `  return dockerRequest('DELETE', \`${v}/containers/\${id}?force=true&v=true\`);`, '}'],
      (name) => [`${ex(name)}function ${name}(_options${t('?: unknown')}) {`, `  return dockerRequest('GET', '${v}/system/df');`, '}'],
      // The literal form from the brief: the options object carries the socket and the path.
      (name) => [`${ex(name)}function ${name}(_options${t('?: unknown')})${t(': Promise<unknown[]>')} {`, '  return new Promise((resolve, reject) => {', `    const req = http.request({ socketPath: '/var/run/docker.sock', path: '${v || '/v1.41'}/containers/json' }, (res) => {`, "      let raw = '';", "      res.on('data', (chunk) => (raw += chunk));", "      res.on('end', () => resolve(JSON.parse(raw)));", '    });', "    req.on('error', reject);", '    req.end();', '  });', '}'],
    ];
    for (const name of more) blocks.push(rng.pick(extraOps)(name));
  } else if (variant === 'fetch') {
    ctx.names.add('Agent');
    ctx.names.add('dockerAgent');
    header.push("import { Agent } from 'undici';");
    const base = `http://localhost/${version}`;
    blocks.push([...workdir, `const dockerAgent = new Agent({ connect: { socketPath: ${socket} } });`]);
    blocks.push([`${ex(op1)}async function ${op1}(_options${t('?: unknown')})${t(': Promise<any[]>')} {`, `  const response = await fetch('${base}/containers/json?all=1', { dispatcher: dockerAgent }${t(' as RequestInit')});`, "  if (!response.ok) throw new Error(`docker: ${response.status}`);", '  return response.json();', '}']);
    blocks.push([`${ex(op2)}async function ${op2}(image${t(': string')} = '${rng.pick(images)}') {`,
      `  const response = await fetch('${base}/containers/create', {`,
      "    method: 'POST',",
      "    headers: { 'content-type': 'application/json' },",
      '    body: JSON.stringify({',
      '      Image: image,',
      `      Labels: ${labels},`,
      '      HostConfig: {',
      ...hostConfigLines(rng, '        '),
      '      },',
      '    }),',
      `    dispatcher: dockerAgent,`,
      `  }${t(' as RequestInit')});`,
      '  const { Id } = await response.json();',
      '  return Id;',
      '}']);
    if (op3) blocks.push([`${ex(op3)}async function ${op3}(id${t(': string')}) {`, `  const response = await fetch(\`${base}/containers/\${id}/json\`, { dispatcher: dockerAgent }${t(' as RequestInit')});`, '  return response.json();', '}']);
    for (const name of more) blocks.push([`${ex(name)}async function ${name}(_options${t('?: unknown')}) {`, `  const response = await fetch('${base}/${rng.pick(['images/json', 'info', 'version', '_ping', 'networks', 'volumes'])}', { dispatcher: dockerAgent }${t(' as RequestInit')});`, '  return response.status === 200 ? response.json() : null;', '}']);
  } else {
    ctx.names.add('axios');
    ctx.names.add('dockerApi');
    header.push(ctx.cjs ? "const axios = require('axios');" : "import axios from 'axios';");
    const created = rng.chance(0.6);
    const base = `http://localhost/${version}`;
    blocks.push(created ? [...workdir, `const dockerApi = axios.create({ socketPath: ${socket}, baseURL: '${base}', timeout: ${rng.pick([5000, 10000])} });`] : workdir);
    const get = (path, extra = '') => (created ? `dockerApi.get('${path}'${extra ? `, ${extra}` : ''})` : `axios.get('${base}${path}', { socketPath: '/var/run/docker.sock'${extra ? `, ...${extra}` : ''} })`);
    blocks.push([`${ex(op1)}async function ${op1}(_options${t('?: unknown')}) {`, `  const { data } = await ${get('/containers/json', '{ params: { all: true } }')};`, `  return data.map((container${t(': any')}) => ({ id: container.Id, state: container.State }));`, '}']);
    blocks.push([`${ex(op2)}async function ${op2}(name${t(': string')}, image = '${rng.pick(images)}') {`,
      '  const body = {',
      '    Image: image,',
      `    Labels: ${labels},`,
      '    HostConfig: {',
      ...hostConfigLines(rng, '      '),
      '    },',
      '  };',
      created
        ? `  const { data } = await dockerApi.post('/containers/create', body, { params: { name } });`
        : `  const { data } = await axios.post(\`${base}/containers/create?name=\${name}\`, body, { socketPath: '/var/run/docker.sock' });`,
      '  return data.Id;',
      '}']);
    if (op3) blocks.push([`${ex(op3)}async function ${op3}(id${t(': string')}) {`, created ? `  const { data } = await dockerApi.get(\`/containers/\${id}/json\`);` : `  const { data } = await axios.get(\`${base}/containers/\${id}/json\`, { socketPath: '/var/run/docker.sock' });`, '  return data.State;', '}']);
    for (const name of more) blocks.push([`${ex(name)}async function ${name}(_options${t('?: unknown')}) {`, `  const { data } = await ${get(`/${rng.pick(['images/json', 'info', 'volumes', 'networks', 'system/df'])}`)};`, '  return data;', '}']);
  }
  return moduleFile(ctx, params, blocks, header);
}

function shellScript(rng, docker, index) {
  const version = rng.pick(API_VERSIONS);
  if (!docker) {
    return ['#!/usr/bin/env bash', 'set -euo pipefail', '', '# Build and publish the web bundle.', `# Runs locally under docker compose too; see docs/dev.md.`, 'npm ci', `npm run build --workspace apps/${rng.pick(['web', 'admin', 'gateway'])}`, `tar -czf dist-${index}.tgz apps/*/dist`, 'echo "images/ and containers/ folders are copied verbatim"', 'rsync -a --delete public/images/ dist/images/', ''];
  }
  return ['#!/usr/bin/env bash', '# Talks to the local Docker Engine over its unix socket.', 'set -euo pipefail', '', 'SOCK="${DOCKER_SOCK:-/var/run/docker.sock}"', '',
    `curl --silent --unix-socket "$SOCK" http://localhost/${version}/_ping`,
    `curl -s --unix-socket "$SOCK" "http://localhost/${version}/containers/json?all=1" | jq -r '.[].Names[0]'`,
    ...(rng.chance(0.6) ? [`curl -s --unix-socket /var/run/docker.sock -X POST -H 'Content-Type: application/json' \\`, `  -d '{"Image":"alpine:3.20","Cmd":["echo","hi"],"HostConfig":{"AutoRemove":true,"Memory":134217728}}' \\`, `  "http://localhost/${version}/containers/create?name=probe-${index}"`] : []),
    ...(rng.chance(0.5) ? [`curl -s --unix-socket "$SOCK" http://localhost/${version}/images/json | jq length`] : []),
    `curl -s --unix-socket "$SOCK" -X POST "http://localhost/${version}/containers/prune?filters=%7B%22label%22%3A%5B%22acme%22%5D%7D"`, ''];
}

// ---------------------------------------------------------------------------------------
// Writing.

const GENERATORS = { utility: utilityFile, service: serviceFile, component: componentFile, hook: hookFile, handler: handlerFile, reducer: reducerFile, types: typesFile, test: testFile, config: configFile, script: scriptFile, docker: dockerFile };

function rootFiles() {
  const packageJson = {
    name: 'acme-platform',
    private: true,
    type: 'module',
    workspaces: ['packages/*', 'apps/*'],
    scripts: { build: 'tsc -b', test: 'vitest run', lint: 'eslint .' },
    dependencies: { axios: '^1.7.0', dockerode: '^4.0.2', express: '^4.19.0', react: '^18.3.0', 'react-dom': '^18.3.0', undici: '^6.19.0' },
    devDependencies: { '@testing-library/react': '^16.0.0', '@types/dockerode': '^3.3.0', typescript: '^5.5.0', vitest: '^2.0.0' },
  };
  const tsconfig = {
    compilerOptions: {
      target: 'ES2022',
      lib: ['ES2023', 'DOM'],
      module: 'ESNext',
      moduleResolution: 'Bundler',
      jsx: 'react-jsx',
      allowJs: true,
      checkJs: false,
      noEmit: true,
      strict: true,
      skipLibCheck: true,
      esModuleInterop: true,
      isolatedModules: true,
      types: [],
      paths: { '@acme/*': ['./packages/*/src/index.ts'] },
    },
    include: ['packages', 'apps', 'scripts', 'tools', 'config', 'types'],
  };
  // Minimal stand-ins for the third-party types, so tsc needs nothing installed.
  const shims = `// Minimal ambient types for the libraries this repository uses (the real @types are not installed).
declare module 'react' {
  export type ReactNode = unknown;
  export function useState<T>(initial: T | (() => T)): [T, (next: T | ((current: T) => T)) => void];
  export function useEffect(effect: () => void | (() => void), deps?: unknown[]): void;
  export function useMemo<T>(factory: () => T, deps: unknown[]): T;
  export function useCallback<T extends (...args: any[]) => any>(callback: T, deps: unknown[]): T;
  export function useRef<T>(initial: T): { current: T };
}
declare module 'react/jsx-runtime' {
  export const jsx: any;
  export const jsxs: any;
  export const Fragment: any;
}
declare namespace JSX {
  interface Attributes {
    [prop: string]: any;
    onChange?: (event: { target: { value: string } }) => void;
    onSubmit?: (event: { preventDefault(): void }) => void;
    onClick?: (event: { preventDefault(): void }) => void;
  }
  interface IntrinsicElements {
    [name: string]: Attributes;
  }
  interface Element {}
}
declare module 'express' {
  export interface Request { params: Record<string, string>; query: Record<string, any>; body: any; headers: Record<string, string | undefined> }
  export interface Response { status(code: number): Response; json(body: unknown): Response; sendStatus(code: number): Response; location(url: string): Response; type(kind: string): Response; send(body: unknown): Response }
  export type NextFunction = (error?: unknown) => void;
  export interface RouterInstance { get(path: string, ...handlers: any[]): RouterInstance; post(path: string, ...handlers: any[]): RouterInstance; patch(path: string, ...handlers: any[]): RouterInstance; delete(path: string, ...handlers: any[]): RouterInstance }
  export function Router(): RouterInstance;
  const express: { Router: typeof Router };
  export default express;
}
declare module 'axios' {
  const axios: any;
  export default axios;
}
declare module 'undici' {
  export class Agent {
    constructor(options?: unknown);
  }
}
declare module 'vitest' {
  export const describe: any;
  export const it: any;
  export const expect: any;
  export const vi: any;
  export const beforeEach: any;
}
declare module '@testing-library/react' {
  export const render: any;
  export const screen: any;
}
`;
  return {
    'package.json': `${JSON.stringify(packageJson, null, 2)}\n`,
    'tsconfig.json': `${JSON.stringify(tsconfig, null, 2)}\n`,
    'types/shims.d.ts': shims,
  };
}

function renderBarrel(barrel) {
  const lines = ['// Public API of this package.'];
  for (const { plan, symbols } of barrel.entries) {
    const spec = relativeSpecifier({ path: barrel.path }, plan, false);
    const values = symbols.filter((s) => s.kind !== 'type').map((s) => s.name);
    const types = symbols.filter((s) => s.kind === 'type').map((s) => s.name);
    if (values.length) lines.push(`export { ${values.join(', ')} } from '${spec}';`);
    if (types.length) lines.push(`export type { ${types.join(', ')} } from '${spec}';`);
  }
  return `${lines.join('\n')}\n`;
}

function countLines(text) {
  let count = 0;
  for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) === 10) count++;
  return count;
}

/** Generates the corpus into `dir` (which must be absent or empty); returns the manifest. */
export function generateScanCorpus(dir, params = DEFAULT_PARAMS) {
  const { plans, barrels } = planCorpus(params);
  const files = new Map(Object.entries(rootFiles()));
  const dockerFiles = [];
  for (const plan of plans) {
    const ctx = new FileContext(plan);
    const lines = GENERATORS[plan.kind](ctx, params);
    files.set(plan.path, `${lines.join('\n')}\n`);
    if (plan.kind === 'docker') dockerFiles.push({ path: plan.path, client: plan.docker });
  }
  for (const barrel of barrels.values()) files.set(barrel.path, renderBarrel(barrel));
  for (const wsItem of WORKSPACES.filter((w) => w.root)) {
    files.set(posix.join(wsItem.root, 'package.json'), `${JSON.stringify({ name: `@acme/${wsItem.name}`, version: '0.0.0', private: true, type: 'module', main: wsItem.root.startsWith('packages/') ? 'src/index.ts' : undefined }, null, 2)}\n`);
  }
  const rng = createRng(`${params.seed}|shell`);
  const shellDocker = [];
  for (let i = 0; i < params.dockerShellScripts + params.otherShellScripts; i++) {
    const docker = i < params.dockerShellScripts;
    const path = docker ? `${rng.pick(['scripts/docker', 'ops', 'tools/dev'])}/${rng.pick(['cleanup', 'probe', 'inspect', 'smoke', 'ps', 'reset'])}-${i}.sh` : `${rng.pick(['scripts', 'ops'])}/${rng.pick(['build', 'publish', 'sync-assets', 'backup'])}-${i}.sh`;
    files.set(path, shellScript(rng, docker, i).join('\n'));
    if (docker) shellDocker.push(path);
  }

  let sourceFiles = 0;
  let sourceLines = 0;
  const byExtension = {};
  for (const [path, text] of files) {
    const match = /\.(tsx|ts|mjs|cjs|js)$/.exec(path);
    if (!match) continue;
    sourceFiles++;
    const lines = countLines(text);
    sourceLines += lines;
    const key = path.endsWith('.d.ts') ? '.d.ts' : `.${match[1]}`;
    byExtension[key] = (byExtension[key] ?? 0) + 1;
  }
  if (sourceLines < params.minLines) throw new Error(`scan corpus: ${sourceLines} lines < minLines ${params.minLines}; raise files`);

  mkdirSync(dir, { recursive: true });
  const dirs = new Set();
  for (const [path, text] of files) {
    const full = join(dir, path);
    const parent = dirname(full);
    if (!dirs.has(parent)) {
      mkdirSync(parent, { recursive: true });
      dirs.add(parent);
    }
    writeFileSync(full, text);
  }
  const manifest = {
    generator: 'bench/scanCorpus.mjs',
    generatorHash: GENERATOR_HASH,
    params: { ...params },
    counts: {
      sourceFiles,
      sourceLines,
      byExtension,
      dockerFiles: dockerFiles.length,
      dockerFilesByClient: dockerFiles.reduce((acc, f) => ({ ...acc, [f.client]: (acc[f.client] ?? 0) + 1 }), {}),
      lookAlikeFiles: plans.filter((p) => p.lookAlike).length,
      shellScripts: params.dockerShellScripts + params.otherShellScripts,
      dockerShellScripts: shellDocker.length,
      allFiles: files.size,
    },
    dockerFiles,
    dockerShellScripts: shellDocker,
  };
  writeFileSync(join(dir, MANIFEST_NAME), `${JSON.stringify(manifest, null, 2)}\n`);
  return manifest;
}

export function readManifest(dir) {
  try {
    return JSON.parse(readFileSync(join(dir, MANIFEST_NAME), 'utf8'));
  } catch {
    return null;
  }
}

/** Reuses the corpus in `dir` when its manifest matches; (re)generates it otherwise. */
export function ensureScanCorpus(dir = DEFAULT_CORPUS_DIR, { params = DEFAULT_PARAMS, force = false } = {}) {
  const target = resolve(dir);
  const existing = readManifest(target);
  if (!force && existing && existing.generatorHash === GENERATOR_HASH && JSON.stringify(existing.params) === JSON.stringify({ ...params })) {
    return { dir: target, manifest: existing, generated: false };
  }
  if (existsSync(target) && readdirSync(target).length > 0) {
    if (!existing) throw new Error(`${target} is not empty and holds no ${MANIFEST_NAME}; refusing to overwrite it`);
    rmSync(target, { recursive: true, force: true });
  }
  return { dir: target, manifest: generateScanCorpus(target, params), generated: true };
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const args = process.argv.slice(2);
  const dir = args.find((arg) => !arg.startsWith('-')) ?? DEFAULT_CORPUS_DIR;
  const started = performance.now();
  const { manifest, generated } = ensureScanCorpus(dir, { force: args.includes('--force') });
  const seconds = ((performance.now() - started) / 1000).toFixed(1);
  console.log(`${generated ? `generated in ${seconds} s` : 'reused'}: ${resolve(dir)}`);
  console.log(JSON.stringify(manifest.counts, null, 2));
}
