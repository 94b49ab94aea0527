/**
 * split-binaryen.mjs - npm binaryen's index.js as the site ships it: the
 * wasm it embeds (an escaped string literal, which brotli squeezes worse
 * than the bytes) taken out into binaryen.wasm, and the module rewritten to
 * export a factory that instantiates those bytes, so the compile worker
 * passes it what it loaded from its cache:
 *   const binaryen = await (await import('./binaryen.js')).default(wasmBytes);
 * web/tools/build.mjs calls it; tests/js/split-binaryen.test.js checks the
 * result compiles like the npm module.
 */

/* Emscripten's single-file build: `DECODE(`\0asm...`)`, where DECODE maps
 * each character to a byte (c < 256 for every one of them). */
const LITERAL = /([\w$]+)\(`\\0asm/;
/* ...and its last statement instantiates the module at once:
 * `var I=await FACTORY(),E=I;export{E as default};` */
const TAIL = /var ([\w$]+)=await ([\w$]+)\(\),([\w$]+)=\1;export\{\3 as default\};?\s*$/;

/** The end (index of the closing backtick) of the template literal opened at `open`. */
function literalEnd(js, open) {
  for (let i = open + 1; i < js.length; i++) {
    if (js[i] === '\\') i++;
    else if (js[i] === '$' && js[i + 1] === '{') throw new Error('binaryen.js: the wasm literal has a substitution');
    else if (js[i] === '`') return i;
  }
  throw new Error('binaryen.js: the wasm literal does not end');
}

/**
 * Split binaryen.js into its glue and its wasm.
 * @param {string} js  node_modules/binaryen/index.js, as text
 * @returns {{js: string, wasm: Uint8Array}}  js: a module whose default export is
 *   `async (wasm: BufferSource) => binaryen`, the object npm binaryen exports
 * @throws when the file is not laid out as this expects (a new binaryen release)
 */
export function splitBinaryen(js) {
  const m = LITERAL.exec(js);
  const tail = TAIL.exec(js);
  if (!m || !tail) throw new Error('binaryen.js: no embedded wasm literal or no self-instantiating tail');
  const open = m.index + m[1].length + 1;
  const close = literalEnd(js, open);
  if (LITERAL.test(js.slice(close))) throw new Error('binaryen.js: more than one wasm literal');
  if (js[close + 1] !== ')') throw new Error('binaryen.js: the wasm literal is not the decoder\'s only argument');
  const text = new Function(`return ${js.slice(open, close + 1)};`)(); /* the literal's value, as the engine reads it */
  const wasm = new Uint8Array(text.length);
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c > 255) throw new Error('binaryen.js: the wasm literal holds a character above 255');
    wasm[i] = c;
  }
  /* The literal is read only when no instantiateWasm is given, which the factory always gives. */
  const glue = `${js.slice(0, m.index)}(()=>{throw Error("binaryen.wasm is passed to the factory")})()${js.slice(close + 2, tail.index)}`;
  const factory = `export default function(wasm){return new Promise((resolve,reject)=>{${tail[2]}({instantiateWasm(imports,done){WebAssembly.instantiate(wasm,imports).then((r)=>done(r.instance),reject);return{}}}).then(resolve,reject)})}\n`;
  return { js: glue + factory, wasm };
}
