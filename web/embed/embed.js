/**
 * embed.js - <async-c-demo>: a live demo for any page, after one
 *   <script type="module" src=".../embed.js"></script>
 *
 *   <async-c-demo example="event_loop"></async-c-demo>
 *   <async-c-demo editable clock="virtual" height="32rem">
 *     <script type="text/c"> ...C code, no escaping needed... </script>
 *   </async-c-demo>
 *   ```c                                  (a docs page: the code block the
 *   static void *amain(void *arg) {...}    generator rendered, just before)
 *   ```
 *   <async-c-demo template="main.c"><pre>expected output</pre></async-c-demo>
 *
 * Where the code comes from (a child, src, example, the code block before
 * it, wrapped by a template): embed/source.js. Other children are the
 * fallback, shown before this script runs and without JavaScript.
 * Attributes: example, src, template; editable; clock="virtual|real";
 * autorun; height (a CSS length); theme="light|dark|auto" (auto: follow the
 * host page's toggle or the system, embed/theme.js); timescale="name" (demos
 * of one name share their timelines' time axis, time-scale.js); inspect
 * (step through each run: the playground's inspector, web/inspector/, with
 * its Event loop panel and the task markers in the code; a run starts
 * paused at t = 0, and . , > step when the demo has focus).
 *
 * A page can move an inspecting demo's cursor itself (a tutorial's "show
 * this step"): `await demo.seek((event, names) => ...)` runs the demo if it
 * has no run yet (on the virtual clock: exact), waits for the run's end,
 * puts the cursor just after the first event the function accepts
 * (names: task id -> name, as spawned so far) and scrolls the Event loop
 * panel into view; it resolves to the cursor.
 *
 * It shows the code, Run/Stop, the output and the timeline, using the
 * playground's own modules (session.js), inside a shadow root so that the
 * host page's CSS and this one's do not mix. It stays light: the code is
 * plain text until an editable demo scrolls into view (then CodeMirror
 * loads, once for every demo on the page), and the runtime (worker, wasm)
 * loads on Run; an inspecting demo loads CodeMirror (read-only) and the
 * inspector when it first runs. A demo removed from the page stops; one added later (a docs
 * site's client-side navigation) starts on its own. Imported where there is
 * no DOM (a server-side build), this module defines nothing.
 */
import panesCss from '../panes.css';
import { createSession } from '../views/session.js';
import { createRun } from '../run/run.js';
import { prepareCompiler } from '../compile/compiler.js';
import { encodeCode, encodeMoment } from '../page/share.js';
import { resolveSource } from './source.js';
import { schemeOf, watchHostScheme } from './theme.js';
import { linkOutputToEditor } from '../editor/goto-line.js';

/* Where the site is: this module's own URL, so this file must stay an entry
 * of its own (no other entry may import it, see embed-frame.js). */
const BASE = new URL('.', import.meta.url);

let examplesPromise = null;
/** The shipped examples (source and name), fetched once per page and only when needed. */
function examples() {
  if (!examplesPromise) examplesPromise = fetch(new URL('examples/index.json', BASE)).then((r) => r.json());
  return examplesPromise;
}

/** Resolves once el is in view. */
function whenVisible(el) {
  return new Promise((resolve) => {
    const io = new IntersectionObserver((entries) => {
      if (entries.some((e) => e.isIntersecting)) { io.disconnect(); resolve(); }
    });
    io.observe(el);
  });
}

let editorPromise = null;
const loadEditor = () => { editorPromise ||= import('../editor/editor.js'); return editorPromise; };

