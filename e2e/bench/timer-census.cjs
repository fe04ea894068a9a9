// Preloaded into a `roletray serve` by the idle bench (node --require): counts every callback the
// process runs (timers by their interval and function, and any other kind of wake-up) and its CPU
// time, between two SIGUSR2 signals. At the second it writes the census as JSON to
// $ROLETRAY_CENSUS_FILE. Plain CommonJS so that it runs in front of the built bundle.
const { createHook } = require('node:async_hooks');
const { writeFileSync } = require('node:fs');

const out = process.env.ROLETRAY_CENSUS_FILE;
/** What each live async resource is: a timer by its interval and function, anything else by its type. */
const resources = new Map();
const kinds = new Map();
let counting = false;
let started;

createHook({
  init(id, type, _trigger, resource) {
    const timer = type === 'Timeout' ? `${resource._idleTimeout} ms${resource._repeat === null ? '' : ' interval'} ${resource._onTimeout?.name || '(anonymous)'}` : undefined;
    resources.set(id, timer ? `Timeout ${timer}` : type);
  },
  before(id) {
    if (!counting) return;
    const key = resources.get(id) ?? 'unknown';
    kinds.set(key, (kinds.get(key) ?? 0) + 1);
  },
  destroy(id) {
    resources.delete(id);
  },
}).enable();

process.on('SIGUSR2', () => {
  if (!counting) {
    counting = true;
    kinds.clear();
    started = { at: performance.now(), cpu: process.cpuUsage() };
    return;
  }
  counting = false;
  const cpu = process.cpuUsage(started.cpu);
  const live = [...resources.values()].filter((r) => r.startsWith('Timeout '));
  writeFileSync(out, JSON.stringify({ ms: performance.now() - started.at, cpuMs: (cpu.user + cpu.system) / 1000, wakes: Object.fromEntries(kinds), live }));
});
