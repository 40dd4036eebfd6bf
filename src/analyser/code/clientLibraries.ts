import { dockerNodeSdkMethodTable, dockerNodeSdkPropertyTable } from '../clients/dockerNodeSdkMethodTable.js';
import { dockerodeMethodTable, dockerodePropertyTable } from '../clients/dockerodeMethodTable.js';
import { findClientMethod, findClientProperty, type ClientMethod, type ClientMethodTable, type ClientPropertyTable } from '../clients/clientMethodTable.js';
import { nodeDockerApiMethodTable, nodeDockerApiPropertyTable } from '../clients/nodeDockerApiMethodTable.js';
import type { ClientLibrary } from './abstractValue.js';

interface LibraryTables {
  methods: ClientMethodTable;
  properties: ClientPropertyTable;
  classNames: Set<string>;
  /** The class users construct; `new` on it makes a client. */
  entryClass: string;
}

function tables(methods: ClientMethodTable, properties: ClientPropertyTable, entryClass: string): LibraryTables {
  const classNames = new Set([...methods.map((method) => method.className), ...properties.map((property) => property.valueClassName), entryClass]);
  return { methods, properties, classNames, entryClass };
}

const LIBRARY_TABLES: Record<ClientLibrary, LibraryTables> = {
  dockerode: tables(dockerodeMethodTable, dockerodePropertyTable, 'Docker'),
  // docker-modem used directly: the Modem class of dockerode's table (dial, followProgress).
  'docker-modem': tables(
    dockerodeMethodTable.filter((method) => method.className === 'Modem'),
    [],
    'Modem',
  ),
  'node-docker-api': tables(nodeDockerApiMethodTable, nodeDockerApiPropertyTable, 'Docker'),
  'docker-node-sdk': tables(dockerNodeSdkMethodTable, dockerNodeSdkPropertyTable, 'DockerClient'),
};

const METHOD_NAMES = new Set(Object.values(LIBRARY_TABLES).flatMap((library) => library.methods.map((method) => method.name)));

/** Whether some client class of some library has a method of this name (a cheap test before resolving a receiver). */
export function isClientMethodName(name: string): boolean {
  return METHOD_NAMES.has(name);
}

/** Which library a package specifier belongs to: `dockerode`, `node-docker-api/lib/container`, ... */
export function libraryOfPackage(specifier: string): ClientLibrary | undefined {
  if (specifier === 'dockerode') return 'dockerode';
  if (specifier === 'docker-modem') return 'docker-modem';
  if (specifier === 'node-docker-api' || specifier.startsWith('node-docker-api/')) return 'node-docker-api';
  if (specifier === '@docker/node-sdk' || specifier.startsWith('@docker/node-sdk/')) return 'docker-node-sdk';
  return undefined;
}

/**
 * The client class a module reference names, as a constructor or as a type:
 * `require('dockerode')` -> Docker, `Dockerode.Container` -> Container,
 * `import { Docker } from 'node-docker-api'` -> Docker.
 */
export function clientClassOfModule(specifier: string, member: string[]): { library: ClientLibrary; className: string } | undefined {
  const library = libraryOfPackage(specifier);
  if (!library) return undefined;
  const known = LIBRARY_TABLES[library];
  const names = member.filter((name) => name !== 'default');
  if (names.length === 0) {
    // `require('dockerode')`, `import Docker from 'dockerode'`; node-docker-api's lib/<x> default exports.
    const fromPath = specifier.includes('/lib/') ? subpathClass(specifier) : undefined;
    return { library, className: fromPath ?? known.entryClass };
  }
  const last = names[names.length - 1];
  if (known.classNames.has(last)) return { library, className: last };
  return undefined;
}

/** node-docker-api `lib/container` default-exports ContainerManager; the classes are named exports. */
function subpathClass(specifier: string): string | undefined {
  const file = specifier.split('/').pop() ?? '';
  const manager = `${file.charAt(0).toUpperCase()}${file.slice(1)}Manager`;
  return LIBRARY_TABLES['node-docker-api'].classNames.has(manager) ? manager : undefined;
}

export function isEntryClass(library: ClientLibrary, className: string): boolean {
  return LIBRARY_TABLES[library].entryClass === className;
}

export function clientMethod(library: ClientLibrary, className: string, name: string): ClientMethod | undefined {
  return findClientMethod(LIBRARY_TABLES[library].methods, className, name);
}

export function clientProperty(library: ClientLibrary, className: string, name: string): string | undefined {
  return findClientProperty(LIBRARY_TABLES[library].properties, className, name)?.valueClassName;
}

export function hasClientClass(library: ClientLibrary, className: string): boolean {
  return LIBRARY_TABLES[library].classNames.has(className);
}

/**
 * Receivers the analyser cannot trace are recognised by name when the method
 * exists on the class the name suggests: `container.start()`, `docker.listImages()`.
 */
const RECEIVER_NAMES: Array<[string[], string]> = [
  [['docker', 'dockerode', 'dockerClient', 'dockerApi', 'docker_client', 'engine'], 'Docker'],
  [['container', 'ctr', 'targetContainer', 'dockerContainer', 'cont'], 'Container'],
  [['image', 'dockerImage'], 'Image'],
  [['volume', 'dockerVolume'], 'Volume'],
  [['network', 'dockerNetwork'], 'Network'],
  [['service', 'swarmService'], 'Service'],
  [['exec', 'execInstance', 'execution'], 'Exec'],
  [['modem', 'dockerModem'], 'Modem'],
];
const CLASS_BY_RECEIVER_NAME = new Map(RECEIVER_NAMES.flatMap(([names, className]) => names.map((name) => [name.toLowerCase(), className] as const)));

export function classFromReceiverName(name: string): string | undefined {
  return CLASS_BY_RECEIVER_NAME.get(name.toLowerCase());
}

/** The receiver names above, for a text search (`docker|dockerode|...`). */
export const RECEIVER_NAME_ALTERNATION = RECEIVER_NAMES.flatMap(([names]) => names).join('|');

