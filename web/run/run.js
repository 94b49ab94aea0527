/**
 * run.js - a run, from code to its end: the one contract between a page
 * (the playground, every <async-c-demo>) and the runtime. Pages wire their
 * buttons to it and hand its stream to their views (session.js); nothing
 * else starts, feeds or stops a program.
 *
 * What goes in:
 *   run.start({example, code, clock, input}, sink)
 *     example  a shipped example's name: its prebuilt examples/NAME.wasm runs
 *     code     C source otherwise: compiled (compiler.js), by the compile
 *              service or in the browser
 *     clock    'real' (default) or 'virtual'
 *     input    lines to queue for async_read_line before it starts
 *   A start while a run is live ends that run first (its stream ends).
 *
 * What comes out: one ordered stream of messages to sink(msg), of one run:
 *   {type: 'compile', phase: 'start'}
 *   {type: 'compile', phase: 'download', loaded, total, transfer}  bytes of the toolchain
 *   {type: 'compile', phase: 'done', ok, diagnostics, error?, how, fellBack?, seconds}
 *   {type: 'compile', phase: 'impossible', why}   nothing here can compile
 *   {type: 'start', clock}                        the program starts
 *   {type: 'events', batch}                       runtime events, packed
 *                                                 (event-log.js openBatch), in order; the
 *                                                 worker fills batches from the runtime's
 *                                                 own packed columns (Program's onEvents)
 * and always, last, exactly one 'exit' event, in the last batch:
 *   status  the program's exit status; 130 when stopped (why: the reason
 *           given to stop); -1 when it never ran (did not compile, or could
 *           not be loaded: an 'error' event says why)
 * A crash is an 'error' event (its message names the fault and the task),
 * then 'exit' with status 1. An input line is an 'input' event where it
 * entered the run, so a replay can feed it again.
 *
 * The verbs, any time while the run is live:
 *   run.stop(why)    ends the run now (the worker is terminated)
 *   run.input(line)  a line for async_read_line
 *   run.closeInput()  the end of input (readers get end of input)
 *   run.pause(on)    pause (true) at the program's next wait, or go on (false):
 *                    the run's clock, real or virtual, stands still meanwhile,
 *                    so no task is charged the paused stretch
 * start({paused: true}) starts the run paused at t = 0 (run.pause(false) starts it).
 * A verb is a Program method named in Program.VERBS (wasm/host/host.js), sent to
 * it by send(); a new one (pause, step) is a method there and one line here.
 *
 * Backpressure: sink() has taken a batch when it returns, or when the
 * promise it returns resolves (a pane still showing lines); it is
 * acknowledged then, or half as long after as taking it took, and the
 * worker runs at most a few batches ahead: however fast a program makes
 * events, the page spends at most about two thirds of its time taking them.
 */
import { compile, NoCompileService } from '../compile/compiler.js';
import { EventBatch, openBatch, kindCode } from './event-log.js';
import { RunClock } from './run-clock.js';
import { loadModule, workerScript } from '../compile/load.js';

const exitCode = kindCode('exit');
/**
 * @param {{base?: string|URL}} [opts]  where the site is (examples/, worker.js, api/): the page's by default
 */
