// Every expected phrase of questions.yaml occurs verbatim on one line of its document in docs/.
const fs = require('fs'); const path = require('path'); const { parse } = require('yaml');
const dir = __dirname; const data = parse(fs.readFileSync(path.join(dir, 'questions.yaml'), 'utf8'));
let bad = 0;
for (const q of data.questions) {
  const lines = fs.readFileSync(path.join(dir, 'docs', q.docId + '.txt'), 'utf8').split('\n');
  for (const p of q.phrases) if (!lines.some((l) => l.includes(p))) { bad++; console.log('MISSING', q.id, p); }
}
console.log(`${data.questions.length} questions, ${bad} phrases missing`); process.exit(bad ? 1 : 0);
