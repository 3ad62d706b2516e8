// Round 9 checker: round 6's, run on this folder (plain Node, no dependencies):
//   node tests/eval/dev/round9/check_phrases.cjs
// Verifies that ids are unique, every docId names a file in docs/, every expected phrase is 10–40
// characters long and occurs verbatim on one line of its document, and prints the question mix.
'use strict';
process.argv[2] = __dirname;
require('../round6/check_phrases.cjs');
