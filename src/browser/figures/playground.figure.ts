/**
 * Playground figure: any problem, optimizer and limit ODE of the library. Runs an ensemble
 * (the engine of `adamscope run`, on the page's backend) and the chosen ODE from the same x0
 * (integrateOde, dopri5, float64 on the CPU), and plots the median F with its 25–75 % and
 * 5–95 % bands against F along the ODE at t = Σγ_k. Shows the `npx adamscope run …` command
 * and a TypeScript program that reproduce the run, with copy buttons. Its controls are built
 * from the library's lists (playground/controls.ts). Parameters: catalog.ts `playground`.
 */
import { CpuBackend } from '../../backend/index.ts';
import { physicalTime } from '../../ensemble/config.ts';
import type { EnsembleRecord } from '../../ensemble/records.ts';
import { createEnsemble } from '../../ensemble/run.ts';
import { integrateOde } from '../../ode/index.ts';
import type { OdeKind } from '../../ode/systems.ts';
import { CanvasSurface } from '../../plot/canvasSurface.ts';
import { drawLineChart } from '../../plot/lineChart.ts';
import { niceDomain } from '../../plot/scale.ts';
import type { DrawingSurface } from '../../plot/surface.ts';
import { SvgSurface } from '../../plot/svgSurface.ts';
import { FIGURE_INFO, readFigureParameters } from './catalog.ts';
import { box, el, lifetime, nextFrame, onAbort, sizeOf, watchSize } from './layout.ts';
import { cpuCap } from './params.ts';
import {
  cliCommand,
  codeSnippet,
  odeChoice,
  odeFields,
  playgroundSetup,
} from './playground/config.ts';
import { playgroundControls } from './playground/controls.ts';
import type { FigureDefinition, FigureHandle } from './types.ts';

/** The cpu fallback runs float64 TypeScript on the page's thread: keep it small. */
export const CPU_MAX_TRAJECTORIES = 256;

interface Curves {
  t: number[];
  q05: number[];
  q25: number[];
  median: number[];
  q75: number[];
  q95: number[];
  odeT: number[];
  odeF: number[];
}

function drawChart(
  surface: DrawingSurface,
  curves: Curves,
  title: string,
  subtitle: string,
  ode: string,
): void {
  const values = [...curves.q05, ...curves.q95, ...curves.odeF].filter(Number.isFinite);
  const low = values.length ? Math.min(...values) : 0;
  const high = values.length ? Math.max(...values) : 1;
  drawLineChart(surface, {
    title,
    subtitle,
    xLabel: 't = Σ γ_k',
    yLabel: 'F',
    yDomain: niceDomain(low, high),
    bands: [
      {
        x: curves.t,
        lower: curves.q05,
        upper: curves.q95,
        label: 'ensemble 5–95 %',
        color: '#0072b2',
        opacity: 0.15,
      },
      {
        x: curves.t,
        lower: curves.q25,
        upper: curves.q75,
        label: 'ensemble 25–75 %',
        color: '#0072b2',
        opacity: 0.3,
      },
    ],
    lines: [
      { x: curves.t, y: curves.median, label: 'ensemble median', color: '#0072b2', lineWidth: 2 },
      {
        x: curves.odeT,
        y: curves.odeF,
        label: `ODE ${ode}`,
        color: '#000000',
        dash: [6, 4],
        lineWidth: 2,
      },
    ],
  });
}

/** Copies `text`; says so on `button` (or to select the text when the clipboard refuses). */
async function copy(button: HTMLButtonElement, text: string): Promise<void> {
  const label = button.textContent;
  try {
    await navigator.clipboard.writeText(text);
    button.textContent = 'copied';
  } catch {
    button.textContent = 'clipboard refused: select the text below';
  }
  setTimeout(() => (button.textContent = label), 1500);
}

