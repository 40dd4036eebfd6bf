import { emptyHttpCommand, type HttpCommand, type SentData } from './httpCommand.js';
import { dropPrefix, sourceText, type ShellWord, type WordPart } from './shellWords.js';
import { quotedIfOdd } from '../../text.js';

/** Short options that take an argument (`-X POST`, `-XPOST`); every other letter is a flag. */
const SHORT_WITH_ARGUMENT = new Set('AbcCdDeEFHKmoPQrTtuUwxXyYz'.split(''));

/** Long options that take an argument; any other long option is taken as a flag. */
const LONG_WITH_ARGUMENT = new Set(
  [
    'abstract-unix-socket', 'alt-svc', 'aws-sigv4', 'cacert', 'capath', 'cert', 'cert-type', 'ciphers', 'config',
    'connect-timeout', 'connect-to', 'continue-at', 'cookie', 'cookie-jar', 'create-file-mode', 'crlfile', 'curves',
    'data', 'data-ascii', 'data-binary', 'data-raw', 'data-urlencode', 'delegation', 'dns-interface', 'dns-ipv4-addr',
    'dns-ipv6-addr', 'dns-servers', 'doh-url', 'dump-header', 'ech', 'egd-file', 'engine', 'etag-compare', 'etag-save',
    'expect100-timeout', 'form', 'form-string', 'ftp-account', 'ftp-alternative-to-user', 'ftp-method', 'ftp-port',
    'ftp-ssl-ccc-mode', 'happy-eyeballs-timeout-ms', 'haproxy-clientip', 'header', 'hostpubmd5', 'hostpubsha256', 'hsts',
    'interface', 'ip-tos', 'ipfs-gateway', 'json', 'keepalive-cnt', 'keepalive-time', 'key', 'key-type', 'krb', 'libcurl',
    'limit-rate', 'local-port', 'login-options', 'mail-auth', 'mail-from', 'mail-rcpt', 'max-filesize', 'max-redirs',
    'max-time', 'netrc-file', 'noproxy', 'oauth2-bearer', 'output', 'output-dir', 'parallel-max', 'pass', 'pinnedpubkey',
    'preproxy', 'proto', 'proto-default', 'proto-redir', 'proxy', 'proxy-cacert', 'proxy-capath', 'proxy-cert',
    'proxy-cert-type', 'proxy-ciphers', 'proxy-crlfile', 'proxy-header', 'proxy-key', 'proxy-key-type', 'proxy-pass',
    'proxy-pinnedpubkey', 'proxy-service-name', 'proxy-tls13-ciphers', 'proxy-tlsauthtype', 'proxy-tlspassword',
    'proxy-tlsuser', 'proxy-user', 'proxy1.0', 'pubkey', 'quote', 'random-file', 'range', 'rate', 'referer', 'request',
    'request-target', 'resolve', 'retry', 'retry-delay', 'retry-max-time', 'sasl-authzid', 'service-name', 'socks4',
    'socks4a', 'socks5', 'socks5-gssapi-service', 'socks5-hostname', 'speed-limit', 'speed-time', 'stderr',
    'telnet-option', 'tftp-blksize', 'time-cond', 'tls-max', 'tls13-ciphers', 'tlsauthtype', 'tlspassword', 'tlsuser',
    'trace', 'trace-ascii', 'trace-config', 'unix-socket', 'upload-file', 'url', 'url-query', 'user', 'user-agent',
    'variable', 'write-out',
  ],
);

/** Short option letters as their long names, for the options that matter here. */
const SHORT_NAMES: Record<string, string> = {
  X: 'request', d: 'data', H: 'header', G: 'get', I: 'head', T: 'upload-file', F: 'form', K: 'config',
};

/**
 * Reads a curl command line (the words after `curl`). `stdin` is what a here-document
 * or here-string feeds it, for `-d @-`.
 */
