/**
 * Debiasing page (talk: "with debiasing, F(x(t)) ≤ F(x0)", MATH.md section 4 and P7.6):
 * from a start near the optimum of regression2d, F along the debiased ADAM ODE never exceeds
 * F(x0), while ADAM at a finite γ without bias correction overshoots. URL parameters: gamma,
 * ratio (b/a), a, n (trajectories per group), seed, T, backend=cpu, embed.
 */
import { CpuBackend, integrateOde, resolveEnsemble, type Backend } from 'adamscope';
import { drawComparison, runDebiasPair, type ComparisonChart } from './shared/comparison.ts';
import { element, figureSize, numberParam, onResize, openFigurePage } from './shared/figure.ts';
import { setPageState, showPageError } from './shared/page.ts';

const notices = element('notices');
const X_STAR = [3, 1] as const;

interface Params {
  gamma: number;
  ratio: number;
  a: number;
  n: number;
  seed: string;
  T: number;
}

function readParams(search: string, cpu: boolean): Params {
  const q = new URLSearchParams(search);
  const gamma = numberParam(q, 'gamma', 0.01, 1e-4, 0.1);
  const a = numberParam(q, 'a', 10, 0.01, 1 / gamma);
  return {
    gamma,
    a,
    ratio: numberParam(q, 'ratio', 0.001, 1e-4, Math.min(16, 1 / (a * gamma))),
    n: Math.min(numberParam(q, 'n', 2048, 2, 2 ** 18), cpu ? 128 : Infinity),
    seed: q.get('seed') ?? '1',
    T: numberParam(q, 'T', 3, 0.1, 100),
  };
}

let generation = 0;
let chart: ComparisonChart | undefined;

function redraw(): void {
  const figure = element('figure-f');
  const { width, height } = figureSize(figure, 0.55, 48, { maxHeight: 560 });
  if (chart) drawComparison(element<HTMLCanvasElement>('chart'), width, height, chart);
}

async function run(params: Params, backend: Backend): Promise<void> {
  const mine = ++generation;
  setPageState('loading');
  const x0 = [X_STAR[0] + 0.02, X_STAR[1] - 0.02];
  const b = params.ratio * params.a;
  const config = {
    problem: { name: 'regression2d' as const, p: 0.5, sigma: 0.1 },
    optimizer: { name: 'adam' as const, gamma: params.gamma, a: params.a, b },
    trajectories: 2 * Math.floor(params.n),
    seed: params.seed,
    x0,
  };
  const problem = resolveEnsemble(config).problem;
  const F0 = problem.value(Float64Array.from(x0));
  const times = Array.from({ length: 401 }, (_, k) => (params.T * k) / 400);
  const ode = await integrateOde(
    {
      problem,
      ode: 'adam',
      a: params.a,
      b,
      x0,
      finalTime: params.T,
      method: 'dopri5',
      outputTimes: times,
    },
    new CpuBackend(),
  );
  const excess = Math.max(...ode.records.F) - F0;
  chart = {
    title: 'Debiasing: F(x(t)) from a start near the optimum',
    subtitle: `γ = ${params.gamma} · a = ${params.a}, b = ${b.toPrecision(3)} (b/a = ${params.ratio}) · N = ${params.n} per group · x0 = x* + (0.02, −0.02)`,
    T: params.T,
    y: { map: (F) => F, label: 'F' },
    groups: [[], []],
    odes: [
      {
        t: times,
        F: ode.records.F,
        label: 'ODE, debiased (Eq. 3.3)',
        color: '#000000',
        dash: [6, 4],
      },
    ],
    reference: { value: F0, label: 'F(x0)' },
  };
  element('caption').textContent =
    `Along the debiased ODE, max F − F(x0) = ${excess.toExponential(1)} ≤ 0 (Proposition 7.6; V(0+) = F(x0) and V decreases when b ≤ 4a). ` +
    `At γ = ${params.gamma}, ADAM without bias correction starts with steps of about a·√(γ/b)·γ = ${(params.a * Math.sqrt(params.gamma / b)).toFixed(1)}γ in the direction of one noisy gradient and overshoots; the debiased steps are about γ.`;
  const steps = Math.round(params.T / params.gamma);
  const progress = element<HTMLProgressElement>('progress');
  await runDebiasPair(
    config,
    steps,
    backend,
    (groups, fraction) => {
      if (mine !== generation || !chart) return;
      chart.groups = groups;
      progress.value = fraction;
      redraw();
    },
    () => mine === generation,
  );
  if (mine === generation) setPageState('ready');
}

async function main(): Promise<void> {
  const { backend } = await openFigurePage(notices);
  let params = readParams(location.search, backend.kind === 'cpu');
  const gamma = element<HTMLInputElement>('gamma');
  const ratio = element<HTMLInputElement>('ratio');
  const show = () => {
    element('gamma-value').textContent = String(params.gamma);
    element('ratio-value').textContent = String(params.ratio);
  };
  gamma.value = String(Math.log10(params.gamma));
  ratio.value = String(Math.log10(params.ratio));
  show();
  const update = () => {
    const q = new URLSearchParams(location.search);
    q.set('gamma', (10 ** Number(gamma.value)).toPrecision(2));
    q.set('ratio', (10 ** Number(ratio.value)).toPrecision(2));
    history.replaceState(null, '', `?${q.toString()}`);
    try {
      params = readParams(location.search, backend.kind === 'cpu');
      show();
      run(params, backend).catch((error: unknown) => showPageError(notices, error));
    } catch (error) {
      showPageError(notices, error);
    }
  };
  gamma.addEventListener('change', update);
  ratio.addEventListener('change', update);
  onResize(element('figures'), redraw);
  await run(params, backend);
}

main().catch((error: unknown) => showPageError(notices, error));
