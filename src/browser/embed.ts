/**
 * The embed script (`dist/embed/adamscope-embed.js`, built by `npm run build:embed`): one
 * `<script type="module">` defines `<adamscope-figure>`; each figure's code is a separate
 * chunk loaded when a figure of that name starts.
 *
 * @example
 * <script type="module" src="https://cdn.example/adamscope/dist/embed/adamscope-embed.js"></script>
 * <adamscope-figure name="regression" gamma="0.01" n="4096"></adamscope-figure>
 */
import { defineFigureElements } from './figureElement.ts';

defineFigureElements();

export { AdamscopeFigureElement, defineFigureElements, FIGURE_TAG } from './figureElement.ts';
export { mountFigure, type MountedFigure, type MountFigureOptions } from './figures/mount.ts';
