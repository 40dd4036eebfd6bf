/** The kinds of non-JS files the script scanner reads. */
export type ScriptKind = 'shell' | 'dockerfile' | 'makefile' | 'ci-yaml' | 'env' | 'package-scripts';

const SHELL_EXTENSIONS = /\.(?:sh|bash|zsh)$/i;
const YAML_EXTENSIONS = /\.ya?ml$/i;

/**
 * What kind of script a file is from its path alone; null for anything else. A file
 * without a telling name may still be a shell script: see looksLikeShellScript.
 */
export function classifyScriptFile(relativePath: string): ScriptKind | null {
  const name = relativePath.split(/[\\/]/).pop() ?? '';
  const lower = name.toLowerCase();
  if (lower.endsWith('.dockerignore')) return null;
  // Dockerfile, Dockerfile.prod, api.Dockerfile; Containerfile is the same format under Podman's name.
  if (/^(?:dockerfile|containerfile)(?:\..+)?$/.test(lower) || lower.endsWith('.dockerfile')) return 'dockerfile';
  if (lower === 'makefile' || name === 'GNUmakefile' || lower.endsWith('.mk')) return 'makefile';
  if (SHELL_EXTENSIONS.test(name) || lower === '.envrc') return 'shell';
  if (YAML_EXTENSIONS.test(name)) return 'ci-yaml';
  if (lower === '.env' || lower.startsWith('.env.') || lower.endsWith('.env')) return 'env';
  if (name === 'package.json') return 'package-scripts';
  return null;
}

/** A `#!` line naming sh, bash, zsh or another POSIX shell (`#!/usr/bin/env bash`, `#!/bin/sh -e`). */
export function looksLikeShellScript(text: string): boolean {
  const firstLine = text.replace(/^\uFEFF/, '').slice(0, 256).split(/\r?\n/, 1)[0];
  return /^#!\s*(?:\S*\/)?(?:env\s+(?:-\S+\s+)*)?(?:sh|bash|zsh|dash|ash|ksh)(?:\s|$)/.test(firstLine);
}
