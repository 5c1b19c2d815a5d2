/**
 * Dimension-100 figure (talk: "solutions of the autonomous / non-autonomous ADAM ODE for a
 * stochastic quadratic problem in dimension 100"): quadratic-diag with d = 100, F(x(t))
 * along the debiased ODE (Eq. 3.3) and the autonomous ODE (Eq. 7.1), and ADAM with and
 * without debiasing at a small γ (ensemble medians and 5–95 % bands), log scale.
 * Parameters: ratio (b/a), a, gamma, n (per group), seed, T.
 */
import { CpuBackend } from '../../backend/index.ts';
import { resolveEnsemble } from '../../ensemble/config.ts';
import { integrateOde } from '../../ode/index.ts';
import { FIGURE_INFO } from './catalog.ts';
import { mountComparison } from './comparison.ts';
import { ParameterReader } from './params.ts';
import type { FigureContext, FigureDefinition, FigureHandle } from './types.ts';

const DIMENSION = 100;
/** Trajectories per group on the cpu backend. */
const CPU_MAX = 16;
/** The ratios b/a the gallery page offers. */
export const RATIOS = [0.01, 0.1, 0.25, 1, 4];

function readParams(raw: Readonly<Record<string, string>>, context: FigureContext) {
  const read = new ParameterReader(raw);
  const gamma = read.number('gamma', 0.005, 1e-4, 0.05);
  const a = read.number('a', 10, 0.01, 1 / gamma);
  const params = {
    gamma,
    a,
    ratio: read.number('ratio', 0.1, 1e-4, 1 / (a * gamma)),
    n: read.number('n', 1024, 2, 2 ** 16),
    seed: read.string('seed', '1'),
    T: read.number('T', 20, 0.1, 500),
  };
  read.report(context);
  if (context.backend.kind === 'cpu' && params.n > CPU_MAX) {
    context.notice(`the cpu backend runs at most ${CPU_MAX} trajectories per group here`, 'info');
    params.n = CPU_MAX;
  }
  return params;
}

async function mount(
  host: HTMLElement,
  raw: Readonly<Record<string, string>>,
  context: FigureContext,
): Promise<FigureHandle> {
  const params = readParams(raw, context);
  const b = params.ratio * params.a;
  const config = {
    problem: {
      name: 'quadratic-diag' as const,
      dimension: DIMENSION,
      lambdaMin: 0.01,
      lambdaMax: 1,
      sigma: 0.1,
    },
    optimizer: { name: 'adam' as const, gamma: params.gamma, a: params.a, b },
    trajectories: 2 * Math.floor(params.n),
    seed: params.seed,
    x0: 1,
  };
  const problem = resolveEnsemble(config).problem;
  const times = Array.from({ length: 301 }, (_, k) => (params.T * k) / 300);
  const base = {
    problem,
    a: params.a,
    b,
    x0: new Array<number>(DIMENSION).fill(1),
    finalTime: params.T,
    method: 'dopri5' as const,
    outputTimes: times,
  };
  const cpu = new CpuBackend();
  const [debiased, autonomous] = await Promise.all([
    integrateOde({ ...base, ode: 'adam' }, cpu),
    integrateOde({ ...base, ode: 'adam-autonomous' }, cpu),
  ]);
  return mountComparison(
    host,
    {
      config,
      steps: Math.round(params.T / params.gamma),
      records: 120,
      chart: {
        title: 'Stochastic quadratic in dimension 100: F(x(t)), log scale',
        shortTitle: 'Quadratic, d = 100: log₁₀ F',
        subtitle: `γ = ${params.gamma} · a = ${params.a}, b = ${b} (b/a = ${params.ratio}) · λ log-spaced in [0.01, 1], σ = 0.1 · N = ${params.n} per group`,
        shortSubtitle: `γ = ${params.gamma} · b/a = ${params.ratio} · N = ${params.n} per group`,
        T: params.T,
        y: { map: (F) => Math.log10(F), label: 'log₁₀ F' },
        groups: [[], []],
        odes: [
          {
            t: times,
            F: debiased.records.F,
            label: 'ODE, non-autonomous (debiased)',
            shortLabel: 'ODE (debiased)',
            color: '#000000',
            dash: [6, 4],
          },
          {
            t: times,
            F: autonomous.records.F,
            label: 'ODE, autonomous (no debiasing)',
            shortLabel: 'ODE (autonomous)',
            color: '#cc79a7',
            dash: [2, 3],
          },
        ],
      },
      caption:
        'Debiased ADAM follows the non-autonomous ODE, ADAM without bias correction the autonomous one; ' +
        'both flatten at a noise floor set by γ and σ. Without debiasing v starts near 0, so the first steps are larger ' +
        '(a faster start here; an overshoot near the optimum on the debiasing page).',
    },
    context,
  );
}

export const figure: FigureDefinition = { ...FIGURE_INFO['dimension-100'], mount };