const CSS = `
/* The host page's CSS stays out: inherited properties are reset, and with
 * !important, which here (the shadow's own context) beats the page's !important. */
:host { all: initial !important; display: block !important; contain: content; margin: 1rem 0; visibility: visible !important; }
:host([hidden]) { display: none !important; }
.panes { font-size: 14px; line-height: 1.45; letter-spacing: normal; word-spacing: normal; text-transform: none; font-style: normal;
  font-weight: normal; text-align: left; text-indent: 0; white-space: normal; cursor: auto; }
* { box-sizing: border-box; }
.panes { display: flex; flex-direction: column; gap: 0.4rem; height: var(--demo-height, auto); min-height: 0;
  border: 1px solid var(--line); border-radius: 8px; padding: 0.5rem; background: var(--bg); color: var(--fg); font-size: 14px; }
.toolbar { display: flex; flex-wrap: wrap; align-items: center; gap: 0.4rem 0.6rem; }
.status { color: var(--muted); font-size: 0.85rem; flex: 1 1 8rem; }
.open { font-size: 0.85rem; color: var(--accent); }
.code { border: 1px solid var(--line); border-radius: 6px; overflow: auto; max-height: 22rem; min-height: 3rem; background: var(--panel); flex: 0 1 auto; }
.code[hidden] { display: none; }
.code pre { margin: 0; padding: 0.5rem 0.7rem; font: 13px/1.45 ui-monospace, "SFMono-Regular", Menlo, Consolas, monospace; white-space: pre; tab-size: 4; }
.code .cm-editor { max-height: 22rem; font-size: 13px; }
.about summary { cursor: pointer; padding: 0.3rem 0.7rem 0; font-size: 0.8rem; color: var(--muted); }
.about pre { padding-bottom: 0; }
.tok-keyword { color: light-dark(#7a1fa2, #d7a2ff); } .tok-string { color: light-dark(#a31515, #f0a58a); }
.tok-comment { color: light-dark(#5a6a5a, #9aab9a); font-style: italic; } .tok-number, .tok-bool { color: light-dark(#0b6a51, #8fd6b8); }
.tok-typeName { color: light-dark(#146a8a, #7fcbe8); } .tok-definition { color: light-dark(#1f4fb0, #9cc2ff); } .tok-meta { color: light-dark(#7a4a00, #e0b870); }
#output { max-height: 14rem; min-height: 4rem; flex: 1 1 auto; }
#timeline { flex: 0 0 auto; min-height: 5rem; }
#timeline .scroller { max-height: 12rem; min-height: 5rem; }
.input-row[hidden] { display: none; }
label { font-size: 0.85rem; color: var(--muted); }
.inspect[hidden] { display: none; }
.inspect { border: 1px solid var(--line); border-radius: 6px; background: var(--panel); }
`;

/* rem would follow the host page's root font size into the shadow root: pin it to 16px. */
const STYLE = (panesCss + CSS).replace(/(\d*\.?\d+)rem\b/g, (_, n) => `${+(n * 16).toFixed(2)}px`);

const TEMPLATE = `
<div class="panes">
  <div class="toolbar">
    <button type="button" class="run primary">Run</button>
    <button type="button" class="stop" disabled>Stop</button>
    <label><input type="checkbox" class="virtual"> virtual clock</label>
    <span class="status" role="status" aria-live="polite"></span>
    <a class="open" target="_blank" rel="noopener">Open in playground</a>
  </div>
  <div class="code"><pre class="text" tabindex="0" aria-label="C source code"></pre></div>
  <div id="output" role="log" aria-label="Output" tabindex="0"></div>
  <div class="inspect" hidden></div>
  <form class="input-row" hidden><label for="input">Input</label><input id="input" autocomplete="off"><button type="submit">Send</button><button type="button" class="input-end" title="End the program's input (Ctrl-D in the box)">End of input</button></form>
  <section id="timeline" role="group" aria-label="Timeline" data-fit="lanes"></section>
</div>`;

/* No DOM (a server-side build imports this module): nothing to define. */
const Base = globalThis.HTMLElement ?? class {};

class AsyncCDemo extends Base {
  static get observedAttributes() { return ['theme']; }

