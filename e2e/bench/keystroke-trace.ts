// Where keystrokes' time goes in Chromium, from a trace of the page (Playwright's browser.startTracing
// with TRACE_CATEGORIES): the renderer's main thread split into scripting, style, layout, paint and
// GC (and the time it did nothing, waiting for the next frame), and the JavaScript self time by
// function from the trace's own CPU profile, named through the build's source maps.
import { existsSync, readFileSync } from 'node:fs';
import { SourceMap } from 'node:module';
import { dirname, join, relative, resolve } from 'node:path';
import { summariseProfile, type ProfileSummary } from './cpu-profile';

const ROOT = resolve(import.meta.dirname, '../..');

/** The timeline DevTools records, the user-timing mark that ties the page's clock to the trace, and V8's sampling profiler. */
export const TRACE_CATEGORIES = ['devtools.timeline', 'disabled-by-default-devtools.timeline', 'blink.user_timing', 'disabled-by-default-v8.cpu_profiler'];

/** The performance.mark() the page makes while traced, so that its performance.now() times can be found in the trace. */
export const CLOCK_MARK = 'roletray-bench-clock';

interface TraceEvent {
  name: string;
  ph: string;
  pid: number;
  tid: number;
  ts: number;
  dur?: number;
  id?: string;
  args?: { data?: Record<string, unknown> };
}

interface CallFrame {
  functionName: string;
  url?: string;
  lineNumber?: number;
  columnNumber?: number;
}

interface ChunkData {
  cpuProfile?: { nodes?: { id: number; callFrame: CallFrame }[]; samples?: number[] };
  timeDeltas?: number[];
}

/** A keystroke as the page timed it: from `at` (performance.now()) for `ms`. */
export interface TimedKeystroke {
  at: number;
  ms: number;
}

export const PHASES = ['scripting', 'style', 'layout', 'paint', 'GC', 'other', 'waiting for the frame'] as const;
export type Phase = (typeof PHASES)[number];

export interface KeystrokeProfile {
  keystrokes: number;
  /** The keystrokes' mean keystroke-to-paint while traced. */
  meanMs: number;
  /** Per keystroke, the mean main-thread time of each phase; together they make meanMs. */
  phases: Record<Phase, number>;
  /** The JavaScript samples that fell in those keystrokes, by function and by source file. */
  js: ProfileSummary;
}

/** Trace event names by phase; an event not named here takes its parent's phase (a hit test inside a handler is the handler's). */
function phaseOf(name: string): Phase | undefined {
  if (name.startsWith('V8.GC') || name === 'MinorGC' || name === 'MajorGC' || name.startsWith('BlinkGC') || name === 'CppGC.IncrementalSweep') return 'GC';
  if (['EventDispatch', 'FunctionCall', 'TimerFire', 'FireAnimationFrame', 'FireIdleCallback', 'RunMicrotasks', 'EvaluateScript', 'v8.compile', 'v8.compileModule'].includes(name)) return 'scripting';
  if (name === 'UpdateLayoutTree' || name === 'ParseAuthorStyleSheet') return 'style';
  if (name === 'Layout') return 'layout';
  if (['PrePaint', 'Paint', 'Layerize', 'Commit', 'UpdateLayer', 'PaintImage', 'Decode Image'].includes(name)) return 'paint';
  return undefined;
}

/** Sorted, merged [start, end) intervals in trace microseconds. */
function intervals(spans: [number, number][]) {
  const merged: [number, number][] = [];
  for (const [s, e] of [...spans].sort((a, b) => a[0] - b[0])) {
    const last = merged.at(-1);
    if (last && s <= last[1]) last[1] = Math.max(last[1], e);
    else merged.push([s, e]);
  }
  return {
    /** How much of [a, b) the intervals cover. */
    overlap(a: number, b: number): number {
      // The first interval ending after a.
      let lo = 0;
      let hi = merged.length;
      while (lo < hi) {
        const mid = (lo + hi) >>> 1;
        if (merged[mid]![1] <= a) lo = mid + 1;
        else hi = mid;
      }
      let sum = 0;
      for (let j = lo; j < merged.length && merged[j]![0] < b; j++) sum += Math.min(b, merged[j]![1]) - Math.max(a, merged[j]![0]);
      return sum;
    },
  };
}

