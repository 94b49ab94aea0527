/**
 * run-clock.js - a run's time now, in seconds: the latest event's time,
 * moving on in real time while a real-clock run is live (the runtime sends
 * nothing while everyone sleeps). A virtual clock stands still between events.
 */
export class RunClock {
  constructor() { this.reset('real'); }

  /** A new run on this clock ('real' or 'virtual'). */
  reset(clock) {
    this.clock = clock;
    this.time = 0;
    this.at = performance.now();
    this.live = false;
    this.paused = false;
  }

  /** An event at run time t (s) arrived now. */
  saw(t) {
    if (t >= this.time) {
      this.time = t;
      this.at = performance.now();
    }
  }

  /** The run is paused (true) or goes on (false): its clock stands still meanwhile, as the runtime's does. */
  setPaused(on) {
    if (on === !!this.paused) return;
    if (on) { this.time = this.now(); this.paused = true; } else { this.paused = false; this.at = performance.now(); }
  }

  /** @returns {number} seconds */
  now() {
    if (!this.live || this.paused || this.clock === 'virtual') return this.time;
    return this.time + (performance.now() - this.at) / 1000;
  }
}
