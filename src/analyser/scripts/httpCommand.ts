import type { HttpMethod } from '../../surface/feature.js';
import type { WordPart } from './shellWords.js';

/** Data a command sends: inline text (expansions kept) or a file whose content is unknown. */
export type SentData =
  | { kind: 'text'; parts: WordPart[]; /** url-encoded form (`--data-urlencode`), not a JSON document */ form: boolean }
  | { kind: 'file'; name: string };

/** What a curl or wget command line asks for, before deciding whether it talks to Docker. */
export interface HttpCommand {
  tool: 'curl' | 'wget';
  /** Every URL on the command line (curl takes several). */
  urls: WordPart[][];
  /** `-X`/`--request`/`--method`, when given. */
  explicitMethod: WordPart[] | null;
  /** The method the other options imply: HEAD for `-I`, PUT for `-T`, POST when data is sent. */
  impliedMethod: HttpMethod;
  /** Header arguments as written (`Content-Type: application/json`). */
  headers: WordPart[][];
  data: SentData[];
  /** `-G`: the data goes to the query string instead of the body. */
  dataInQuery: boolean;
  /** A body that is not data: an uploaded file, a multipart form. The reason, or null. */
  opaqueBody: string | null;
  /** `--url-query` arguments. */
  queryArguments: WordPart[][];
  unixSocket: WordPart[] | null;
  /** Options the scan could not follow (`-K config`), as `kind: reason`. */
  dynamic: string[];
}

export function emptyHttpCommand(tool: 'curl' | 'wget'): HttpCommand {
  return {
    tool,
    urls: [],
    explicitMethod: null,
    impliedMethod: 'GET',
    headers: [],
    data: [],
    dataInQuery: false,
    opaqueBody: null,
    queryArguments: [],
    unixSocket: null,
    dynamic: [],
  };
}
