import { HTTP_METHODS, type HttpMethod } from '../../surface/feature.js';
import { emptyHttpCommand, type HttpCommand } from './httpCommand.js';
import { echoArguments } from './commandWords.js';
import { literalText, partsFromPlaceholders, withPlaceholders, type ShellWord, type WordPart } from './shellWords.js';

/** Programs that connect their stdin to a unix socket: `nc -U PATH`, `socat - UNIX-CONNECT:PATH`. */
const NETCATS = new Set(['nc', 'netcat', 'ncat', 'nc.openbsd', 'nc.traditional']);
const SOCAT_UNIX = /^(?:UNIX-CONNECT|UNIX-CLIENT|UNIX):/i;
const REQUEST_LINE = /^([A-Z]+)\s+(\S+)\s+HTTP\/\d(?:\.\d)?\s*$/;

/**
 * `echo -e "GET /containers/json HTTP/1.0\r\n" | nc -U /var/run/docker.sock` and the like: a
 * request written by hand and piped into a program that writes it to a unix socket. Read as the
 * equivalent curl command (request line, headers, body after the blank line), so that the same
 * rules decide whether it reaches the daemon. Null for any other pair of commands.
 */
export function rawSocketRequest(writer: { name: string | null; args: ShellWord[] }, reader: { name: string | null; args: ShellWord[] }): HttpCommand | null {
  const socket = socketOf(reader);
  if (!socket) return null;
  const text = writtenText(writer);
  if (!text) return null;
  const { text: written, expansions } = withPlaceholders(text);
  const lines = written.replace(/\r/g, '').split('\n');
  const requestLine = REQUEST_LINE.exec(lines[0].trim());
  if (!requestLine || !HTTP_METHODS.includes(requestLine[1] as HttpMethod)) return null;
  const command = emptyHttpCommand('curl');
  command.unixSocket = socket;
  command.explicitMethod = [{ text: requestLine[1], expansion: false }];
  command.urls = [[{ text: 'http://localhost', expansion: false }, ...partsFromPlaceholders(requestLine[2], expansions)]];
  const blank = lines.findIndex((line, index) => index > 0 && line.trim() === '');
  const headerLines = lines.slice(1, blank === -1 ? undefined : blank).filter((line) => line.includes(':'));
  command.headers = headerLines.map((line) => partsFromPlaceholders(line, expansions));
  const body = blank === -1 ? '' : lines.slice(blank + 1).join('\n').trim();
  if (body !== '') command.data = [{ kind: 'text', parts: partsFromPlaceholders(body, expansions), form: false }];
  return command;
}

function socketOf(reader: { name: string | null; args: ShellWord[] }): WordPart[] | null {
  if (reader.name !== null && NETCATS.has(reader.name)) {
    const flag = reader.args.findIndex((word) => literalText(word.parts) === '-U');
    // `nc -U /var/run/docker.sock`: the socket is the word after -U, or the last word (`nc -U -q1 SOCK`).
    const after = reader.args.slice(flag + 1).find((word) => !(literalText(word.parts) ?? '').startsWith('-'));
    return flag !== -1 && after ? after.parts : null;
  }
  if (reader.name === 'socat') {
    for (const word of reader.args) {
      const first = word.parts[0];
      if (first && !first.expansion && SOCAT_UNIX.test(first.text)) return [{ text: first.text.replace(SOCAT_UNIX, ''), expansion: false }, ...word.parts.slice(1)];
    }
  }
  return null;
}

/** What `echo [-neE] words...` or `printf FORMAT` writes, escapes (`\r\n`) read as echo -e and printf read them. */
function writtenText(writer: { name: string | null; args: ShellWord[] }): WordPart[] | null {
  let words: ShellWord[];
  if (writer.name === 'echo') words = echoArguments(writer.args);
  else if (writer.name === 'printf') words = writer.args.slice(0, 1);
  else return null;
  const parts: WordPart[] = [];
  words.forEach((word, index) => {
    if (index > 0) parts.push({ text: ' ', expansion: false });
    for (const part of word.parts) parts.push(part.expansion ? part : { text: unescape(part.text), expansion: false });
  });
  return parts.length > 0 ? parts : null;
}

function unescape(text: string): string {
  return text.replace(/\\([rnt\\])/g, (_, letter: string) => ({ r: '\r', n: '\n', t: '\t', '\\': '\\' })[letter]!);
}