export function createRun({ base = document.baseURI } = {}) {
  const clock = new RunClock();
  let sink = null;   /* the live run's; null once it has ended */
  let worker = null;
  let gen = 0;

  /* One message of the live run's stream. */
  function emit(msg) {
    if (sink) sink(msg);
  }

  /* Runtime events from the page itself (a Stop, a failure), packed as the worker packs them. */
  function emitEvents(events) {
    const b = new EventBatch(events.length);
    for (const ev of events) b.push(ev);
    deliver(b.seal());
  }

  function deliver(msg) {
    const batch = openBatch(msg);
    if (!batch.count || !sink) return;
    clock.saw(batch.time[batch.count - 1]);
    const to = sink;
    if (batch.kind[batch.count - 1] === exitCode) end(); /* the run is over (not live) by the time its exit is seen */
    return to({ type: 'events', batch });
  }

  function end() {
    sink = null;
    clock.live = false;
    if (worker) {
      const w = worker;
      worker = null;
      setTimeout(() => w.terminate(), 0);
    }
  }

  async function program(what, g) {
    if (what.example) return loadModule(new URL(`examples/${what.example}.wasm`, base).href);
    emit({ type: 'compile', phase: 'start' });
    const t0 = performance.now();
    let r;
    try {
      r = await compile(what.code, { base, onProgress: ({ loaded, total, transfer }) => { if (g === gen) emit({ type: 'compile', phase: 'download', loaded, total, transfer }); } });
    } catch (e) {
      if (!(e instanceof NoCompileService) || g !== gen) throw e;
      emit({ type: 'compile', phase: 'impossible', why: e.message });
      return null;
    }
    if (g !== gen) return null;
    const { ok, diagnostics, error, how, fellBack } = r;
    emit({ type: 'compile', phase: 'done', ok, diagnostics, error, how, fellBack, seconds: (performance.now() - t0) / 1000 });
    return ok ? r.module : null;
  }

  const run = {
    /**
     * Start a run (see the contract above).
     * @param {{example?: string, code?: string, clock?: 'real'|'virtual', input?: string[], paused?: boolean}} what
     * @param {(msg: object) => void} to  the sink
     */
    async start(what, to) {
      run.stop('a new run started');
      const g = ++gen;
      sink = to;
      const which = what.clock === 'virtual' ? 'virtual' : 'real';
      clock.reset(which);
      let module;
      try {
        module = await program(what, g);
      } catch (e) {
        module = null;
        if (g === gen) emitEvents([{ kind: 'error', task: 0, time: 0, message: e.message }]);
      }
      if (g !== gen || !sink) return;
      if (!module) return emitEvents([{ kind: 'exit', task: 0, time: 0, status: -1 }]);
      emit({ type: 'start', clock: which });
      clock.reset(which);
      clock.live = true;
      const w = new Worker(workerScript(new URL('worker.js', base)), { type: 'module' });
      worker = w;
      w.onmessage = ({ data }) => {
        if (w !== worker || data.type !== 'events') return;
        const t0 = performance.now();
        const taken = deliver(data.batch);
        /* no sooner than half what taking it took: a flood gets at most two thirds of the page's time */
        const rest = (performance.now() - t0) / 2;
        const ack = () => { if (w === worker) w.postMessage({ type: 'ack' }); };
        const ackLater = () => (rest < 1 ? ack() : setTimeout(ack, rest));
        if (taken && typeof taken.then === 'function') taken.then(ackLater); else ackLater();
      };
      w.onerror = (e) => {
        if (w !== worker) return;
        const t = clock.now();
        emitEvents([{ kind: 'error', task: 0, time: t, message: e.message || 'the worker failed' }, { kind: 'exit', task: 0, time: t, status: 1 }]);
      };
      clock.setPaused(!!what.paused);
      w.postMessage({ type: 'run', module, env: which === 'virtual' ? { ASYNC_CLOCK: 'virtual' } : {}, paused: !!what.paused });
      for (const line of what.input || []) run.input(line);
    },

    /**
     * End the live run now; its stream ends with exit status 130.
     * @param {string} why  said in the exit event
     * @returns {boolean} whether a run was live
     */
    stop(why) {
      if (!sink) return false;
      gen++;
      if (worker) { worker.terminate(); worker = null; }
      emitEvents([{ kind: 'exit', task: 0, time: clock.now(), status: 130, why }]);
      return true;
    },

    /** A line for the program's async_read_line (an 'input' event records it). */
    input(line) {
      if (!worker) return;
      emitEvents([{ kind: 'input', task: 0, time: clock.now(), text: line }]);
      send('pushInput', line);
    },

    /** End the program's input (Ctrl-D): async_read_line gets ASYNC_EEOF, scanf and getchar EOF. */
    closeInput() {
      if (!worker) return;
      emitEvents([{ kind: 'input', task: 0, time: clock.now(), text: '(end of input)' }]);
      send('closeInput');
    },

    /** Pause the live run (true) or let it go on (false); see the contract above. */
    pause(on) {
      if (!worker) return;
      clock.setPaused(on);
      send(on ? 'pause' : 'unpause');
    },

    /** Whether the live run is paused. */
    get paused() { return !!sink && clock.paused; },

    /** The live run's time in seconds (moving on in real time on a real clock). */
    now: () => clock.now(),

    /** True from start until the stream has ended. */
    get live() { return sink !== null; },
  };

  /* A verb for the Program in the worker (Program.VERBS). */
  function send(verb, ...args) {
    worker?.postMessage({ type: 'verb', verb, args });
  }

  return run;
}
