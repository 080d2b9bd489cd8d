import { readFileSync } from 'node:fs';
let t0 = performance.now();
const buf = readFileSync('node_modules/@electric-sql/pglite/dist/pglite.wasm');
const m = await WebAssembly.compile(buf);
console.log('compile', (performance.now()-t0).toFixed(0));