/**
 * Each moment of the main thread belongs to the innermost event open then (its self time), and
 * that event's phase; a moment with no event open is the thread waiting, which inside a keystroke
 * is the wait for the frame that paints it.
 */
function phaseTimes(events: readonly TraceEvent[], spans: [number, number][]): Record<Phase, number> {
  const slices = events.filter((e) => e.ph === 'X' && e.dur !== undefined).sort((a, b) => a.ts - b.ts || b.dur! - a.dur!);
  const within = intervals(spans);
  const times = Object.fromEntries(PHASES.map((p) => [p, 0])) as Record<Phase, number>;
  const stack: { end: number; phase: Phase }[] = [];
  // Time before the first keystroke is nobody's.
  let cursor = Math.min(...spans.map((s) => s[0]));
  const spend = (until: number) => {
    if (until <= cursor) return;
    times[stack.at(-1)?.phase ?? 'waiting for the frame'] += within.overlap(cursor, until);
    cursor = until;
  };
  for (const e of slices) {
    while (stack.length && stack.at(-1)!.end <= e.ts) {
      spend(stack.at(-1)!.end);
      stack.pop();
    }
    spend(e.ts);
    const parentEnd = stack.at(-1)?.end ?? Infinity;
    stack.push({ end: Math.min(e.ts + e.dur!, parentEnd), phase: phaseOf(e.name) ?? stack.at(-1)?.phase ?? 'other' });
  }
  while (stack.length) {
    spend(stack.at(-1)!.end);
    stack.pop();
  }
  spend(Math.max(...spans.map((s) => s[1])));
  return times;
}

/**
 * A frame of the page's code as the source it came from, through the map the build wrote beside
 * the chunk in `builtDir`: `url` becomes the source's path in the repository (a package's path
 * from its name), so the summary groups and names frames by source.
 */
