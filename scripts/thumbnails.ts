/**
 * `npm run thumbnails`: small PNG thumbnails (320 × 200) of every page of the gallery, for the
 * README's "Gallery" table, written to docs/thumbnails/<name>.png. Each figure is shown as an
 * embed (`demos/<name>.html?embed`, the figure alone filling an 800 × 500 frame) at a small
 * size, in headless Chromium (WebGPU, on SwiftShader unless ADAMSCOPE_E2E_GPU=hardware),
 * rendered at a device scale of 0.4; the index is its page's top. The PNG is re-compressed
 * (zlib level 9) and must stay under 60 kB.
 *
 * Usage: npm run thumbnails [-- name ...]   (default: the index and every figure of FIGURE_INFO)
 */
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { deflateSync, inflateSync } from 'node:zlib';
import { chromium } from '@playwright/test';
import { createServer } from 'vite';
import { FIGURE_NAMES } from '../src/browser/figures/catalog.ts';
import { COMMON_FLAGS, SWIFTSHADER_FLAGS, SYSTEM_CHROMIUM } from '../e2e/harness/chromium.ts';

const ROOT = resolve(import.meta.dirname, '..');
const OUT = resolve(ROOT, 'docs/thumbnails');
const FRAME = { width: 800, height: 500 };
const SCALE = 0.4;
const LIMIT = 60 * 1024;

/** Small sizes that look like the defaults (SwiftShader); unknown figures use their defaults. */
const QUERY: Partial<Record<string, string>> = {
  random: 'n=65536',
  regression: 'n=2048',
  debiasing: 'n=256',
  'dimension-100': 'n=128',
  theorems: 'experiment=lyapunov',
  landscape: 'n=16384',
  'weak-convergence': 'n=256',
};

/** Text a figure shows while it still computes (its thumbnail waits until it is gone). */
const BUSY_TEXT: Partial<Record<string, string>> = {
  'weak-convergence': 'to the sweep',
};

/** Re-compresses a PNG's image data at zlib level 9 (the same pixels, fewer bytes). */
export function recompressPng(png: Buffer): Buffer {
  const chunks: { type: string; data: Buffer }[] = [];
  for (let at = 8; at < png.length;) {
    const length = png.readUInt32BE(at);
    chunks.push({
      type: png.toString('latin1', at + 4, at + 8),
      data: png.subarray(at + 8, at + 8 + length),
    });
    at += 12 + length;
  }
  const idat = Buffer.concat(chunks.filter((c) => c.type === 'IDAT').map((c) => c.data));
  const raw = inflateSync(idat);
  const out: Buffer[] = [png.subarray(0, 8)];
  const crcTable = Array.from({ length: 256 }, (_, n) => {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    return c >>> 0;
  });
  const crc = (bytes: Buffer) => {
    let c = 0xffffffff;
    for (const b of bytes) c = (crcTable[(c ^ b) & 0xff] ?? 0) ^ (c >>> 8);
    return (c ^ 0xffffffff) >>> 0;
  };
  const chunk = (type: string, data: Buffer) => {
    const head = Buffer.alloc(8);
    head.writeUInt32BE(data.length, 0);
    head.write(type, 4, 'latin1');
    const tail = Buffer.alloc(4);
    tail.writeUInt32BE(crc(Buffer.concat([head.subarray(4), data])), 0);
    out.push(head, data, tail);
  };
  let wroteData = false;
  for (const c of chunks) {
    if (c.type === 'IDAT') {
      if (!wroteData) chunk('IDAT', deflateSync(raw, { level: 9, memLevel: 9 }));
      wroteData = true;
    } else if (c.type === 'IHDR' || c.type === 'PLTE' || c.type === 'IEND') {
      chunk(c.type, c.data);
    }
  }
  return Buffer.concat(out);
}

async function main(): Promise<void> {
  const names = process.argv.slice(2).filter((a) => a !== '--');
  const pages = names.length > 0 ? names : ['index', ...FIGURE_NAMES];
  mkdirSync(OUT, { recursive: true });
  const server = await createServer({
    configFile: resolve(ROOT, 'vite.config.ts'),
    logLevel: 'error',
    server: { host: '127.0.0.1', port: 0 },
  });
  await server.listen();
  const address = server.httpServer?.address();
  if (!address || typeof address === 'string') throw new Error('thumbnails: no server address');
  const origin = `http://127.0.0.1:${address.port}`;
  const hardware = process.env['ADAMSCOPE_E2E_GPU'] === 'hardware';
  const browser = await chromium.launch({
    ...(existsSync(SYSTEM_CHROMIUM) ? { executablePath: SYSTEM_CHROMIUM } : {}),
    args: hardware ? [...COMMON_FLAGS] : [...SWIFTSHADER_FLAGS, ...COMMON_FLAGS],
  });
  const failures: string[] = [];
  try {
    const context = await browser.newContext({ viewport: FRAME, deviceScaleFactor: SCALE });
    for (const name of pages) {
      const page = await context.newPage();
      const query = name === 'index' ? '' : `?embed${QUERY[name] ? `&${QUERY[name]}` : ''}`;
      await page.goto(`${origin}/${name}.html${query}`);
      await page
        .locator('body[data-state="ready"], body[data-state="error"]')
        .waitFor({ state: 'attached', timeout: 240_000 })
        .catch(async (e: unknown) => {
          console.log(await page.locator('body').innerText());
          throw e;
        });
      if ((await page.locator('body').getAttribute('data-state')) === 'error')
        throw new Error(`${name}: ${await page.locator('body').innerText()}`);
      // A live figure: let it run a while (to the end of a short run).
      await page
        .locator('body[data-progress="1.000"]')
        .waitFor({ timeout: 20_000 })
        .catch(() => undefined);
      const busy = BUSY_TEXT[name];
      if (busy)
        await page
          .getByText(busy)
          .waitFor({ state: 'detached', timeout: 300_000 })
          .catch(() => console.log(`${name}: still computing after 300 s`));
      await page.waitForTimeout(1000);
      const png = recompressPng(await page.screenshot());
      const file = resolve(OUT, `${name}.png`);
      writeFileSync(file, png);
      const note = png.length > LIMIT ? ' OVER 60 kB' : '';
      if (note) failures.push(`${name}: ${png.length} B`);
      console.log(`${file}: ${png.length} B${note}`);
      await page.close();
    }
  } finally {
    await browser.close();
    await server.close();
  }
  if (failures.length > 0) throw new Error(`thumbnails over 60 kB: ${failures.join(', ')}`);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
