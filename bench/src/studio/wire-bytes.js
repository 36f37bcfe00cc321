// @ts-check
/**
 * Bytes over the wire when the studio loads in a fresh browser profile (empty cache): every
 * response's encoded body (what travelled, after brotli/gzip) and headers, split into the
 * studio's own files (html, js, css, fonts, workers) and the API's data. Then the same after
 * the Source tab loads the editor (Monaco, fetched on demand), and after a reload with a warm
 * cache (hashed assets are `immutable`, so they should not travel again).
 */

/**
 * @typedef {{ url: string, status: number, encoding: string, bodyBytes: number, headerBytes: number }} Transfer
 */

/**
 * Records every finished response of `page` from now on.
 * @param {import('playwright-core').Page} page
 * @returns {{ take: () => Promise<Transfer[]> }}
 */
function recorder(page) {
  /** @type {Promise<Transfer | undefined>[]} */
  let pending = [];
  page.on('requestfinished', (request) => {
    pending.push(
      (async () => {
        const response = await request.response();
        if (!response) return undefined;
        const sizes = await request.sizes();
        return {
          url: request.url(),
          status: response.status(),
          encoding: (await response.headerValue('content-encoding')) ?? 'identity',
          bodyBytes: sizes.responseBodySize,
          headerBytes: sizes.responseHeadersSize,
        };
      })().catch(() => undefined),
    );
  });
  return {
    async take() {
      const done = await Promise.all(pending);
      pending = [];
      return /** @type {Transfer[]} */ (done.filter(Boolean));
    },
  };
}

/**
 * @param {Transfer[]} list
 * @param {string} origin
 */
function sum(list, origin) {
  const ours = list.filter((t) => t.url.startsWith(origin));
  const isApi = (/** @type {Transfer} */ t) => new URL(t.url).pathname.startsWith('/api/');
  const total = (/** @type {Transfer[]} */ l) => l.reduce((n, t) => n + t.bodyBytes + t.headerBytes, 0);
  const assets = ours.filter((t) => !isApi(t));
  return {
    assetBytes: total(assets),
    assetRequests: assets.length,
    apiBytes: total(ours.filter(isApi)),
    encodings: [...new Set(assets.filter((t) => t.bodyBytes > 1024).map((t) => t.encoding))].sort(),
    largest: assets
      .sort((a, b) => b.bodyBytes - a.bodyBytes)
      .slice(0, 3)
      .map((t) => ({ path: new URL(t.url).pathname, bytes: t.bodyBytes, encoding: t.encoding })),
  };
}

/**
 * @param {import('playwright-core').Browser} browser
 * @param {string} url the studio's URL
 * @param {{ sourceTab: string, editorReady: string, explorerItem: string }} sel CSS selectors
 */
export async function measureWireBytes(browser, url, sel) {
  const origin = new URL(url).origin;
  const context = await browser.newContext({ viewport: { width: 1440, height: 900 } });
  try {
    const page = await context.newPage();
    const rec = recorder(page);
    await page.goto(url, { waitUntil: 'networkidle' });
    await page.locator(sel.explorerItem).waitFor({ state: 'visible' });
    const firstLoad = sum(await rec.take(), origin);
    await page.locator(sel.sourceTab).click();
    await page.locator(sel.editorReady).waitFor({ state: 'visible' });
    await page.waitForLoadState('networkidle');
    const editor = sum(await rec.take(), origin);
    await page.reload({ waitUntil: 'networkidle' });
    await page.locator(sel.explorerItem).waitFor({ state: 'visible' });
    const reload = sum(await rec.take(), origin);
    return { firstLoad, editor, reload };
  } finally {
    await context.close();
  }
}
