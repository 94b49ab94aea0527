// imports.lib.js - tells emcc's link step which imports the runtime expects
// from its host, so it does not report them as undefined symbols. The real
// implementations are in wasm/host.js (module "async") and in Binaryen's
// Asyncify pass (module "asyncify"); emcc never emits this JavaScript,
// because programs are linked as standalone .wasm files.
mergeInto(LibraryManager.library, Object.fromEntries(
  ['now', 'wait', 'block', 'read_line', 'event', 'fatal',
   'start_unwind', 'stop_unwind', 'start_rewind', 'stop_rewind']
    .map((name) => [name, function () { throw new Error(name + ' is provided by wasm/host.js'); }])));