export function parseCurlArguments(args: readonly ShellWord[], stdin: WordPart[] | null): HttpCommand {
  const command = emptyHttpCommand('curl');
  const flags = new Set<string>();
  let endOfOptions = false;
  for (let index = 0; index < args.length; index++) {
    const word = args[index];
    const text = literalPrefix(word.parts);
    if (endOfOptions || !text.startsWith('-') || text === '-') {
      command.urls.push(word.parts);
      continue;
    }
    if (text === '--') {
      endOfOptions = true;
      continue;
    }
    const takeNext = (): WordPart[] | null => (index + 1 < args.length ? args[++index].parts : null);
    if (text.startsWith('--')) {
      const name = longOptionName(text);
      const inline = text.includes('=') && LONG_WITH_ARGUMENT.has(name) ? dropPrefix(word.parts, text.indexOf('=') + 1) : null;
      if (LONG_WITH_ARGUMENT.has(name)) applyOption(command, name, inline ?? takeNext(), stdin);
      else flags.add(name.replace(/^no-/, ''));
      continue;
    }
    // A cluster of short options (`-sSfL`, `-sXPOST`): the first one taking an argument ends it.
    for (let at = 1; at < text.length; at++) {
      const letter = text[at];
      if (!SHORT_WITH_ARGUMENT.has(letter)) {
        flags.add(SHORT_NAMES[letter] ?? letter);
        continue;
      }
      const rest = dropPrefix(word.parts, at + 1);
      const value = rest.length > 0 && sourceText(rest) !== '' ? rest : takeNext();
      applyOption(command, SHORT_NAMES[letter] ?? letter, value, stdin);
      break;
    }
  }
  command.dataInQuery = flags.has('get');
  command.impliedMethod = impliedMethod(command, flags);
  return command;
}

/** `--request` -> `request`; `--expand-data` (curl 8.3 variables) -> `data`; curl has no `--opt=value`, tolerated anyway. */
function longOptionName(text: string): string {
  const name = text.slice(2).split('=')[0];
  return name.startsWith('expand-') ? name.slice('expand-'.length) : name;
}

/** The literal text a word starts with (enough to tell an option from a URL). */
function literalPrefix(parts: readonly WordPart[]): string {
  const first = parts[0];
  return first && !first.expansion ? first.text : '';
}

function applyOption(command: HttpCommand, name: string, value: WordPart[] | null, stdin: WordPart[] | null): void {
  if (value === null) return;
  switch (name) {
    case 'request':
      command.explicitMethod = value;
      break;
    case 'data':
    case 'data-ascii':
    case 'data-binary':
      command.data.push(dataFrom(value, stdin));
      break;
    case 'json':
      // --json also sets Content-Type and Accept, which are not reported (see requestHeaderNames).
      command.data.push(dataFrom(value, stdin));
      break;
    case 'data-raw':
      command.data.push({ kind: 'text', parts: value, form: false });
      break;
    case 'data-urlencode':
      command.data.push({ kind: 'text', parts: value, form: true });
      break;
    case 'header':
      command.headers.push(value);
      break;
    case 'url':
      command.urls.push(value);
      break;
    case 'url-query':
      command.queryArguments.push(value);
      break;
    case 'unix-socket':
    case 'abstract-unix-socket':
      command.unixSocket = value;
      break;
    case 'upload-file':
      command.opaqueBody = `uploads ${sourceText(value)}`;
      break;
    case 'form':
    case 'form-string':
      command.opaqueBody = 'multipart form (-F)';
      break;
    case 'config':
      command.dynamic.push(`options: read from config file ${quotedIfOdd(sourceText(value))}`);
      break;
  }
}

/** `-d @file` reads a file, `-d @-` stdin; anything else is the data itself. */
function dataFrom(value: WordPart[], stdin: WordPart[] | null): SentData {
  const text = literalPrefix(value);
  if (!text.startsWith('@')) return { kind: 'text', parts: value, form: false };
  const name = sourceText(value).slice(1);
  if (name === '-' && stdin) return { kind: 'text', parts: stdin, form: false };
  return { kind: 'file', name: name === '-' ? 'stdin' : name };
}

function impliedMethod(command: HttpCommand, flags: ReadonlySet<string>): HttpCommand['impliedMethod'] {
  if (flags.has('head')) return 'HEAD';
  if (command.dataInQuery) return 'GET';
  if (command.opaqueBody?.startsWith('uploads')) return 'PUT';
  if (command.data.length > 0 || command.opaqueBody) return 'POST';
  return 'GET';
}

