import { describe, expect, it } from 'vitest';
import { classifyScriptFile, looksLikeShellScript } from '../../../src/analyser/scripts/scanScriptFile.js';

describe('classifyScriptFile', () => {
  it('recognises shell scripts by their .sh, .bash and .zsh extensions', () => {
    expect(['deploy/run.sh', 'ci/setup.bash', 'tools/prompt.zsh'].map(classifyScriptFile)).toEqual(['shell', 'shell', 'shell']);
  });

  it('recognises Dockerfile, Dockerfile.* and *.Dockerfile, but not a .dockerignore next to them', () => {
    expect(['Dockerfile', 'docker/Dockerfile.prod', 'api.Dockerfile', 'dockerfile', 'Dockerfile.dockerignore'].map(classifyScriptFile)).toEqual([
      'dockerfile',
      'dockerfile',
      'dockerfile',
      'dockerfile',
      null,
    ]);
  });

  it('recognises Makefile, GNUmakefile and *.mk', () => {
    expect(['Makefile', 'sub/GNUmakefile', 'build/docker.mk'].map(classifyScriptFile)).toEqual(['makefile', 'makefile', 'makefile']);
  });

  it('reads every .yml and .yaml file as CI YAML (workflows, GitLab CI, compose)', () => {
    expect(['.github/workflows/ci.yml', '.gitlab-ci.yml', 'compose.yaml'].map(classifyScriptFile)).toEqual(['ci-yaml', 'ci-yaml', 'ci-yaml']);
  });

  it('recognises .env, *.env and .env.* files', () => {
    expect(['.env', 'config/deploy.env', '.env.production'].map(classifyScriptFile)).toEqual(['env', 'env', 'env']);
  });

  it("reads a package.json for its scripts, and no other JSON file", () => {
    expect(['package.json', 'packages/api/package.json', 'tsconfig.json', 'package-lock.json'].map(classifyScriptFile)).toEqual(['package-scripts', 'package-scripts', null, null]);
  });

  it('leaves code, docs and other files to other scanners', () => {
    expect(['src/index.ts', 'README.md', 'scripts/run'].map(classifyScriptFile)).toEqual([null, null, null]);
  });

  it('handles Windows separators in relative paths', () => {
    expect(classifyScriptFile('docker\\Dockerfile')).toBe('dockerfile');
  });
});

describe('looksLikeShellScript', () => {
  it('accepts sh, bash and env shebangs, with or without options and a BOM', () => {
    expect(['#!/bin/sh\necho', '#!/usr/bin/env bash\n', '#!/bin/bash -eu\n', '\uFEFF#!/bin/sh\r\n', '#!/usr/bin/env -S bash -e\n'].map(looksLikeShellScript)).toEqual([
      true,
      true,
      true,
      true,
      true,
    ]);
  });

  it('rejects other interpreters and files without a shebang', () => {
    expect(['#!/usr/bin/env node\n', '#!/usr/bin/python3\n', 'echo hi\n', '', '#!/bin/shell-tool\n'].map(looksLikeShellScript)).toEqual([false, false, false, false, false]);
  });
});
