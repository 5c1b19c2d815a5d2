/**
 * Lyapunov figure (docs/math.md section 4, Lemma 7.5): V(t, z(t)) along the debiased ADAM ODE
 * from the initial point (of a small random cloud) where V grows most, its exact derivative
 * against the bound −(ε/2) Σ (m̂/w)² of the lemma, and the largest increase of V over a sweep
 * of b/a across 4. The ODE runs in float64 on the CPU (a few solves: no GPU needed), through
 * the `lyapunov` experiment and `lyapunovPath`. Parameters: problem, ratio (b/a), a, epsilon,
 * trajectories, T, seed.
 */
import { CpuBackend } from '../../backend/index.ts';
import { lyapunovExperiment } from '../../experiments/lyapunov.ts';
import { lyapunovPath, type LyapunovPath } from '../../experiments/lyapunovPath.ts';
import { drawLineChart } from '../../plot/lineChart.ts';
import { niceDomain } from '../../plot/scale.ts';
import { problemSpec } from '../../problems/flags.ts';
import { createProblem } from '../../problems/index.ts';
import { FIGURE_INFO, readFigureParameters } from './catalog.ts';
import { lifetime, stillHandle } from './layout.ts';
import { Panels, statusLine, throwIfAborted, yieldToPage } from './theory/panels.ts';
import type { FigureData, FigureDefinition } from './types.ts';

/** The b/a of the sweep panel (at most 16: the experiment's limit). */
const SWEEP = [0.25, 0.5, 1, 2, 3, 4, 5, 6, 8, 12, 16, 24, 32, 64];
/** Output times of the experiment (where increases of V are looked for). */
const OUTPUTS = 101;
/** Output times of the plotted path. */
const PATH_OUTPUTS = 400;

interface Row {
  ratio: number;
  maxRelativeIncrease: number;
  maxIncrease: number;
  t: number;
  x0: number[];
  trajectoriesAboveTolerance: number;
  trajectories: number;
  tolerance: number;
}

/** Sweeps already computed, by configuration (the sweep does not depend on b/a). */
const sweeps = new Map<string, Row[]>();

const fmt = (v: number) => (Math.abs(v) >= 1e-3 || v === 0 ? v.toFixed(4) : v.toExponential(2));

