/**
 * The `test` every spec uses: Playwright's, plus an automatic guard on the page that fails the
 * test on any console error, uncaught page error, or request to anything but the studio's own
 * origin (acceptance 5 of issue 5). WebSockets are checked too: the studio's `/api/events` is its
 * own origin; the Try-it socket to an inbound endpoint must be allowed by the spec, by exact URL.
 */
import { test as base, expect, type Page } from '@playwright/test';

export class PageGuard {
  private readonly origins = new Set<string>();
  private readonly sockets = new Set<string>();
  /** `<status> <path>` of API answers a journey provokes on purpose (a refused deploy). */
  private readonly expectedStatuses = new Set<string>();
  private readonly allowedErrors: RegExp[] = [];
  readonly consoleErrors: string[] = [];
  readonly foreignRequests: string[] = [];

  constructor(page: Page) {
    page.on('console', (m) => {
      if (m.type() === 'error') {
        const at = m.location();
        // Chromium logs every 4xx/5xx answer to fetch as a console error; an expected one is not.
        const status = /^Failed to load resource: the server responded with a status of (\d+)/.exec(m.text());
        if (status && at.url && this.expectedStatuses.has(`${status[1]} ${new URL(at.url).pathname}`)) return;
        this.consoleErrors.push(`${m.text()}${at.url ? ` (${at.url}:${at.lineNumber})` : ''}`);
      }
    });
    page.on('pageerror', (e) => this.consoleErrors.push(`uncaught: ${e.message}`));
    page.on('request', (r) => this.checkUrl(r.url(), `${r.method()} ${r.url()}`));
    page.on('websocket', (ws) => {
      if (!this.sockets.has(ws.url())) this.checkUrl(ws.url(), `WebSocket ${ws.url()}`);
    });
  }

  /** The studio's origin: every request must go there. */
  allowOrigin(url: string): void {
    this.origins.add(new URL(url).origin);
  }

  /** A WebSocket the journey opens on purpose (Try-it to an inbound endpoint), by exact URL. */
  allowWebSocket(url: string): void {
    this.sockets.add(url);
  }

  /**
   * A console error the journey causes on purpose (a refused request while it has stopped the
   * server), by pattern. Checked when the test ends, so it covers errors logged before the call.
   */
  allowConsoleError(pattern: RegExp): void {
    this.allowedErrors.push(pattern);
  }

  private checkUrl(raw: string, what: string): void {
    const u = new URL(raw);
    // In-page resources (Monaco's worker, inline images) never leave the browser.
    if (u.protocol === 'data:' || u.protocol === 'blob:' || raw === 'about:blank') return;
    const origin = `${u.protocol.replace(/^ws/, 'http')}//${u.host}`;
    if (!this.origins.has(origin)) this.foreignRequests.push(what);
  }

  /**
   * An error answer the journey provokes on purpose (`422` from `/api/deploy` for a refused
   * deploy): Chromium's console line for it is not counted as an error.
   */
  expectHttpStatus(status: number, path: string): void {
    this.expectedStatuses.add(`${status} ${path}`);
  }

  /** Fails when anything was recorded. */
  assertClean(): void {
    expect(this.foreignRequests, 'requests to a host other than the studio').toEqual([]);
    const unexpected = this.consoleErrors.filter((e) => !this.allowedErrors.some((re) => re.test(e)));
    expect(unexpected, 'console errors').toEqual([]);
  }
}

export const test = base.extend<{ guard: PageGuard }>({
  guard: [
    async ({ page }, use) => {
      const guard = new PageGuard(page);
      await use(guard);
      guard.assertClean();
    },
    { auto: true },
  ],
});

export { expect };
