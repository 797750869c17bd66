// Development bootstrap: run the TypeScript worker under tsx (tests, `tsx` scripts), loaded on the first
// task. The compiled dist/train/threads/worker.js is used directly in production. CommonJS on purpose:
// piscina require()s its worker file first, and an ES module with top-level await sent Node 20's
// require(esm) into a fatal V8 error when two tasks reached a fresh thread together (src/bot/work/dev-worker.cjs).
'use strict';
const { pathToFileURL } = require('node:url');

let loaded;
function worker() {
  loaded ??= import('tsx/esm/api').then(({ tsImport }) => tsImport('./worker.ts', pathToFileURL(__filename).href));
  return loaded;
}

module.exports = async function run(task) {
  return (await worker()).default(task);
};