  connectedCallback() {
    this.unwatch?.();
    this.unwatch = watchHostScheme(() => this.applyTheme());
    if (this.shadowRoot) { this.applyTheme(); return; } /* moved within the page: already built */
    const root = this.attachShadow({ mode: 'open' });
    root.innerHTML = `<style>${STYLE}</style>${TEMPLATE}`;
    const $ = (s) => root.querySelector(s);
    this.$ = $;
    this.applyTheme();
    this.source = null; /* embed/source.js's answer, once resolved */
    this.editor = null;
    const height = this.getAttribute('height');
    if (height) $('.panes').style.setProperty('--demo-height', height);
    $('.virtual').checked = this.getAttribute('clock') === 'virtual';
    if (this.hasAttribute('timescale')) $('#timeline').dataset.timescale = this.getAttribute('timescale');
    this.program = createRun({ base: BASE });
    this.inspector = null; /* inspector/page.js's, once an inspecting demo first runs */
    this.session = createSession({
      run: this.program,
      output: $('#output'),
      timeline: $('#timeline'),
      onStatus: (t) => { $('.status').textContent = t; },
      onChange: () => this.controls(),
      showDiagnostics: (d) => this.editor?.showDiagnostics(d),
      noService: (why) => `Edited code can't be compiled here (${why}); the shipped examples still run.`,
    });
    linkOutputToEditor($('#output'), () => this.editor);
    $('.panes').addEventListener('keydown', (e) => { if (!e.defaultPrevented) this.inspector?.handleKey(e); });
    $('.run').addEventListener('click', () => this.run());
    $('.stop').addEventListener('click', () => this.program.stop('you pressed Stop'));
    $('.open').addEventListener('click', (e) => this.openInPlayground(e));
    $('.input-end').addEventListener('click', () => this.program.closeInput());
    $('#input').addEventListener('keydown', (e) => {
      if (e.key === 'd' && e.ctrlKey && !e.altKey && !e.metaKey) { e.preventDefault(); this.program.closeInput(); }
    });
    $('.input-row').addEventListener('submit', (e) => {
      e.preventDefault();
      this.program.input($('#input').value);
      $('#input').value = '';
    });
    $('.run').disabled = true; /* until the code is known (a file, the examples' index) */
    this.ready = this.showCode(); /* seek() waits for it */
    this.ready.then(() => {
      $('.run').disabled = false;
      if (this.hasAttribute('autorun')) this.run();
      if (this.hasAttribute('editable')) this.mountEditor();
    }, (e) => {
      $('.text').textContent = '';
      $('.status').textContent = 'No code to run';
      this.session.notice('error', e.message);
    });
  }

  disconnectedCallback() {
    this.unwatch?.();
    this.unwatch = null;
    this.program?.stop('the demo left the page');
  }

  attributeChangedCallback() { if (this.$) this.applyTheme(); }

  /** The shadow root's data-theme: this demo's theme attribute, else the host page's scheme. */
  applyTheme() {
    const scheme = schemeOf(this);
    for (const el of [this.$('.panes'), this.$('#timeline')]) if (el.dataset.theme !== scheme) el.dataset.theme = scheme;
  }

  /** The code as text. */
  async showCode() {
    const name = this.getAttribute('example');
    this.source = await resolveSource(this, { examples });
    const { snippet, from } = this.source;
    this.$('.open').href = new URL(`index.html${name ? `?example=${encodeURIComponent(name)}` : ''}`, BASE).href;
    const editable = this.hasAttribute('editable');
    /* the page already shows that code block, highlighted: not twice */
    if (from === 'block' && !editable) {
      this.$('.text').textContent = snippet;
      this.$('.code').hidden = true;
      return;
    }
    /* The code the text discusses comes first: a file's header comment is folded away, the rest highlighted. */
    const head = editable ? null : /^\s*\/\*[\s\S]*?\*\/[ \t]*\n(\s*\n)*/.exec(snippet);
    const body = head ? snippet.slice(head[0].length) : snippet;
    if (head && !this.$('.about')) {
      const about = document.createElement('details');
      about.className = 'about';
      const summary = document.createElement('summary');
      summary.textContent = `The file's header comment (${head[0].trimEnd().split('\n').length} lines)`;
      const text = document.createElement('pre');
      text.textContent = head[0].trimEnd();
      about.append(summary, text);
      this.$('.code').prepend(about);
    }
    this.$('.text').textContent = body;
    if (!editable) {
      /* in view: the highlighter loads (once for every demo on the page) */
      whenVisible(this).then(() => import('../editor/highlight.js')).then(({ highlightInto }) => {
        const text = this.$('.text'); /* gone if an inspecting demo's editor came first */
        if (text) highlightInto(text, body);
      }, () => {});
    }
  }

  /**
   * CodeMirror, once an editable demo is in view, or when an inspecting demo
   * first runs (read-only: the task markers need an editor; the header
   * comment the plain view folded stays folded). Mounted once.
   */
  mountEditor({ now = false } = {}) {
    this.editorMounted ||= this.doMountEditor(now);
    return this.editorMounted;
  }

