/**
 * Dimension-100 page (talk: "solutions of the autonomous / non-autonomous ADAM ODE for a
 * stochastic quadratic problem in dimension 100"): quadratic-diag with d = 100, F(x(t))
 * along the debiased ODE (Eq. 3.3) and the autonomous ODE (Eq. 7.1), and ADAM with and
 * without debiasing at a small γ (ensemble medians and 5–95 % bands), log scale.
 * URL parameters: ratio (b/a), a, gamma, n (per group), seed, T, backend=cpu, embed.
 */
import { CpuBackend, integrateOde, resolveEnsemble, type Backend } from 'adamscope';
import { drawComparison, runDebiasPair, type ComparisonChart } from './shared/comparison.ts';
import { element, figureSize, numberParam, onResize, openFigurePage } from './shared/figure.ts';
import { setPageState, showPageError } from './shared/page.ts';

const notices = element('notices');
const RATIOS = [0.01, 0.1, 0.25, 1, 4];
const DIMENSION = 100;

interface Params {
  ratio: number;
  a: number;
  gamma: number;
  n: number;
  seed: string;
  T: number;
}

function readParams(search: string, cpu: boolean): Params {
  const q = new URLSearchParams(search);
  const gamma = numberParam(q, 'gamma', 0.005, 1e-4, 0.05);
  const a = numberParam(q, 'a', 10, 0.01, 1 / gamma);
  return {
    gamma,
    a,
    ratio: numberParam(q, 'ratio', 0.1, 1e-4, 1 / (a * gamma)),
    n: Math.min(numberParam(q, 'n', 1024, 2, 2 ** 16), cpu ? 16 : Infinity),
    seed: q.get('seed') ?? '1',
    T: numberParam(q, 'T', 20, 0.1, 500),
  };
}

let generation = 0;
let chart: ComparisonChart | undefined;

function redraw(): void {
  const { width, height } = figureSize(element('figure-f'), 0.55, 48, { maxHeight: 560 });
  if (chart) drawComparison(element<HTMLCanvasElement>('chart'), width, height, chart);
}

async function run(params: Params, backend: Backend): Promise<void> {
  const mine = ++generation;
  setPageState('loading');
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
  chart = {
    title: 'Stochastic quadratic in dimension 100: F(x(t)), log scale',
    subtitle: `γ = ${params.gamma} · a = ${params.a}, b = ${b} (b/a = ${params.ratio}) · λ log-spaced in [0.01, 1], σ = 0.1 · N = ${params.n} per group`,
    T: params.T,
    y: { map: (F) => Math.log10(F), label: 'log₁₀ F' },
    groups: [[], []],
    odes: [
      {
        t: times,
        F: debiased.records.F,
        label: 'ODE, non-autonomous (debiased)',
        color: '#000000',
        dash: [6, 4],
      },
      {
        t: times,
        F: autonomous.records.F,
        label: 'ODE, autonomous (no debiasing)',
        color: '#cc79a7',
        dash: [2, 3],
      },
    ],
  };
  element('caption').textContent =
    'Debiased ADAM follows the non-autonomous ODE, ADAM without bias correction the autonomous one; ' +
    'both flatten at a noise floor set by γ and σ. Without debiasing v starts near 0, so the first steps are larger ' +
    '(a faster start here; an overshoot near the optimum on the debiasing page).';
  const progress = element<HTMLProgressElement>('progress');
  await runDebiasPair(
    config,
    Math.round(params.T / params.gamma),
    backend,
    (groups, fraction) => {
      if (mine !== generation || !chart) return;
      chart.groups = groups;
      progress.value = fraction;
      redraw();
    },
    () => mine === generation,
    120,
  );
  if (mine === generation) setPageState('ready');
}

async function main(): Promise<void> {
  const { backend } = await openFigurePage(notices);
  const params = readParams(location.search, backend.kind === 'cpu');
  const select = element<HTMLSelectElement>('ratio');
  const ratios = RATIOS.includes(params.ratio)
    ? RATIOS
    : [...RATIOS, params.ratio].sort((x, y) => x - y);
  select.replaceChildren(...ratios.map((r) => new Option(`b/a = ${r}`, String(r))));
  select.value = String(params.ratio);
  select.addEventListener('change', () => {
    const q = new URLSearchParams(location.search);
    q.set('ratio', select.value);
    history.replaceState(null, '', `?${q.toString()}`);
    try {
      run(readParams(location.search, backend.kind === 'cpu'), backend).catch((error: unknown) =>
        showPageError(notices, error),
      );
    } catch (error) {
      showPageError(notices, error);
    }
  });
  onResize(element('figures'), redraw);
  await run(params, backend);
}

main().catch((error: unknown) => showPageError(notices, error));
