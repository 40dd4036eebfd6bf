import { emptyHttpCommand, type HttpCommand } from './httpCommand.js';
import { dropPrefix, sourceText, type ShellWord, type WordPart } from './shellWords.js';

/** Short options that take an argument (GNU wget and busybox); `-qO-` ends at `O`. */
const SHORT_WITH_ARGUMENT = new Set('AaBDeIilOoPQRTtUwXY'.split(''));

const LONG_WITH_ARGUMENT = new Set([
  'accept', 'append-output', 'base', 'bind-address', 'body-data', 'body-file', 'ca-certificate', 'ca-directory',
  'certificate', 'certificate-type', 'config', 'connect-timeout', 'cut-dirs', 'default-page', 'directory-prefix',
  'dns-timeout', 'domains', 'exclude-directories', 'exclude-domains', 'execute', 'header', 'http-password', 'http-user',
  'include-directories', 'input-file', 'level', 'limit-rate', 'load-cookies', 'local-encoding', 'method', 'output-document',
  'output-file', 'password', 'post-data', 'post-file', 'private-key', 'private-key-type', 'progress', 'proxy-password',
  'proxy-user', 'quota', 'read-timeout', 'referer', 'reject', 'remote-encoding', 'restrict-file-names', 'save-cookies',
  'secure-protocol', 'timeout', 'tries', 'user', 'user-agent', 'wait', 'waitretry',
]);

/** Reads a wget command line (the words after `wget`). wget has no unix-socket support. */
export function parseWgetArguments(args: readonly ShellWord[]): HttpCommand {
  const command = emptyHttpCommand('wget');
  let head = false;
  for (let index = 0; index < args.length; index++) {
    const word = args[index];
    const first = word.parts[0];
    const text = first && !first.expansion ? first.text : '';
    if (!text.startsWith('-') || text === '-') {
      command.urls.push(word.parts);
      continue;
    }
    const takeNext = (): WordPart[] | null => (index + 1 < args.length ? args[++index].parts : null);
    if (text.startsWith('--')) {
      const equals = text.indexOf('=');
      const name = text.slice(2, equals === -1 ? undefined : equals);
      if (name === 'spider') head = true;
      if (!LONG_WITH_ARGUMENT.has(name)) continue;
      applyOption(command, name, equals === -1 ? takeNext() : dropPrefix(word.parts, equals + 1));
      continue;
    }
    for (let at = 1; at < text.length; at++) {
      if (!SHORT_WITH_ARGUMENT.has(text[at])) continue;
      const rest = dropPrefix(word.parts, at + 1);
      const value = rest.length > 0 && sourceText(rest) !== '' ? rest : takeNext();
      if (text[at] === 'i' && value) command.dynamic.push(`path: URLs read from ${sourceText(value)}`);
      break;
    }
  }
  command.impliedMethod = head ? 'HEAD' : command.data.length > 0 || command.opaqueBody ? 'POST' : 'GET';
  return command;
}

function applyOption(command: HttpCommand, name: string, value: WordPart[] | null): void {
  if (value === null) return;
  switch (name) {
    case 'method':
      command.explicitMethod = value;
      break;
    case 'post-data':
    case 'body-data':
      command.data.push({ kind: 'text', parts: value, form: false });
      break;
    case 'post-file':
    case 'body-file':
      command.data.push({ kind: 'file', name: sourceText(value) });
      break;
    case 'header':
      command.headers.push(value);
      break;
    case 'input-file':
      command.dynamic.push(`path: URLs read from ${sourceText(value)}`);
      break;
    case 'config':
      command.dynamic.push(`options: read from config file ${sourceText(value)}`);
      break;
  }
}
