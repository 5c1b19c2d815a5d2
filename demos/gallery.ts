/**
 * The demos of the gallery. Adding one: write `demos/<page>.html` and `demos/<page>.ts`
 * (import from `../src/browser/index.ts` only), then add an entry here.
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
];
