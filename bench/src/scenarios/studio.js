// @ts-check
/**
 * Studio: how long the studio takes to open a 500-mediator sequence, and to re-sync the canvas
 * after a source edit.
 *
 * `mediate start --no-backend --no-deploy` (the built CLI, own MEDIATE_HOME) serves the studio for
 * a generated project with one 500-mediator sequence (`src/studio/studio-project.js`); Debian's
 * Chromium (headless, the e2e launch flags) is driven by playwright-core. Every time is taken in
 * the page (`performance.now()`), so no DevTools round trip is in the numbers:
 *
 * - open (3 times, a reload between, storage cleared before each load so no artifact is restored
 *   open): navigation start → the first mediator of the sequence drawn after its explorer item is
 *   clicked, and click → drawn. The canvas draws only visible nodes above 300 layout nodes
 *   (`onlyRenderVisibleElements`), so the last mediator is not in the DOM until it is scrolled to:
 *   "reveal last" is selecting it through the store (the studio pans to it, a 200 ms animation)
 *   until its node is drawn, which also checks that the whole sequence was laid out.
 * - re-sync (5 times, Split view): the store's source command (`applySource`, what the editor
 *   calls once typing pauses) with one log level changed, until that node's summary shows it.
 *   The editor's typing debounce (400 ms, apps/web/README.md) comes before this and is not in it.
 *
 * "drawn" is when the node enters the DOM (a MutationObserver); "next frame" is the animation
 * frame after it, i.e. when it is on screen.
 */
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { adoptChild, spawnChild } from '../util/children.js';
import { httpRequest, pollUntil } from '../util/http.js';
import { freePort } from '../util/ports.js';
import { median, sleep } from '../util/stats.js';
import { MEDIATE_CLI } from '../targets/mediate.js';
import { REPO_ROOT } from '../targets/mediate-project.js';
import { BIG_SEQUENCE, BIG_SEQUENCE_KEY, writeStudioProject } from '../studio/studio-project.js';
import { measureWireBytes } from '../studio/wire-bytes.js';

/** The studio's typing debounce, as apps/web/README.md states it (Source view). */
export const SOURCE_DEBOUNCE_MS = 400;
const CHROMIUM = process.env.MEDIATE_E2E_CHROMIUM ?? '/usr/bin/chromium';
/** The e2e suite's launch flags (e2e/playwright.config.ts). */
const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-quic',
];
const STEP_TIMEOUT_MS = 30_000;

/**
 * Installed in every document before the studio's scripts: clears stored studio state (so a
 * reload opens nothing by itself) and defines `__bench.watch`, which resolves when an element
 * matching `selector` (and containing `text`) is in the DOM.
 */
function pageHelpers() {
  // Runs in the page (the bench is type-checked without the DOM library, hence `any`).
  const w = /** @type {any} */ (globalThis);
  w.localStorage.clear();
  w.__bench = {
    clickAt: undefined,
    /**
     * @param {string} selector
     * @param {string | undefined} text
     * @param {number} timeoutMs
     * @returns {Promise<{ at: number, frameAt: number }>}
     */
    watch(selector, text, timeoutMs) {
      return new Promise((resolve, reject) => {
        const found = () => {
          const el = w.document.querySelector(selector);
          return !!el && (text === undefined || (el.textContent ?? '').includes(text));
        };
        const obs = new w.MutationObserver(() => {
          if (found()) done();
        });
        const timer = setTimeout(() => {
          obs.disconnect();
          reject(new Error(`${selector}${text ? ` with "${text}"` : ''}: not within ${timeoutMs} ms`));
        }, timeoutMs);
        const done = () => {
          const at = performance.now();
          obs.disconnect();
          clearTimeout(timer);
          w.requestAnimationFrame(() => resolve({ at, frameAt: performance.now() }));
        };
        if (found()) done();
        else obs.observe(w.document, { subtree: true, childList: true, characterData: true });
      });
    },
  };
  // The studio opens the sequence by itself on load (the project's only artifact): from here.
  w.__bench.initial = w.__bench.watch('[data-testid="node-sequence/0"]', undefined, 30_000);
}

/** @param {string} testid */
const byTestId = (testid) => `[data-testid="${testid}"]`;

/**
 * @param {{ tmp: string, log: (s: string) => void, opens?: number, edits?: number }} ctx
 */
