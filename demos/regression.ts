/**
 * Regression page (talk Figs. 2 and 3): N ADAM trajectories on regression2d from one x0 as
 * a particle cloud drawn by a WebGPU render pipeline from the GPU state buffer, over the
 * level sets of F, the debiased ODE solution and the interpolated path of one trajectory;
 * beside it F(x(t)). URL parameters: gamma, a, b, n, seed, T, p, sigma, x0 (two numbers),
 * backend=cpu, paused, embed.
 */
import { ParameterError, type Backend } from 'adamscope';
import { openBrowserBackend, showNotice } from 'adamscope/browser';
import {
  applyEmbedMode,
  renderAdapterFacts,
  setPageState,
  showBackendNotices,
  showPageError,
} from './shared/page.ts';
import { element, embedFooter, numberParam, onResize } from './shared/figure.ts';
import { RegressionView } from './regression/view.ts';
import { RegressionRun, type RegressionParams } from './regression/simulation.ts';

/** The cpu fallback runs float64 TypeScript: keep its cloud small. */
const CPU_MAX_TRAJECTORIES = 256;
const SIZES = [256, 1024, 4096, 16384, 65536];

function readParams(search: string, backend: Backend | undefined): RegressionParams {
  const q = new URLSearchParams(search);
  const gamma = numberParam(q, 'gamma', 0.01, 1e-4, 0.5);
  const a = numberParam(q, 'a', 1, 1e-3, 1 / gamma);
  const b = numberParam(q, 'b', 1, 1e-3, 1 / gamma);
  let n = numberParam(q, 'n', 4096, 1, 2 ** 20);
  if (!Number.isInteger(n)) throw new ParameterError('n', n, 'an integer');
  if (backend?.kind === 'cpu') n = Math.min(n, CPU_MAX_TRAJECTORIES);
  const x0 = (q.get('x0') ?? '0,0').split(',').map(Number);
  if (x0.length !== 2 || !x0.every(Number.isFinite))
    throw new ParameterError('x0', q.get('x0'), 'two numbers, e.g. 0,0');
  return {
    gamma,
    a,
    b,
    n,
    seed: q.get('seed') ?? '1',
    T: numberParam(q, 'T', 15, 0.01, 1000),
    p: numberParam(q, 'p', 0.3, 0.01, 0.99),
    sigma: numberParam(q, 'sigma', 1, 1e-3, 100),
    x0: [x0[0] ?? 0, x0[1] ?? 0],
  };
}

const notices = element('notices');

async function main(): Promise<void> {
  const embedded = applyEmbedMode();
  const query = new URLSearchParams(location.search);
  const backend = await openBrowserBackend({
    backend: query.get('backend') === 'cpu' ? 'cpu' : 'webgpu',
  });
  document.body.dataset['backend'] = backend.kind;
  if (!embedded || backend.kind === 'cpu') showBackendNotices(notices, backend);
  if (backend.kind === 'cpu' && Number(query.get('n') ?? 4096) > CPU_MAX_TRAJECTORIES) {
    showNotice(
      notices,
      `the cpu backend draws at most ${CPU_MAX_TRAJECTORIES} trajectories here`,
      'info',
    );
  }
  renderAdapterFacts(element('adapter'), backend);
  if (embedded) embedFooter(backend);
  const device = backend.kind === 'webgpu' ? await backend.device() : undefined;
  const view = new RegressionView(backend, device);
  let params = readParams(location.search, backend);
  let run: RegressionRun | undefined;
  let playing = !query.has('paused');
  let generation = 0;

  const restart = async () => {
    const mine = ++generation;
    run?.destroy();
    run = undefined;
    setPageState('loading');
    const next = await RegressionRun.start(params, backend);
    if (mine !== generation) return next.destroy();
    run = next;
    await view.show(next);
    setPageState('ready');
  };

  const loop = async () => {
    const current = run;
    if (current && playing && !current.done) {
      await current.advanceFrame();
      if (current === run) await view.frame(current);
    }
    requestAnimationFrame(
      () => void loop().catch((error: unknown) => showPageError(notices, error)),
    );
  };

  setUpControls(
    params,
    (next) => {
      params = readParams(next, backend);
      history.replaceState(null, '', next);
      void restart().catch((error: unknown) => showPageError(notices, error));
    },
    {
      toggle: () => (playing = !playing),
      playing: () => playing,
      reset: () => void restart().catch((error: unknown) => showPageError(notices, error)),
    },
  );
  await restart();
  onResize(element('figures'), () => {
    if (run) void view.show(run);
  });
  await loop();
}

interface Playback {
  toggle(): void;
  playing(): boolean;
  reset(): void;
}

function setUpControls(
  params: RegressionParams,
  apply: (search: string) => void,
  playback: Playback,
): void {
  const form = element<HTMLFormElement>('controls');
  const size = element<HTMLSelectElement>('n');
  size.replaceChildren(...SIZES.map((n) => new Option(n.toLocaleString('en'), String(n))));
  if (!SIZES.includes(params.n)) size.append(new Option(String(params.n), String(params.n)));
  size.value = String(params.n);
  for (const name of ['gamma', 'a', 'b', 'seed'] as const)
    element<HTMLInputElement>(name).value = String(params[name]);
  const play = element<HTMLButtonElement>('play');
  const label = () => (play.textContent = playback.playing() ? 'pause' : 'play');
  label();
  play.addEventListener('click', () => {
    playback.toggle();
    label();
  });
  element<HTMLButtonElement>('reset').addEventListener('click', () => playback.reset());
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    const query = new URLSearchParams(location.search);
    for (const [name, value] of new FormData(form)) query.set(name, String(value));
    apply(`?${query.toString()}`);
  });
}

main().catch((error: unknown) => showPageError(notices, error));
