/**
 * Layers point one way: adapters → bot → (reports → rules | search) → corpus → text.
 * Inside bot/: the composition root (app.ts) → features → shared → core. The core (the Bot, the
 * Pipeline, Reply, forms, delivery) knows no feature and no domain; features do not import each
 * other — what two of them need lives in bot/shared. A file's folder decides what it may import;
 * this test reads every import in src/ and fails on one that reaches upward or sideways or pulls
 * a platform SDK outside its adapter.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, resolve, dirname } from 'node:path';
import { describe, expect, it } from 'vitest';

const SRC = resolve(import.meta.dirname, '../../src');

/** What each layer may import from inside the repo (besides itself). */
const ALLOWED: Record<string, string[]> = {
  text: [],
  files: [],
  log: [],
  security: [],
  corpus: ['text', 'settings', 'files'],
  rules: ['corpus', 'text', 'settings'],
  search: ['corpus', 'text', 'settings', 'files'],
  reports: ['rules', 'corpus', 'text', 'settings', 'files', 'log'],
  'bot/core': ['text', 'settings', 'log'],
  'bot/shared': ['bot/core', 'reports', 'rules', 'corpus', 'text', 'settings'],
  'bot/features/policy': ['bot/core', 'bot/shared', 'rules', 'search', 'corpus', 'text', 'settings'],
  'bot/features/reports': ['bot/core', 'bot/shared', 'reports', 'rules', 'corpus', 'text', 'settings', 'files', 'log'],
  'bot/features/deadlines': ['bot/core', 'bot/shared', 'reports', 'rules', 'corpus', 'text', 'settings', 'log'],
  'bot/features/corpus': ['bot/core', 'bot/shared', 'search', 'corpus', 'text', 'settings'],
  bot: ['bot/core', 'bot/shared', 'bot/features/policy', 'bot/features/reports', 'bot/features/deadlines', 'bot/features/corpus', 'reports', 'rules', 'search', 'corpus', 'text', 'settings', 'files', 'log'],
  ops: ['reports', 'search', 'corpus', 'text', 'settings', 'files', 'log'],
  // The CLI prints the corpus outline with the same renderer the chat command uses.
  cli: ['bot', 'bot/core', 'bot/features/corpus', 'reports', 'rules', 'search', 'corpus', 'text', 'settings', 'files', 'log', 'ops'],
  'adapters/console': ['bot', 'bot/core', 'text', 'settings', 'log'],
  'adapters/discord': ['bot', 'bot/core', 'text', 'settings', 'log'],
  'adapters/slack': ['bot', 'bot/core', 'text', 'settings', 'log', 'security'],
  'adapters/dingtalk': ['bot', 'bot/core', 'text', 'settings', 'log'],
  settings: [],
  start: ['bot', 'bot/core', 'adapters/console', 'adapters/discord', 'adapters/slack', 'adapters/dingtalk', 'settings', 'files', 'log', 'ops'],
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
  if (parts[0] === 'bot' && parts[1] === 'features') return `bot/features/${parts[2]}`;
  if (parts[0] === 'bot' && (parts[1] === 'core' || parts[1] === 'shared')) return `bot/${parts[1]}`;
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
