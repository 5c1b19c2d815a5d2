/**
 * The two servers of the browser tests (playwright.config.ts starts both):
 *
 * - the gallery as built (`npm run build:gallery`, served by `vite preview`): what readers
 *   get, and about 1.5 s faster per page load than the dev server here, whose hundreds of
 *   module requests a fresh browser context pays on every page (docs/testing.md);
 * - the Vite dev server, for the specs that import modules outside demos/ into a page
 *   through `/@fs/<path>` (the in-page library checks, the bench page, the worker pool and
 *   the element's entry): `test.use({ baseURL: DEV_BASE_URL })`.
 */
export const GALLERY_PORT = Number(process.env['ADAMSCOPE_E2E_PORT'] ?? 5183);
export const DEV_PORT = GALLERY_PORT + 1;
export const GALLERY_BASE_URL = `http://127.0.0.1:${GALLERY_PORT}`;
export const DEV_BASE_URL = `http://127.0.0.1:${DEV_PORT}`;
