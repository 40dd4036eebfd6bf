import { join } from 'node:path';
import { afterAll, describe, it } from 'vitest';
import { expectOneLineError, HARDENING_FIXTURES, removeTemporaryFolders, runCli, temporaryProject } from './hardening.js';

/**
 * Bad arguments: one line on stderr naming the argument and the cause, exit 2, nothing on
 * stdout. Configuration files are covered by test/config; these are the command-line gaps.
 */

const PROJECT = join(HARDENING_FIXTURES, 'syntax-error');
const TARGET_SYNTAX = 'write "docker 24.0", "docker >= 24.0", "docker 25.0 - 29.2", "api 1.41 - 1.52", "api >= 1.44", or one of maintained, latest, all';

afterAll(removeTemporaryFolders);

describe('paths', () => {
  it.each(['scan', 'lint', 'report', 'audit'])('%s: a path that does not exist is named, exit 2', (command) => {
    const extra = command === 'audit' ? ['--from', 'docker 24.0', '--to', 'docker 29.0'] : [];
    expectOneLineError(runCli([command, 'broken.ts', 'no/such/dir', 'missing.ts', ...extra], { cwd: PROJECT }), 'no/such/dir: no such file or directory');
  });

  it('a path through a file (a.ts/x) is "no such file or directory", not a crash', () => {
    expectOneLineError(runCli(['scan', 'broken.ts/inner.ts'], { cwd: PROJECT }), 'broken.ts/inner.ts: no such file or directory');
  });

  it('an empty path (an unset variable in a script) is an error, not the whole working directory', () => {
    expectOneLineError(runCli(['scan', ''], { cwd: PROJECT }), '"": empty path given');
  });
});

describe('targets', () => {
  it.each([
    ['docker 99', /^target "docker 99": unknown Docker Engine release 99 \(known: 1\.6, .*, 29\.\d+\)$/],
    ['api 2.0 - 1.0', 'target "api 2.0 - 1.0" selects no API version: the database has 1.25 to 1.55'],
    ['api 1.10 - 1.20', 'target "api 1.10 - 1.20" selects no API version: the database has 1.25 to 1.55'],
    ['api >= 1.99', 'target "api >= 1.99" selects no API version: the database has 1.25 to 1.55'],
    ['docker <= 0.9', /^target "docker <= 0\.9": unknown Docker Engine release 0\.9/],
    ['dockr 25.0', `invalid target "dockr 25.0": ${TARGET_SYNTAX}`],
    ['', 'no target given'],
    [' , ', 'no target given'],
  ])('lint --target %j', (target, message) => {
    expectOneLineError(runCli(['lint', '.', '--target', target], { cwd: PROJECT }), message);
  });

  it('report checks its targets the same way', () => {
    expectOneLineError(runCli(['report', '.', '--target', 'api 2.0 - 1.0'], { cwd: PROJECT }), 'target "api 2.0 - 1.0" selects no API version: the database has 1.25 to 1.55');
  });

  it('--target with no value is an error, not the default targets', () => {
    expectOneLineError(runCli(['lint', '.', '--target'], { cwd: PROJECT }), 'Not enough arguments following: target (see "docker-api-compat --help")');
    expectOneLineError(runCli(['report', '.', '--format', 'markdown', '--target'], { cwd: PROJECT }), 'Not enough arguments following: target (see "docker-api-compat --help")');
  });

  it.each([
    ['--from', 'docker 99', /^unknown Docker Engine release "docker 99"/],
    ['--from', '', /^invalid version "": write an API version as 1\.41 or v1\.41/],
    ['--to', 'api 2.0 - 1.0', /^invalid version "api 2\.0 - 1\.0"/],
  ])('audit %s %j', (option, value, message) => {
    const args = { '--from': 'docker 24.0', '--to': 'docker 29.0', [option]: value };
    expectOneLineError(runCli(['audit', '.', ...Object.entries(args).flat()], { cwd: PROJECT }), message);
  });

  it.each([
    [['diff', '1.99', '1.44'], /^no spec for API 1\.99: the database covers 1\.25 to 1\.55/],
    [['diff', '', '1.44'], /^invalid version ""/],
    [['versions', '99'], /^unknown Docker Engine release "99"/],
    [['explain', 'GET /nope'], /^unknown endpoint "GET \/nope" in API 1\.25 to 1\.55; did you mean /],
  ])('%j', (args, message) => {
    expectOneLineError(runCli(args, { cwd: PROJECT }), message);
  });
});

describe('options the parser rejects: one line, with a pointer to --help', () => {
  it.each([
    [['scan', '--format', 'xml'], 'Invalid values: Argument: format, Given: "xml", Choices: "stylish", "json" (see "docker-api-compat --help")'],
    [['scan', '--bogus'], 'Unknown argument: bogus (see "docker-api-compat --help")'],
    [['scna'], 'unknown command "scna"; did you mean scan? (see "docker-api-compat --help")'],
    [['--database', 'x.json', 'scna'], 'unknown command "scna"; did you mean scan? (see "docker-api-compat --help")'],
    [['lint', '--max-warnings'], 'Not enough arguments following: max-warnings (see "docker-api-compat --help")'],
    [['lint', '--max-warnings', '-1'], '--max-warnings takes a whole number of 0 or more, got -1'],
    [['scan', '--database'], 'Not enough arguments following: database (see "docker-api-compat --help")'],
    [['scan', '--database', ''], '--database: empty file name'],
    [['audit', '--from', 'docker 24.0'], 'Missing required argument: to (see "docker-api-compat --help")'],
  ])('%j', (args, message) => {
    expectOneLineError(runCli(args, { cwd: temporaryProject() }), message);
  });
});