export async function runStudio(ctx) {
  const opens = ctx.opens ?? 3;
  const edits = ctx.edits ?? 5;
  const dir = path.join(ctx.tmp, 'studio');
  const project = await writeStudioProject(path.join(dir, 'project'));
  const home = path.join(dir, 'home');
  await mkdir(home, { recursive: true });
  const port = await freePort();
  const mediate = spawnChild(
    'mediate-studio',
    process.execPath,
    [
      MEDIATE_CLI,
      'start',
      '--project',
      path.join(dir, 'project'),
      '--port',
      String(port),
      '--no-backend',
      '--no-deploy',
    ],
    { cwd: REPO_ROOT, env: { ...process.env, MEDIATE_HOME: home, NO_COLOR: '1' } },
  );
  const url = `http://127.0.0.1:${port}/`;
  const failed = mediate.exited.then(({ code, signal }) => {
    throw new Error(`mediate-studio exited (${code ?? signal}) before it was ready:\n${mediate.tail()}`);
  });
  failed.catch(() => undefined);
  await Promise.race([
    failed,
    pollUntil(async () => ((await httpRequest(`${url}api/health`)).status === 200 ? true : undefined), {
      timeoutMs: STEP_TIMEOUT_MS,
      intervalMs: 20,
      what: 'mediate-studio /api/health',
    }),
  ]);

  const { chromium } = await import('playwright-core');
  const server = await chromium.launchServer({
    executablePath: CHROMIUM,
    headless: true,
    args: CHROMIUM_ARGS,
    timeout: STEP_TIMEOUT_MS,
  });
  const browserChild = adoptChild('chromium', server.process());
  /** @type {import('playwright-core').Browser | undefined} */
  let browser;
  try {
    browser = await chromium.connect(server.wsEndpoint(), { timeout: STEP_TIMEOUT_MS });
    const context = await browser.newContext({
      viewport: { width: 1440, height: 900 },
      colorScheme: 'light',
      locale: 'en-US',
      timezoneId: 'UTC',
    });
    context.setDefaultTimeout(STEP_TIMEOUT_MS);
    // Bytes on the wire first, in a profile of its own with an empty cache.
    const wire = await measureWireBytes(browser, url, {
      explorerItem: byTestId(`explorer-item-${BIG_SEQUENCE}`),
      sourceTab: byTestId('view-source'),
      editorReady: `${byTestId('source-editor')} .monaco-editor .view-lines`,
    });
    const kib = (/** @type {number} */ n) => `${(n / 1024).toFixed(1)} KiB`;
    ctx.log(
      `  wire: first load ${kib(wire.firstLoad.assetBytes)} of studio files (${wire.firstLoad.encodings.join('/')}) + ${kib(wire.firstLoad.apiBytes)} API; source editor +${kib(wire.editor.assetBytes)}; reload ${kib(wire.reload.assetBytes)}`,
    );
    await context.addInitScript(pageHelpers);
    const page = await context.newPage();
    /** @type {string[]} */
    const pageErrors = [];
    page.on('pageerror', (e) => pageErrors.push(e.message));

    // (a) open the sequence, `opens` times, a reload between.
    const lastTop = project.topLevel - 1;
    /** @type {{ navToDrawnMs: number, navToFrameMs: number, clickToDrawnMs: number, clickToFrameMs: number, revealLastMs: number }[]} */
    const openRuns = [];
    for (let i = 0; i < opens; i++) {
      if (i === 0) await page.goto(url, { waitUntil: 'domcontentloaded' });
      else await page.reload({ waitUntil: 'domcontentloaded' });
      const item = page.locator(byTestId(`explorer-item-${BIG_SEQUENCE}`));
      await item.waitFor({ state: 'visible' });
      // Load: navigation start → the canvas the studio opened by itself is drawn. Then close it
      // (the store's open(undefined)) and time a click in the explorer.
      const initial = await page.evaluate(async (first) => {
        const w = /** @type {any} */ (globalThis);
        const shown = await w.__bench.initial;
        w.__MEDIATE__.studio.getState().open(undefined);
        await new Promise((r) => setTimeout(r, 100));
        if (w.document.querySelector(first)) throw new Error('the canvas did not close');
        return shown;
      }, byTestId('node-sequence/0'));
      await page.evaluate(
        ({ first, timeout }) => {
          const w = /** @type {any} */ (globalThis);
          const b = w.__bench;
          w.document.addEventListener('click', () => (b.clickAt ??= performance.now()), {
            capture: true,
            once: true,
          });
          b.first = b.watch(first, undefined, timeout);
        },
        { first: byTestId('node-sequence/0'), timeout: STEP_TIMEOUT_MS },
      );
      await item.click();
      const r = await page.evaluate(
        async ({ last, lastTop, timeout }) => {
          const w = /** @type {any} */ (globalThis);
          const first = await w.__bench.first;
          const t0 = performance.now();
          w.__MEDIATE__.studio.getState().select(['sequence', lastTop]);
          const shown = await w.__bench.watch(last, undefined, timeout);
          return { clickAt: w.__bench.clickAt, first, revealLastMs: shown.at - t0 };
        },
        { last: byTestId(`node-sequence/${lastTop}`), lastTop, timeout: STEP_TIMEOUT_MS },
      );
      const run = {
        navToDrawnMs: initial.at,
        navToFrameMs: initial.frameAt,
        clickToDrawnMs: r.first.at - r.clickAt,
        clickToFrameMs: r.first.frameAt - r.clickAt,
        revealLastMs: r.revealLastMs,
      };
      openRuns.push(run);
      ctx.log(
        `  open ${i + 1}/${opens}: navigation → drawn ${run.navToDrawnMs.toFixed(0)} ms, click → drawn ${run.clickToDrawnMs.toFixed(0)} ms (next frame ${run.clickToFrameMs.toFixed(0)} ms), reveal last ${run.revealLastMs.toFixed(0)} ms`,
      );
    }

    // The model behind the canvas has the whole sequence.
    const counted = await page.evaluate((key) => {
      const w = /** @type {any} */ (globalThis);
      const a = w.__MEDIATE__.studio
        .getState()
        .project.artifacts.find((/** @type {any} */ x) => x.file === key);
      /** @param {any[]} list @returns {number} */
      const count = (list) =>
        list.reduce(
          (n, m) =>
            n + 1 + Object.values(m.branches ?? {}).reduce((k, l) => k + count(/** @type {any[]} */ (l)), 0),
          0,
        );
      return { mediators: count(a.lists[0].mediators), topLevel: a.lists[0].mediators.length };
    }, BIG_SEQUENCE_KEY);
    if (counted.mediators !== project.mediators || counted.topLevel !== project.topLevel)
      throw new Error(
        `the studio read ${counted.mediators} mediators (${counted.topLevel} top-level), expected ${project.mediators} (${project.topLevel})`,
      );

    // (b) re-sync after a source edit, in the Split view (editor and canvas both live).
    // Reopened, the canvas starts at the top again, with nothing selected.
    await sleep(300); // the pan to the last mediator
    await page.evaluate(async (key) => {
      const s = /** @type {any} */ (globalThis).__MEDIATE__.studio.getState();
      s.open(undefined);
      await new Promise((r) => setTimeout(r, 50));
      s.open(key);
    }, BIG_SEQUENCE_KEY);
    await page.locator(byTestId('view-split')).click();
    await page
      .locator(`${byTestId('source-editor')} .monaco-editor .view-lines`)
      .waitFor({ state: 'visible' });
    await page.locator(byTestId('node-sequence/1')).waitFor({ state: 'visible' });
    /** @type {{ applyMs: number, drawnMs: number, frameMs: number }[]} */
    const editRuns = [];
    for (let i = 0; i < edits; i++) {
      const [from, to] = i % 2 === 0 ? ['custom', 'full'] : ['full', 'custom'];
      await sleep(300); // let the previous edit's follow-up work (storage, editor) settle
      const r = await page.evaluate(
        async ({ key, from, to, summary, timeout }) => {
          const w = /** @type {any} */ (globalThis);
          const s = w.__MEDIATE__.studio.getState();
          const a = s.project.artifacts.find((/** @type {any} */ x) => x.file === key);
          const text = /** @type {string} */ (w.__MEDIATE__.textOf(a));
          const needle = `<log level="${from}">`;
          if (!text.includes(needle)) throw new Error(`no ${needle} in the source`);
          const next = text.replace(needle, `<log level="${to}">`);
          const shown = w.__bench.watch(summary, `log ${to} `, timeout);
          const t0 = performance.now();
          s.applySource(key, next);
          const applied = performance.now();
          const done = await shown;
          return { applyMs: applied - t0, drawnMs: done.at - t0, frameMs: done.frameAt - t0 };
        },
        {
          key: BIG_SEQUENCE_KEY,
          from,
          to,
          summary: `${byTestId('node-sequence/1')} .mediator-summary`,
          timeout: STEP_TIMEOUT_MS,
        },
      );
      editRuns.push(r);
      ctx.log(
        `  edit ${i + 1}/${edits} (log ${from} → ${to}): source command ${r.applyMs.toFixed(1)} ms, canvas drawn ${r.drawnMs.toFixed(1)} ms, next frame ${r.frameMs.toFixed(1)} ms`,
      );
    }
    if (pageErrors.length) throw new Error(`studio page errors: ${pageErrors.join('; ')}`);

    /** @param {number[]} v */
    const stat = (v) => ({ median: median(v), min: Math.min(...v), max: Math.max(...v), runs: v });
    return {
      project: { sequence: BIG_SEQUENCE, mediators: project.mediators, topLevel: project.topLevel },
      browser: { chromium: browser.version(), executablePath: CHROMIUM, viewport: '1440x900' },
      wire,
      open: {
        navToDrawnMs: stat(openRuns.map((r) => r.navToDrawnMs)),
        navToFrameMs: stat(openRuns.map((r) => r.navToFrameMs)),
        clickToDrawnMs: stat(openRuns.map((r) => r.clickToDrawnMs)),
        clickToFrameMs: stat(openRuns.map((r) => r.clickToFrameMs)),
        revealLastMs: stat(openRuns.map((r) => r.revealLastMs)),
      },
      resync: {
        view: 'split',
        how: 'store applySource (the editor calls it after its debounce)',
        applyMs: stat(editRuns.map((r) => r.applyMs)),
        drawnMs: stat(editRuns.map((r) => r.drawnMs)),
        frameMs: stat(editRuns.map((r) => r.frameMs)),
      },
      debounceMs: { value: SOURCE_DEBOUNCE_MS, source: 'stated in apps/web/README.md, not measured' },
    };
  } finally {
    await browser?.close().catch(() => undefined);
    await server.close().catch(() => undefined);
    await browserChild.stop(3000);
    await mediate.stop(5000);
  }
}

