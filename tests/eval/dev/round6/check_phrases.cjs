// Round 6 checker (plain Node, no dependencies):
//   node tests/eval/dev/round6/check_phrases.cjs [round folder, default this one]
// (round 7's check_phrases.cjs runs it on its own folder)
// Verifies that ids are unique, every docId names a file in docs/, every expected phrase is 10–40
// characters long and occurs verbatim on one line of its document, and prints the question mix.
'use strict';
const fs = require('fs');
const path = require('path');

const dir = process.argv[2] ? path.resolve(process.argv[2]) : __dirname;
const docsDir = path.join(dir, 'docs');
const text = fs.readFileSync(path.join(dir, 'questions.yaml'), 'utf8');
const lines = text.split('\n');

const errors = [];
const questions = [];
const lists = { offTopic: [], unanswerable: [] };
let section = null;

const unquote = (s) => JSON.parse(s); // every string in the file is double-quoted, JSON-compatible
for (const [i, raw] of lines.entries()) {
  const line = raw.replace(/\s+$/, '');
  if (/^questions:\s*$/.test(line)) { section = 'questions'; continue; }
  if (/^offTopic:\s*$/.test(line)) { section = 'offTopic'; continue; }
  if (/^unanswerable:\s*$/.test(line)) { section = 'unanswerable'; continue; }
  if (/^\s*(#.*)?$/.test(line)) continue;
  if (section === 'questions') {
    const m = line.match(/^  - \{ id: (\S+), category: (\w+), q: ("(?:[^"\\]|\\.)*"), docId: ([\w-]+), phrases: \[(.*)\] \}$/);
    if (!m) { errors.push(`line ${i + 1}: cannot parse: ${line}`); continue; }
    const phrases = [...m[5].matchAll(/"(?:[^"\\]|\\.)*"/g)].map((x) => unquote(x[0]));
    questions.push({ id: m[1], category: m[2], q: unquote(m[3]), docId: m[4], phrases, line: i + 1 });
  } else if (section === 'offTopic' || section === 'unanswerable') {
    const m = line.match(/^  - ("(?:[^"\\]|\\.)*")$/);
    if (!m) { errors.push(`line ${i + 1}: cannot parse: ${line}`); continue; }
    lists[section].push(unquote(m[1]));
  } else {
    errors.push(`line ${i + 1}: outside any section: ${line}`);
  }
}

const categories = ['plain', 'paraphrase', 'abbreviation', 'english', 'lookup', 'responsibility'];
const docCache = new Map();
const docLines = (docId) => {
  if (!docCache.has(docId)) {
    const file = path.join(docsDir, `${docId}.txt`);
    docCache.set(docId, fs.existsSync(file) ? fs.readFileSync(file, 'utf8').split('\n') : null);
  }
  return docCache.get(docId);
};

const seen = new Set();
const perCategory = {};
const perDoc = {};
let phraseCount = 0;
for (const q of questions) {
  if (seen.has(q.id)) errors.push(`${q.id}: duplicate id`);
  seen.add(q.id);
  if (!categories.includes(q.category)) errors.push(`${q.id}: unknown category ${q.category}`);
  perCategory[q.category] = (perCategory[q.category] || 0) + 1;
  perDoc[q.docId] = perDoc[q.docId] || {};
  perDoc[q.docId][q.category] = (perDoc[q.docId][q.category] || 0) + 1;
  if (!q.q.trim()) errors.push(`${q.id}: empty q`);
  const dl = docLines(q.docId);
  if (!dl) { errors.push(`${q.id}: no document docs/${q.docId}.txt`); continue; }
  if (q.phrases.length < 1 || q.phrases.length > 2) errors.push(`${q.id}: ${q.phrases.length} phrases (want 1 or 2)`);
  const hitLines = [];
  for (const p of q.phrases) {
    phraseCount++;
    const len = [...p].length;
    if (len < 10 || len > 40) errors.push(`${q.id}: phrase is ${len} characters (want 10–40): ${p}`);
    // The corpus loader writes an ASCII comma between Chinese characters as a full-width one (the
    // clause text the evaluation compares with), so a phrase may use either.
    const fold = (s) => s.replace(/(?<=[\u4e00-\u9fff]),(?=[\u4e00-\u9fff])/g, '，');
    const hits = dl.map((l, n) => (fold(l).includes(fold(p)) ? n + 1 : 0)).filter(Boolean);
    if (hits.length === 0) errors.push(`${q.id}: phrase not found verbatim on any line of ${q.docId}.txt: ${p}`);
    hitLines.push(hits);
  }
  if (q.phrases.length === 2 && hitLines.every((h) => h.length) && !hitLines[0].some((n) => hitLines[1].includes(n))) {
    errors.push(`${q.id}: the two phrases are not on the same line`);
  }
}

const ids = questions.map((q) => q.id);
console.log(`questions: ${questions.length} (${new Set(ids).size} unique ids), phrases checked: ${phraseCount}`);
console.log('per category:', JSON.stringify(perCategory));
for (const [doc, c] of Object.entries(perDoc)) {
  const n = Object.values(c).reduce((a, b) => a + b, 0);
  console.log(`  ${doc}: ${n}`, JSON.stringify(c));
}
console.log(`offTopic: ${lists.offTopic.length}, unanswerable: ${lists.unanswerable.length}`);
if (errors.length) {
  console.log(`\n${errors.length} problem(s):`);
  for (const e of errors) console.log('  - ' + e);
  process.exit(1);
}
console.log('OK: every phrase occurs verbatim on one line of its document; ids are unique.');
