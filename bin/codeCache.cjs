// Runs a single-file CommonJS bundle with a V8 code cache, so a process compiles the bundle's
// functions once per build rather than at every start (Node 22 has module.enableCompileCache();
// Node 20 offers this only to scripts run through vm.Script with `cachedData`).
//
// The cache is written when a run ends (so it holds every function that run compiled, not only
// the top level) into `<cacheDir>/<bundle name>-<digest>.<variant>.v8`. A variant is one kind of
// run (the CLI's command): a cache written by `help` lacks what `search` compiles, and a cache is
// used as it is once it exists, so each command keeps its own. The digest covers the bundle's bytes,
// the Node version and the CPU architecture: a rebuilt bundle or another Node gets its own file
// (V8 itself checks only the source's length). Each file carries a checksum of its payload, because
// V8 trusts a cache's body once its header matches: a damaged body can crash the process. Both are
// zlib's CRC-32 (Node 20.15+): node:crypto's SHA-1 would cost ~7 ms of every start just to load
// the module; older Nodes use it anyway.
// Anything unusable — missing, damaged, from another build, rejected by V8, unwritable folder —
// means compiling as if there were no cache; the result is the same either way.
'use strict';
const { mkdirSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } = require('node:fs');
const { createRequire } = require('node:module');
const { basename, dirname, join } = require('node:path');
const vm = require('node:vm');
const zlib = require('node:zlib');

/** Checksum of `data` (seeded with `seed`): CRC-32 as 4 bytes, or SHA-1 on a Node without zlib.crc32. */
function checksum(data, seed = '') {
  if (zlib.crc32) {
    const out = Buffer.alloc(4);
    out.writeUInt32BE(zlib.crc32(data, zlib.crc32(seed)));
    return out;
  }
  const { createHash } = require('node:crypto');
  return createHash('sha1').update(seed).update(data).digest();
}

/** Cache files start with this (the format and checksum kind), then the payload's checksum. */
const MAGIC = Buffer.from(zlib.crc32 ? 'PDV8CRC32:' : 'PDV8SHA1:');
const CHECKSUM_BYTES = zlib.crc32 ? 4 : 20;

/** Caches kept per build at most (the CLI has about fifteen commands). */
const MAX_VARIANTS = 24;

/**
 * The cache file for `bundle` whose bytes are `source`, for runs of kind `variant`: named by the
 * bytes' checksum and length (V8 rejects a cache made for another length itself), the Node version
 * and the architecture.
 */
function cacheFileFor(bundle, source, cacheDir, variant = 'main') {
  const digest = checksum(source, `${process.version}\0${process.arch}\0`).toString('hex').slice(0, 24) + source.length.toString(16);
  const kind = /^[a-z][a-z0-9-]{0,31}$/.test(variant) ? variant : 'other';
  return join(cacheDir, `${basename(bundle)}-${digest}.${kind}.v8`);
}

/** The cached data in `file` when the file is whole, else undefined. */
function readCodeCache(file) {
  let buf;
  try {
    buf = readFileSync(file);
  } catch {
    return undefined;
  }
  const head = MAGIC.length + CHECKSUM_BYTES;
  if (buf.length <= head || !buf.subarray(0, MAGIC.length).equals(MAGIC)) return undefined;
  const payload = buf.subarray(head);
  return checksum(payload).equals(buf.subarray(MAGIC.length, head)) ? payload : undefined;
}

/**
 * Writes `data` to `file` (whole or not at all: a temporary file renamed into place, so a reader
 * never sees half a cache) and removes the caches of other builds of the same bundle (every
 * variant of them). Failures are ignored.
 */
function writeCodeCache(file, data) {
  const dir = dirname(file);
  const tmp = `${file}.${process.pid}.tmp`;
  const [, bundle, build] = /^(.*)-([0-9a-f]+)\.[^.]+\.v8$/.exec(basename(file)) ?? [];
  if (!bundle) return;
  try {
    mkdirSync(dir, { recursive: true });
    // Variants are words the user typed: a cache for each mistyped command would pile up.
    const variants = readdirSync(dir).filter((n) => n.startsWith(`${bundle}-${build}.`) && n.endsWith('.v8'));
    if (variants.length >= MAX_VARIANTS && !variants.includes(basename(file))) return;
    writeFileSync(tmp, Buffer.concat([MAGIC, checksum(data), data]));
    renameSync(tmp, file);
  } catch {
    try {
      rmSync(tmp, { force: true });
    } catch {
      // The folder itself is unusable: nothing was written.
    }
    return;
  }
  try {
    for (const name of readdirSync(dir)) {
      if (name.startsWith(`${bundle}-`) && name.endsWith('.v8') && !name.startsWith(`${bundle}-${build}.`)) rmSync(join(dir, name), { force: true });
    }
  } catch {
    // Another process pruning at the same time; the next write tries again.
  }
}

/**
 * Runs the CommonJS file `bundle` as `require(bundle)` would, using and keeping a code cache in
 * `cacheDir` (one per `variant`, a lowercase word such as the CLI's command). Returns what happened
 * to the cache: `'used'`, or `'compiled'` (none was usable: compiled from source, and the cache is
 * written when the process exits).
 *
 * The bundle should not call import(): code compiled by vm.Script reaches Node's loader only
 * through an experimental option that prints a warning (scripts/build.mjs turns the CLI's dynamic
 * imports into require calls). It is passed anyway, so a stray import() warns instead of failing.
 */
function runWithCodeCache(bundle, cacheDir, variant = 'main') {
  const bytes = readFileSync(bundle);
  const source = bytes.toString('utf8');
  const file = cacheFileFor(bundle, bytes, cacheDir, variant);
  const cachedData = readCodeCache(file);
  // Node's own CommonJS wrapper, on the first line so line numbers stay those of the file.
  const script = new vm.Script(`(function (exports, require, module, __filename, __dirname) { ${source}\n})`, {
    filename: bundle,
    cachedData,
    importModuleDynamically: vm.constants?.USE_MAIN_CONTEXT_DEFAULT_LOADER,
  });
  const used = cachedData !== undefined && !script.cachedDataRejected;
  if (!used) process.once('exit', () => writeCodeCache(file, script.createCachedData()));
  const module = { exports: {}, filename: bundle, id: bundle, loaded: false, children: [], paths: [] };
  script.runInThisContext().call(module.exports, module.exports, createRequire(bundle), module, bundle, dirname(bundle));
  module.loaded = true;
  return used ? 'used' : 'compiled';
}

module.exports = { MAX_VARIANTS, cacheFileFor, readCodeCache, writeCodeCache, runWithCodeCache };
