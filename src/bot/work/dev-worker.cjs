// Worker entry when the bot runs from TypeScript source (tsx, vitest): register tsx's loader in this
// thread, then load the real worker on the first task. The compiled build uses worker.js directly.
// CommonJS on purpose: piscina require()s its worker file first, and an ES module with top-level await
// sent Node 20's require(esm) into a fatal V8 error ("IsGraphAsync must be used on an instantiated
// module", the whole test process gone) when two tasks reached a fresh thread together.
'use strict';
const { pathToFileURL } = require('node:url');
const { join } = require('node:path');

let loaded;
function worker() {
  loaded ??= import('tsx/esm/api').then(({ register }) => {
    register();
    return import(pathToFileURL(join(__dirname, 'worker.ts')).href);
  });
  return loaded;
}

module.exports = async function run(task) {
  return (await worker()).default(task);
};
