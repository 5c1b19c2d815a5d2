/**
 * Playground page: page chrome around the `playground` figure of the package. The figure
 * builds its controls from the library's lists and sends each change as an
 * `adamscope-params` event; the page puts it in the URL and re-mounts the figure.
 */
import { element, openFigurePage } from './shared/figure.ts';
import { showPageError } from './shared/page.ts';

const notices = element('notices');

async function main(): Promise<void> {
  const { page } = await openFigurePage('playground', notices);
  element('figure-root').addEventListener('adamscope-params', (event) => {
    event.preventDefault();
    const changes = (event as CustomEvent<Record<string, string>>).detail;
    const query = new URLSearchParams(location.search);
    for (const [name, value] of Object.entries(changes)) {
      if (value === '') query.delete(name);
      else query.set(name, value);
    }
    void page.show(`?${query.toString()}`);
  });
  await page.show();
}

main().catch((error: unknown) => showPageError(notices, error));
