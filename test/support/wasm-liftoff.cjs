// Preloaded into every process of npm test's Node tests (NODE_OPTIONS --require, from scripts/test.mjs): WebAssembly
// runs on V8's baseline compiler, Liftoff, alone. Most of these processes open a PGlite and are gone seconds later, and
// V8 spent about 2 s of CPU on each optimizing PGlite's WebAssembly in the background (TurboFan), more than the faster
// code ever gave back: a server host command's start took 5.0 s of CPU, 2.9 s with Liftoff alone. Only the speed
// changes, never what runs. A file run alone (node --test FILE) runs without it, as before.
require('node:v8').setFlagsFromString('--liftoff-only');