  async doMountEditor(now) {
    const { snippet, block } = this.source;
    const editable = this.hasAttribute('editable');
    if (!now) await whenVisible(this);
    const { createEditor } = await loadEditor();
    if (editable) prepareCompiler({ base: BASE }); /* an editable demo in view: warm a compiler this browser kept */
    const host = this.$('.code');
    host.replaceChildren();
    host.hidden = false;
    this.editor = createEditor(host, {
      doc: snippet,
      readOnly: !editable,
      onRun: () => this.run(),
      onChange: () => {
        this.editor.showDiagnostics([]);
        prepareCompiler({ base: BASE });
      },
    });
    const head = editable ? null : /^\s*\/\*[\s\S]*?\*\/[ \t]*\n/.exec(snippet);
    if (head) this.editor.fold(1, head[0].trimEnd().split('\n').length);
    /* the editor replaces the page's copy, which edits would leave stale (or, read-only, shows it twice) */
    if (block) block.style.display = 'none';
  }

  /** The inspector (inspector/page.js) and the editor it marks, loaded on an inspecting demo's first run. */
  async mountInspector() {
    await this.mountEditor({ now: true });
    if (this.inspector) return;
    const { mountPageInspector } = await import('../inspector/page.js');
    const parent = this.$('.inspect');
    this.inspector = mountPageInspector({ parent, session: this.session, editor: this.editor.view, output: this.$('#output'), styleRoot: this.shadowRoot });
    parent.hidden = false;
  }

  /**
   * Put the cursor just after the first event `match` accepts (an inspecting
   * demo; it runs first if it has no run): see the header.
   * @param {(event: object, names: Map<number, string>) => boolean} match
   * @returns {Promise<number>} the cursor (0 if no event matched)
   */
  async seek(match) {
    if (!this.hasAttribute('inspect')) throw new Error('seek() needs an <async-c-demo inspect>');
    if (!this.session.hasRun && !this.program.live) {
      await this.ready;
      this.$('.virtual').checked = true;
      await this.run();
    }
    if (this.program.live) await new Promise((r) => { this.onEnd = r; });
    const log = this.session.log;
    const names = new Map();
    for (let i = 0; i < log.length; i++) {
      const ev = log.get(i);
      if (ev.kind === 'spawn') names.set(ev.task, ev.name);
      if (match(ev, names)) {
        this.inspector.moveTo(i + 1);
        this.$('.inspect').scrollIntoView({ block: 'nearest' }); /* the panel that shows it, the least scroll away */
        return i + 1;
      }
    }
    return 0;
  }

  /** What the reader sees: the snippet, edited or not. */
  code() { return this.editor ? this.editor.getCode() : this.source.snippet; }

  controls() {
    const s = this.session;
    this.$('.stop').disabled = !s.running;
    this.$('.input-row').hidden = !s.waitingForInput;
    this.inspector?.changed();
    if (!this.program.live && this.onEnd) { const end = this.onEnd; this.onEnd = null; end(); }
  }

  /** Run the code: the shipped build when it is an example's own, else a compile. */
  async run() {
    let code;
    try {
      code = this.source.program(this.code());
    } catch (e) {
      this.session.begin();
      this.session.notice('error', e.message);
      this.$('.status').textContent = 'Not run';
      return;
    }
    const shipped = !this.hasAttribute('template') && (await examples()).find((e) => e.source === code);
    if (this.hasAttribute('inspect')) await this.mountInspector();
    const clock = this.$('.virtual').checked ? 'virtual' : 'real';
    this.ran = { code: this.code(), clock };
    this.program.start({ ...(shipped ? { example: shipped.name } : { code }), clock }, this.session.begin());
    this.inspector?.start();
  }

  async openInPlayground(e) {
    e.preventDefault();
    const name = this.getAttribute('example');
    const url = new URL('index.html', BASE);
    if (name) url.search = `?example=${encodeURIComponent(name)}`;
    url.hash = await encodeCode(this.source.full(this.code()));
    /* an inspecting demo's moment goes along, while it shows a run of this code (the template adds no lines before it: #line) */
    const at = this.inspector?.cursor ?? 0;
    if (this.inspector?.length && this.ran?.code === this.code() && !this.hasAttribute('template')) {
      url.hash += `&${encodeMoment({ at, clock: this.ran.clock, t: at > 0 ? this.session.log.get(at - 1).time : 0 })}`;
    }
    window.open(url.href, '_blank', 'noopener');
  }
}

if (globalThis.customElements && !customElements.get('async-c-demo')) customElements.define('async-c-demo', AsyncCDemo);