const mount: FigureDefinition['mount'] = async (host, raw, context) => {
  const { backend } = context;
  const life = lifetime(context.signal);
  const signal = life.signal;
  const v = readFigureParameters('playground', raw).values;
  const trajectories = cpuCap(context, v.trajectories, CPU_MAX_TRAJECTORIES, 'trajectories');
  const setup = playgroundSetup(v, trajectories);
  for (const name of setup.dropped)
    context.notice(
      `${name} does not apply to problem ${v.problem} with optimizer ${v.optimizer}: not used`,
      'info',
    );
  const command = cliCommand(setup, backend.kind);

  const controls = playgroundControls(host, raw);
  const chartCanvas = el(host, 'canvas', { id: 'playground-chart' });
  const chartBox = box(host, 1 / 0.55);
  chartBox.classList.add('af-chart');
  chartBox.append(chartCanvas);
  const progress = el(host, 'progress', { id: 'playground-progress' });
  progress.max = 1;
  progress.value = 0;
  const caption = el(host, 'figcaption', { id: 'playground-caption', text: 'running…' });
  const cliText = el(host, 'pre', { id: 'playground-cli', className: 'af-scroll', text: command });
  const codeText = el(host, 'pre', { id: 'playground-code', className: 'af-scroll' });
  const copyCli = el(host, 'button', { id: 'playground-copy-cli', text: 'copy as CLI command' });
  const copyCode = el(host, 'button', { id: 'playground-copy-code', text: 'copy as code' });
  copyCli.type = 'button';
  copyCode.type = 'button';
  copyCli.addEventListener('click', () => void copy(copyCli, cliText.textContent ?? ''));
  copyCode.addEventListener('click', () => void copy(copyCode, codeText.textContent ?? ''));
  const root = el(host, 'div', { className: 'af-playground' }, [
    controls,
    el(host, 'figure', { className: 'af-panel' }, [
      chartBox,
      el(host, 'div', { className: 'af-progress' }, [progress]),
      caption,
    ]),
    el(host, 'div', {}, [copyCli, ' ', copyCode]),
    el(host, 'details', {}, [
      el(host, 'summary', { text: 'the CLI command and the code' }),
      cliText,
      codeText,
    ]),
  ]);
  host.append(root);

  const ensemble = await createEnsemble(setup.config, backend);
  onAbort(signal, () => ensemble.destroy());
  const optimizer = ensemble.resolved.groups[0];
  if (!optimizer) throw new Error('playground: no optimizer group');
  const choice = odeChoice(v.ode as OdeKind, optimizer.hyper, v.lambda);
  const dimension = ensemble.resolved.problem.dimension;
  const finalTime = physicalTime(optimizer, setup.steps);
  codeText.textContent = codeSnippet(setup, choice, finalTime, dimension, backend.kind);

  const records: EnsembleRecord[] = [];
  const curves: Curves = {
    t: [],
    q05: [],
    q25: [],
    median: [],
    q75: [],
    q95: [],
    odeT: [],
    odeF: [],
  };
  const push = (r: EnsembleRecord) => {
    records.push(r);
    curves.t.push(r.t);
    curves.q05.push(r.F.q05);
    curves.q25.push(r.F.q25);
    curves.median.push(r.F.q50);
    curves.q75.push(r.F.q75);
    curves.q95.push(r.F.q95);
  };
  const title = () => `${v.optimizer} on ${v.problem} (d = ${dimension})`;
  const subtitle = (narrow: boolean) =>
    `N = ${trajectories.toLocaleString('en')} · γ = ${v.gamma} · ${setup.steps} steps${narrow ? '' : ` · seed ${v.seed}`}`;
  const draw = () => {
    const { width, height } = sizeOf(chartBox);
    if (width < 10 || height < 10) return;
    drawChart(
      CanvasSurface.fit(chartCanvas, width, height),
      curves,
      title(),
      subtitle(width < 420),
      choice.ode,
    );
  };
  const check = () => {
    if (signal.aborted) throw new DOMException('the playground figure was replaced', 'AbortError');
  };
  const [first] = await ensemble.record();
  if (first) push(first);
  let lastPaint = performance.now();
  while (ensemble.step < setup.steps) {
    check();
    await ensemble.advance(Math.min(setup.recordEvery, setup.steps - ensemble.step));
    const [record] = await ensemble.record();
    if (record) push(record);
    progress.value = ensemble.step / setup.steps;
    context.report('step', String(ensemble.step));
    if (performance.now() - lastPaint > 100) {
      draw();
      await nextFrame();
      lastPaint = performance.now();
    }
  }
  check();
  const ode = await integrateOde(
    {
      problem: ensemble.resolved.problem,
      ...odeFields(choice),
      x0: new Array<number>(dimension).fill(v.x0),
      finalTime,
      method: 'dopri5',
      outputTimes: curves.t.map((t) => Math.min(t, finalTime)),
    },
    new CpuBackend(),
  );
  check();
  curves.odeT = Array.from(ode.times);
  curves.odeF = Array.from(ode.records.F);
  draw();
  watchSize(chartBox, signal, draw);
  const last = records.at(-1);
  const finalMedian = last?.F.q50 ?? NaN;
  const odeFinal = curves.odeF.at(-1) ?? NaN;
  const diverged = last?.diverged ?? 0;
  const summary = () =>
    `${v.optimizer} on ${v.problem}, ${trajectories} trajectories, ${setup.steps} steps of γ = ${v.gamma}: final median F = ${finalMedian.toPrecision(4)} (5–95 %: ${last?.F.q05.toPrecision(3)} to ${last?.F.q95.toPrecision(3)}), the ODE ${choice.ode} gives F(T) = ${odeFinal.toPrecision(4)} at T = ${finalTime.toPrecision(4)}${diverged ? `; ${diverged} trajectories diverged` : ''}.`;
  caption.textContent = `${summary()} Band: the ensemble's quantiles of F at each record (every ${setup.recordEvery} steps); dashed: F along the ODE from the same x0.`;
  progress.value = 1;
  context.report('median', String(finalMedian));
  context.report('odeF', String(odeFinal));
  context.report('done', 'true');
  const handle: FigureHandle = {
    pause() {},
    resume() {},
    playing: false,
    destroy: () => life.abort(),
    summary,
    svg: () => {
      const surface = new SvgSurface(720, 400);
      drawChart(surface, curves, title(), subtitle(false), choice.ode);
      return surface.toString();
    },
    data: () => ({
      figure: 'playground',
      params: Object.fromEntries([...setup.flags, ['ode', choice.ode], ['backend', backend.kind]]),
      tables: {
        ensemble: {
          step: records.map((r) => r.step),
          t: curves.t,
          q05: curves.q05,
          q25: curves.q25,
          median: curves.median,
          q75: curves.q75,
          q95: curves.q95,
          diverged: records.map((r) => r.diverged),
        },
        ode: { t: curves.odeT, F: curves.odeF },
      },
    }),
  };
  return handle;
};

export const figure: FigureDefinition = { ...FIGURE_INFO.playground, mount };
