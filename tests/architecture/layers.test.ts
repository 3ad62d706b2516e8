/**
 * Layers point one way: adapters → bot → (reports → rules | search) → corpus → text.
 * A file's folder decides what it may import; this test reads every import in src/ and fails on
 * one that reaches upward or pulls a platform SDK outside its adapter.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, resolve, dirname } from 'node:path';
import { describe, expect, it } from 'vitest';

const SRC = resolve(import.meta.dirname, '../../src');

/** What each layer may import from inside the repo (besides itself). */
const ALLOWED: Record<string, string[]> = {
  text: [],
  corpus: ['text', 'settings'],
  rules: ['corpus', 'text', 'settings'],
  search: ['corpus', 'text', 'settings'],
  reports: ['rules', 'corpus', 'text', 'settings'],
  bot: ['reports', 'rules', 'search', 'corpus', 'text', 'settings', 'commands', 'config'],
  cli: ['bot', 'reports', 'rules', 'search', 'corpus', 'text', 'settings'],
  'adapters/console': ['bot', 'text', 'settings'],
  'adapters/discord': ['bot', 'text', 'settings'],
  'adapters/slack': ['bot', 'text', 'settings'],
  'adapters/dingtalk': ['bot', 'text', 'settings'],
  settings: [],
  start: ['bot', 'adapters/console', 'adapters/discord', 'adapters/slack', 'settings'],
};

const PLATFORM_SDKS: Record<string, string> = {
  'discord.js': 'adapters/discord',
  'discord-api-types': 'adapters/discord',
  '@discordjs/': 'adapters/discord',
  '@slack/': 'adapters/slack',
  'dingtalk-stream': 'adapters/dingtalk',
};

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const p = join(dir, name);
    return statSync(p).isDirectory() ? files(p) : p.endsWith('.ts') ? [p] : [];
  });
}

function layerOf(absPath: string): string {
  const rel = relative(SRC, absPath).replace(/\\/g, '/');
  if (rel.startsWith('..')) {
    const top = relative(resolve(SRC, '..'), absPath).split(/[\\/]/)[0]!;
    return top; // commands, config
  }
  const parts = rel.replace(/\.ts$/, '').split('/');
  if (parts[0] === 'adapters') return `adapters/${parts[1]}`;
  return parts[0]!;
}

function importsOf(source: string): string[] {
  const out: string[] = [];
  const re = /(?:import|export)\s[^'"]*?from\s*['"]([^'"]+)['"]|import\s*\(\s*['"]([^'"]+)['"]\s*\)|import\s+['"]([^'"]+)['"]/g;
  for (const m of source.matchAll(re)) out.push((m[1] ?? m[2] ?? m[3])!);
  return out;
}

describe('layering', () => {
  const all = files(SRC);

  it('finds the source files', () => {
    expect(all.length).toBeGreaterThan(10);
  });

  it('every import points down the layers', () => {
    const violations: string[] = [];
    for (const file of all) {
      const from = layerOf(file);
      const allowed = ALLOWED[from];
      if (!allowed) {
        violations.push(`${relative(SRC, file)}: folder "${from}" has no layer rule`);
        continue;
      }
      for (const spec of importsOf(readFileSync(file, 'utf8'))) {
        if (spec.startsWith('.')) {
          const to = layerOf(resolve(dirname(file), spec));
          if (to !== from && !allowed.includes(to)) violations.push(`${relative(SRC, file)} (${from}) imports ${spec} (${to})`);
        } else {
          for (const [sdk, owner] of Object.entries(PLATFORM_SDKS)) {
            if ((spec === sdk || spec.startsWith(sdk)) && from !== owner) violations.push(`${relative(SRC, file)} imports platform SDK ${spec}`);
          }
        }
      }
    }
    expect(violations).toEqual([]);
  });
});
