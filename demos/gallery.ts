/**
 * The demos of the gallery. Adding one: write `demos/<page>.html` and `demos/<page>.ts`
 * (import from the package entries `adamscope` and `adamscope/browser` only), then add an
 * entry here.
 */
export interface GalleryEntry {
  /** The page, relative to the gallery, e.g. `random.html`. */
  page: string;
  title: string;
  /** One or two sentences for the card. */
  description: string;
  /** Short tags shown on the card. */
  tags: readonly string[];
  /** Whether `?embed` renders a chrome-less figure for articles. */
  embeddable: boolean;
}

export const GALLERY: readonly GalleryEntry[] = [
  {
    page: 'random.html',
    title: 'Random streams',
    description:
      'Uniform, standard normal and Bernoulli draws of the counter-based Philox generator, made on the GPU and checked against their laws with the Kolmogorov–Smirnov distance.',
    tags: ['WebGPU', 'Philox4x32-10', 'histograms'],
    embeddable: true,
  },
  {
    page: 'regression.html',
    title: 'ADAM and its ODE on a 2-D regression',
    description:
      'Thousands of ADAM trajectories as a live particle cloud, drawn by a WebGPU render pipeline straight from the GPU state, following the solution of the non-autonomous ODE; F(x(t)) of the ensemble against the ODE (talk, Figs. 2 and 3).',
    tags: ['WebGPU render', 'ensemble', 'ODE', 'Figs. 2–3'],
    embeddable: true,
  },
  {
    page: 'debiasing.html',
    title: 'Why ADAM debiases',
    description:
      'From a start near the optimum, F never rises above F(x0) along the debiased ODE, while ADAM without bias correction overshoots at a finite step; sliders for γ and b/a.',
    tags: ['Proposition 7.6', 'Lyapunov', 'ensemble'],
    embeddable: true,
  },
  {
    page: 'dimension-100.html',
    title: 'ADAM ODEs in dimension 100',
    description:
      'A stochastic quadratic in dimension 100: the autonomous and non-autonomous ADAM ODEs against ADAM with and without debiasing at a small step, for a chosen b/a.',
    tags: ['d = 100', 'Eq. 3.3 vs 7.1', 'log scale'],
    embeddable: true,
  },
  {
    page: 'theorems.html',
    title: 'Theorem lab',
    description:
      'Runs an experiment of the theorem lab at a small size in the page: its verdict, its tables and its figures.',
    tags: ['experiments', 'verdicts', 'SVG figures'],
    embeddable: true,
  },
  {
    page: 'lyapunov.html',
    title: 'The Lyapunov function of the ADAM ODE',
    description:
      'V(t, z(t)) along the debiased ADAM ODE and its exact derivative against the bound of Lemma 7.5; a slider moves b/a across 4, where the guarantee ends and V can rise.',
    tags: ['Lemma 7.5', 'b ≤ 4a', 'ODE'],
    embeddable: true,
  },
  {
    page: 'weak-convergence.html',
    title: 'Weak convergence of ADAM to its ODE',
    description:
      'The histogram of sup-distances between ADAM runs and the ODE at a step γ, and P(sup > δ) and the median against γ with the √γ line, updated as γ moves.',
    tags: ['Theorem 4.3', 'ensemble', 'Wilson intervals'],
    embeddable: true,
  },
  {
    page: 'long-run.html',
    title: 'The long run of constant-step ADAM',
    description:
      'Cesàro averages of the time ADAM iterates spend away from the critical points of the double well, for several γ, and the stationary spread against γ.',
    tags: ['long-run theorem', 'Cesàro', '√γ spread'],
    embeddable: true,
  },
  {
    page: 'heavy-ball.html',
    title: 'ADAM as a heavy ball',
    description:
      "A ball rolling on the graph of F under ADAM's ODE, with a mass that starts at zero and a time-dependent friction, beside the classical heavy ball and gradient flow from the same x0.",
    tags: ['Eq. 3.3', 'heavy ball', 'animation'],
    embeddable: true,
  },
  {
    page: 'reddi.html',
    title: "Reddi's example",
    description:
      'ADAM with a fixed β₂ drifts the wrong way on Reddi, Kale and Kumar’s problem, while AMSGrad and ADAM in the paper’s scaling reach the minimiser.',
    tags: ['Reddi et al. 2018', 'AMSGrad', 'ensemble'],
    embeddable: true,
  },
  {
    page: 'saddle.html',
    title: 'Saddle escape',
    description:
      'How long SGD, the heavy ball, ADAM and RMSProp take to leave the saddle of the double well: survival curves and histograms of escape times.',
    tags: ['double well', 'escape times', 'ensemble'],
    embeddable: true,
  },
  {
    page: 'landscape.html',
    title: 'Optimizers on a non-convex landscape',
    description:
      'Up to 100,000 particles of ADAM, SGD, heavy ball or RMSProp from one cloud of starting points, drawn live from the GPU over the heat map of the double well, Rosenbrock or the 2-D regression, two optimizers side by side, with the fraction that reaches each minimum (talk, Fig. 1).',
    tags: ['WebGPU render', 'particles', 'non-convex', 'Fig. 1'],
    embeddable: true,
  },
  {
    page: 'playground.html',
    title: 'Playground',
    description:
      'Any problem, optimizer and limit ODE of the library: an ensemble with its median F and quantile bands against the ODE, with the CLI command and the TypeScript code that reproduce it.',
    tags: ['any problem', 'any optimizer', 'CLI', 'code'],
    embeddable: true,
  },
];