/**
 * The console table.
 * @param {Record<string, any>} s `results.studio`
 */
export function tableStudio(s) {
  /** @param {{ median: number, min: number, max: number, runs: number[] }} x */
  const row = (x) =>
    `${x.median.toFixed(1).padStart(9)} ${x.min.toFixed(1).padStart(9)} ${x.max.toFixed(1).padStart(9)} ${String(x.runs.length).padStart(4)}`;
  const lines = [
    `${'ms'.padEnd(46)} ${'median'.padStart(9)} ${'min'.padStart(9)} ${'max'.padStart(9)} ${'runs'.padStart(4)}`,
    `${'open: navigation → first node drawn'.padEnd(46)} ${row(s.open.navToDrawnMs)}`,
    `${'open: navigation → next frame'.padEnd(46)} ${row(s.open.navToFrameMs)}`,
    `${'open: explorer click → first node drawn'.padEnd(46)} ${row(s.open.clickToDrawnMs)}`,
    `${'open: explorer click → next frame'.padEnd(46)} ${row(s.open.clickToFrameMs)}`,
    `${'open: reveal last mediator (incl. 200 ms pan)'.padEnd(46)} ${row(s.open.revealLastMs)}`,
    `${'re-sync: source command (sync part)'.padEnd(46)} ${row(s.resync.applyMs)}`,
    `${'re-sync: source command → summary drawn'.padEnd(46)} ${row(s.resync.drawnMs)}`,
    `${'re-sync: source command → next frame'.padEnd(46)} ${row(s.resync.frameMs)}`,
  ];
  const kib = (/** @type {number} */ n) => `${(n / 1024).toFixed(1)} KiB`;
  const wire = s.wire
    ? `\nOver the wire, fresh profile: first load ${kib(s.wire.firstLoad.assetBytes)} of studio files in ${s.wire.firstLoad.assetRequests} requests (${s.wire.firstLoad.encodings.join(', ')}) + ${kib(s.wire.firstLoad.apiBytes)} of API data; opening Source adds ${kib(s.wire.editor.assetBytes)} (the editor); a reload moves ${kib(s.wire.reload.assetBytes)} of studio files.`
    : '';
  return `${s.project.mediators} mediators (${s.project.topLevel} top-level) in ${s.project.sequence}; Chromium ${s.browser.chromium} headless, ${s.browser.viewport}.
${lines.join('\n')}
Typing debounce before a source edit reaches the store: ${s.debounceMs.value} ms (${s.debounceMs.source}); not included above.${wire}`;
}