const mount: FigureDefinition['mount'] = async (host, raw, context) => {
  const life = lifetime(context.signal);
  const signal = life.signal;
  const {
    problem: name,
    ratio,
    a,
    epsilon,
    trajectories,
    T,
    seed,
  } = readFigureParameters('lyapunov', raw).values;
  const b = ratio * a;
  const status = statusLine(host);
  const panels = new Panels(host, ['figure-v', 'figure-dv', 'figure-sweep'], signal);
  const cpu = new CpuBackend();
  const base = { problems: [name], a, epsilon, trajectories, T, outputs: OUTPUTS, seed };
  const run = async (ratios: number[]): Promise<Row[]> => {
    const outcome = await lyapunovExperiment.run(
      lyapunovExperiment.schema.parse({ ...base, ratios }),
      {
        backend: cpu,
        progress: () => throwIfAborted(signal),
        warn: () => undefined,
      },
    );
    throwIfAborted(signal);
    return outcome.results['rows'] as Row[];
  };
  status.progress(0, 'integrating the ODE…');
  await yieldToPage();
  const [row] = await run([ratio]);
  if (!row) throw new Error('lyapunov: the experiment returned no row');
  const spec = problemSpec({ ...lyapunovExperiment.schema.parse(base), problem: name });
  const path: LyapunovPath = await lyapunovPath(createProblem(spec), {
    a,
    b,
    epsilon,
    x0: row.x0,
    T,
    outputs: PATH_OUTPUTS,
  });
  throwIfAborted(signal);
  const t = Array.from(path.t);
  const F0 = path.F[0] ?? NaN;
  const x0Text = `(${row.x0.map((v) => v.toFixed(2)).join(', ')})`;
  const covered = b <= 4 * a;
  const increased = row.trajectoriesAboveTolerance > 0;

  panels.set(
    0,
    (surface, narrow) =>
      drawLineChart(surface, {
        title: narrow
          ? `V along the ODE, b/a = ${ratio}`
          : `V(t, z(t)) along the ODE, b/a = ${ratio}`,
        subtitle: narrow
          ? `x0 = ${x0Text} · ε = ${epsilon}`
          : `${name}, x0 = ${x0Text} (largest increase of ${trajectories}) · a = ${a}, ε = ${epsilon}`,
        xLabel: 't',
        yLabel: 'V, F',
        lines: [
          { x: t, y: path.V, color: '#0072b2', label: 'V(t, z(t))', lineWidth: 2.5 },
          { x: t, y: path.F, color: '#d55e00', label: 'F(x(t))', dash: [6, 3] },
          { x: [0, T], y: [F0, F0], color: '#59636e', label: 'F(x0)', lineWidth: 1, dash: [2, 3] },
        ],
      }),
    `V(t, z(t)) = F(x) + (1 − e^{−at})/(2a) Σ m̂²/(ε + √v̂) and F(x(t)) from x0 = ${x0Text}, the one of ` +
      `${trajectories} random initial points where V grows most. ` +
      (covered
        ? `b ≤ 4a: V never increases, so F(x(t)) ≤ V ≤ F(x0).`
        : increased
          ? `b > 4a: V increases by up to ${fmt(row.maxRelativeIncrease)} (relative) near t = ${row.t.toFixed(1)}.`
          : `b > 4a: no guarantee, but V did not increase from these initial points.`),
  );

  const zero = t.map(() => 0);
  panels.set(
    1,
    (surface, narrow) =>
      drawLineChart(surface, {
        title: narrow ? 'dV/dt and the bound' : 'dV/dt against the bound of Lemma 7.5',
        subtitle: covered
          ? `b/a = ${ratio} ≤ 4: dV/dt ≤ −(ε/2) Σ (m̂/w)² ≤ 0`
          : narrow
            ? `b/a > 4: no bound · max dV/dt = ${fmt(path.maxDV)}`
            : `b/a = ${ratio} > 4: no guaranteed bound · max dV/dt = ${fmt(path.maxDV)}`,
        xLabel: 't',
        yLabel: 'dV/dt',
        lines: [
          { x: t, y: zero, color: '#59636e', lineWidth: 1, label: '0' },
          { x: t, y: path.bound, color: '#009e73', label: 'bound −(ε/2) Σ (m̂/w)²', dash: [6, 3] },
          { x: t, y: path.dV, color: '#0072b2', label: 'dV/dt', lineWidth: 2.5 },
        ],
      }),
    `dV/dt = −Σ (m̂²/w)[1 − e^{−at}/2 + (1 − e^{−at})/(2a) · ẇ/w], w = ε + √v̂, computed from the field ` +
      `along the same path, against −(ε/2) Σ (m̂/w)². The bracket stays positive when b ≤ 4a; when v̂ falls ` +
      `fast and b > 4a it can turn negative, and then V grows.`,
  );

  const summary =
    `b/a = ${ratio}: largest increase of V between output times ${fmt(row.maxRelativeIncrease)} ` +
    `(relative to max(1, |V|)) over ${trajectories} initial points, ${row.trajectoriesAboveTolerance} above the ` +
    `tolerance ${row.tolerance.toExponential(0)}; ${covered ? 'b ≤ 4a: V is non-increasing (Lemma 7.5)' : 'b > 4a: Lemma 7.5 does not apply'}.`;
  status.done(summary);
  context.report('maxIncrease', String(row.maxRelativeIncrease));
  context.report('maxDv', String(path.maxDV));

  const key = JSON.stringify(base);
  let sweep = sweeps.get(key);
  const drawSweep = (rows: Row[]) =>
    panels.set(
      2,
      (surface, narrow) => {
        const x = rows.map((r) => Math.log2(r.ratio));
        const y = rows.map((r) => r.maxRelativeIncrease);
        const [lo, hi] = niceDomain(Math.min(0, ...y), Math.max(1e-3, ...y) * 1.05);
        const u = Math.log2(ratio);
        drawLineChart(surface, {
          title: narrow ? 'Largest increase of V' : 'Largest increase of V against b/a',
          subtitle: `relative to max(1, |V|), ${trajectories} initial points per b/a`,
          xLabel: 'log2(b/a)',
          yLabel: 'max ΔV',
          yDomain: [lo, hi],
          lines: [
            {
              x: [2, 2],
              y: [lo, hi],
              color: '#59636e',
              lineWidth: 1,
              dash: [2, 3],
              label: 'b = 4a',
            },
            { x: [u, u], y: [lo, hi], color: '#d55e00', lineWidth: 1.5, label: `b/a = ${ratio}` },
            { x, y, color: '#0072b2', label: 'max ΔV / max(1, |V|)', lineWidth: 2.5 },
          ],
        });
      },
      `The largest increase of V between consecutive output times (relative to max(1, |V|)) over ` +
        `${trajectories} initial points, for b/a from 1/4 to 64. Zero up to b/a = 4 (Lemma 7.5); ` +
        `beyond, it depends on the problem and the initial points (b ≤ 4a is sufficient, not necessary).`,
    );
  if (sweep) drawSweep(sweep);
  else {
    // The sweep follows the first frame; the slider's recompute cancels it (signal).
    void (async () => {
      const rows: Row[] = [];
      for (const [i, r] of SWEEP.entries()) {
        await yieldToPage();
        throwIfAborted(signal);
        status.progress(i / SWEEP.length, `sweeping b/a: ${r}…`);
        rows.push(...(await run([r])));
      }
      sweeps.set(key, rows);
      sweep = rows;
      status.done(summary);
      drawSweep(rows);
    })().catch((error: unknown) => {
      if (!signal.aborted) context.fail(error);
    });
  }

  const data = (): FigureData => ({
    figure: 'lyapunov',
    params: {
      problem: name,
      ratio: String(ratio),
      a: String(a),
      epsilon: String(epsilon),
      trajectories: String(trajectories),
      T: String(T),
      seed,
    },
    tables: {
      path: {
        t,
        F: Array.from(path.F),
        V: Array.from(path.V),
        dVdt: Array.from(path.dV),
        bound: Array.from(path.bound),
      },
      ...(sweep
        ? {
            sweep: {
              ratio: sweep.map((r) => r.ratio),
              maxRelativeIncrease: sweep.map((r) => r.maxRelativeIncrease),
              maxIncrease: sweep.map((r) => r.maxIncrease),
              trajectoriesAboveTolerance: sweep.map((r) => r.trajectoriesAboveTolerance),
            },
          }
        : {}),
    },
  });
  return { ...stillHandle(life), data, svg: () => panels.svg(), summary: () => summary };
};

export const figure: FigureDefinition = { ...FIGURE_INFO.lyapunov, mount };