function sourceFrames(origin: string, builtDir: string) {
  const maps = new Map<string, { map: SourceMap; dir: string } | undefined>();
  const mapOf = (url: string) => {
    if (!maps.has(url)) {
      const file = join(builtDir, url.slice(origin.length));
      maps.set(url, existsSync(`${file}.map`) ? { map: new SourceMap(JSON.parse(readFileSync(`${file}.map`, 'utf8'))), dir: dirname(file) } : undefined);
    }
    return maps.get(url);
  };
  return (frame: CallFrame): CallFrame => {
    const found = frame.url?.startsWith(origin) ? mapOf(frame.url) : undefined;
    const entry = found?.map.findEntry(frame.lineNumber ?? 0, frame.columnNumber ?? 0);
    if (!found || !entry || !('originalSource' in entry) || !entry.originalSource) return frame;
    const source = relative(ROOT, resolve(found.dir, entry.originalSource)).replace(/^.*node_modules\//, '');
    return { functionName: (entry as { name?: string }).name ?? frame.functionName, url: source, lineNumber: entry.originalLine, columnNumber: entry.originalColumn };
  };
}

/** V8's name for samples taken outside JavaScript, said for a reader of the bench. */
const NATIVE = '(program: the browser outside JavaScript: event dispatch, editing, DOM, style, layout)';

/**
 * The trace's CPU profile (Profile and ProfileChunk events, which add nodes and samples as they
 * go) cut down to the spans: each sample weighs the part of the time to the next one that falls
 * inside them, and the page's frames are named by their sources (sourceFrames).
 */
function samplesWithin(events: readonly TraceEvent[], pid: number, spans: [number, number][], origin: string, builtDir: string) {
  const start = events.find((e) => e.name === 'Profile' && e.pid === pid);
  if (!start) throw new Error('the trace has no CPU profile: was disabled-by-default-v8.cpu_profiler traced?');
  const nodes: { id: number; callFrame: Required<CallFrame> }[] = [];
  const toSource = sourceFrames(origin, builtDir);
  const taken: { t: number; id: number }[] = [];
  let t = (start.args?.data?.startTime as number | undefined) ?? start.ts;
  for (const e of events) {
    if (e.name !== 'ProfileChunk' || e.pid !== pid || e.id !== start.id) continue;
    const data = e.args?.data as ChunkData;
    for (const n of data.cpuProfile?.nodes ?? []) {
      const { functionName, url = '', lineNumber = 0, columnNumber = 0 } = toSource(n.callFrame);
      nodes.push({ id: n.id, callFrame: { functionName: functionName === '(program)' ? NATIVE : functionName, url, lineNumber, columnNumber } });
    }
    (data.cpuProfile?.samples ?? []).forEach((id, i) => {
      t += data.timeDeltas?.[i] ?? 0;
      taken.push({ t, id });
    });
  }
  // A chunk's deltas may step back in time: in time order, each moment weighs once.
  taken.sort((a, b) => a.t - b.t);
  const within = intervals(spans);
  const samples: number[] = [];
  const timeDeltas: number[] = [];
  taken.forEach(({ t, id }, i) => {
    const weight = within.overlap(t, taken[i + 1]?.t ?? t);
    if (weight > 0) {
      samples.push(id);
      timeDeltas.push(weight);
    }
  });
  return { nodes, samples, timeDeltas };
}

/**
 * Where `keystrokes` (timed by the page, which made CLOCK_MARK while traced) spent their time.
 * `origin` served the page from `builtDir`.
 */
export function profileKeystrokes(trace: { traceEvents: TraceEvent[] } | TraceEvent[], keystrokes: readonly TimedKeystroke[], origin: string, builtDir: string): KeystrokeProfile {
  const events = Array.isArray(trace) ? trace : trace.traceEvents;
  const mark = events.find((e) => e.name === CLOCK_MARK);
  if (!mark) throw new Error(`the trace has no ${CLOCK_MARK} mark: was blink.user_timing traced, and the mark made while tracing?`);
  // The mark's startTime is performance.now() at the mark, in ms; its ts the same moment in the trace's µs.
  const zero = mark.ts - 1000 * (mark.args!.data!.startTime as number);
  const spans = keystrokes.map((k): [number, number] => [zero + 1000 * k.at, zero + 1000 * (k.at + k.ms)]);
  const main = events.filter((e) => e.pid === mark.pid && e.tid === mark.tid);
  const phases = phaseTimes(main, spans);
  for (const p of PHASES) phases[p] /= 1000 * keystrokes.length;
  return {
    keystrokes: keystrokes.length,
    meanMs: keystrokes.reduce((sum, k) => sum + k.ms, 0) / keystrokes.length,
    phases,
    js: summariseProfile(samplesWithin(events, mark.pid, spans, origin, builtDir), 8),
  };
}

/** The profile as the bench prints it: the mean keystroke by phase, then its JavaScript by source file and by function, per keystroke. */
export function formatKeystrokeProfile(p: KeystrokeProfile, indent = '  '): string[] {
  const each = (ms: number) => `${(ms / p.keystrokes).toFixed(2).padStart(6)} ms`;
  const row = ([label, ms]: [string, number]) => `${indent}  ${each(ms)}  ${label}`;
  return [
    `${indent}mean ${p.meanMs.toFixed(1)} ms: ${PHASES.map((phase) => `${phase} ${p.phases[phase].toFixed(1)}`).join(', ')} ms`,
    `${indent}JavaScript per keystroke ${each(p.js.totalMs)} (sampled), by source:`,
    ...p.js.scripts.map(row),
    `${indent}by function (self time):`,
    ...p.js.functions.map(row),
  ];
}
