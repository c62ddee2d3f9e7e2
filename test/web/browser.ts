import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { createServer, type AddressInfo } from 'node:net';
import { join } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import type { TenantDirectory } from '../../src/tenancy/directory.ts';
import type { Clock } from '../../src/time/clock.ts';
import { buildTestApp, type TestApp } from '../helpers/app.ts';
import { startTestWorkers, type TestWorkers } from '../helpers/workers.ts';
import { createWebAccount, type WebAccount } from './accounts.ts';

/**
 * The browser test harness: Herald (API + workers) listening on an ephemeral loopback port with its
 * own database and queue prefix, web accounts of every role with known passwords, and Debian's
 * Chromium driven by playwright-core (no browser download).
 */

export const CHROMIUM = process.env.HERALD_CHROMIUM ?? '/usr/bin/chromium';
const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];
export const SCREENSHOT_DIR = new URL('../../test-results/screenshots/', import.meta.url).pathname;

/**
 * The seeded accounts: one per role in Åsnes, a second communications officer (`approver`, for
 * approving another's notice), and an admin of Karasjok (another tenant) to check isolation.
 */
export const SEEDED = {
  hr: { tenant: 'asnes', role: 'hr', name: 'Kari Nordmann' },
  communications: { tenant: 'asnes', role: 'communications', name: 'Ola Hansen' },
  approver: { tenant: 'asnes', role: 'communications', name: 'Ingrid Berg' },
  archivist: { tenant: 'asnes', role: 'archivist', name: 'Per Olsen' },
  admin: { tenant: 'asnes', role: 'admin', name: 'Anne Admin' },
  otherAdmin: { tenant: 'karasjok', role: 'admin', name: 'Máret Admin' },
} as const;
export type SeededAccount = keyof typeof SEEDED;

export interface BrowserHarness {
  t: TestApp;
  /** Null when started with `workers: false`. */
  workers: TestWorkers | null;
  baseUrl: string;
  browser: Browser;
  accounts: Record<SeededAccount, WebAccount>;
  /** A page in a fresh browser context (no cookies), 1280×900 unless given. */
  newPage(viewport?: { width: number; height: number }): Promise<Page>;
  /** Signs `page` in as a seeded account through the sign-in form; ends on the home page. */
  signIn(page: Page, who: SeededAccount): Promise<void>;
  close(): Promise<void>;
}

export interface HarnessOptions {
  /** @defaultValue true */
  workers?: boolean;
  clock?: Clock;
  /** @defaultValue the shipped tenants and rules */
  directory?: TenantDirectory;
  /** @defaultValue an ephemeral port (give one when a provider must know the callback beforehand) */
  port?: number;
}

/** A loopback port free right now (for a callback URL that must be known before Herald starts). */
export async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => {
    resolve();
  }));
  return port;
}

export async function startBrowserHarness(opts: HarnessOptions = {}): Promise<BrowserHarness> {
  if (!existsSync(CHROMIUM)) {
    throw new Error(`${CHROMIUM} is missing: the browser tests drive Debian's Chromium. Install it with: bash scripts/services.sh (as root)`);
  }
  const t = await buildTestApp({ ...(opts.clock ? { clock: opts.clock } : {}), ...(opts.directory ? { directory: opts.directory } : {}) });
  let workers: TestWorkers | null = null;
  let browser: Browser | undefined;
  try {
    await t.app.listen({ port: opts.port ?? 0, host: '127.0.0.1' });
    const { port } = t.app.server.address() as AddressInfo;
    const baseUrl = `http://127.0.0.1:${port}`;
    if (opts.workers ?? true) workers = await startTestWorkers(t, { prefix: t.queuePrefix, ...(opts.clock ? { clock: opts.clock } : {}) });
    const accounts = {} as Record<SeededAccount, WebAccount>;
    for (const [who, seed] of Object.entries(SEEDED) as [SeededAccount, (typeof SEEDED)[SeededAccount]][]) {
      accounts[who] = await createWebAccount(t.db.pool, seed.tenant, seed.role, seed.name);
    }
    const launched = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS, headless: true });
    browser = launched;
    return {
      t,
      workers,
      baseUrl,
      browser: launched,
      accounts,
      async newPage(viewport = { width: 1280, height: 900 }) {
        const context = await launched.newContext({ baseURL: baseUrl, viewport, locale: 'nb-NO' });
        return context.newPage();
      },
      async signIn(page, who) {
        const account = accounts[who];
        await page.goto('/app/sign-in');
        await page.locator('#email').fill(account.email);
        await page.locator('#password').fill(account.password);
        await Promise.all([page.waitForURL((url) => !url.pathname.startsWith('/app/sign-in')), page.locator('form.stack button[type=submit]').click()]);
      },
      async close() {
        await launched.close();
        await workers?.stop();
        await t.close();
      },
    };
  } catch (error) {
    await browser?.close();
    await workers?.stop();
    await t.close();
    throw error;
  }
}

const AXE_SOURCE = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  nodes: { target: string[] }[];
}

/**
 * Runs axe-core (WCAG 2.0/2.1 A and AA rules) in the page and fails on any serious or critical
 * violation, naming each with the elements concerned. Evaluated through the DevTools protocol, so
 * the page's CSP (no inline script) stays as it is.
 */
export async function checkA11y(page: Page): Promise<void> {
  // Strings, not functions: the test's TypeScript transform must not reach into the page.
  await page.evaluate(AXE_SOURCE);
  const json = await page.evaluate<string>(
    `axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] } })
       .then((r) => JSON.stringify(r.violations.map((v) => ({ id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.map((n) => ({ target: n.target })) }))))`,
  );
  const serious = (JSON.parse(json) as AxeViolation[]).filter((v) => v.impact === 'serious' || v.impact === 'critical');
  if (serious.length > 0) {
    const lines = serious.map((v) => `  ${v.impact ?? ''} ${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).join('; ')})`);
    throw new Error(`axe found ${serious.length} serious or critical violation(s) on ${page.url()}:\n${lines.join('\n')}`);
  }
}

/** Saves a full-page screenshot as test-results/screenshots/<name>.png (gitignored). */
export async function screenshot(page: Page, name: string): Promise<string> {
  mkdirSync(SCREENSHOT_DIR, { recursive: true });
  const path = join(SCREENSHOT_DIR, `${name}.png`);
  await page.screenshot({ path, fullPage: true });
  return path;
}

/** How far the page is wider than the window (0: no horizontal scrolling). */
export async function horizontalOverflow(page: Page): Promise<number> {
  return page.evaluate<number>('document.documentElement.scrollWidth - window.innerWidth');
}

/** Presses Tab until the element matching `selector` has focus; fails after `max` presses. */
export async function tabTo(page: Page, selector: string, max = 40): Promise<void> {
  for (let i = 0; i < max; i++) {
    await page.keyboard.press('Tab');
    const focused = await page.evaluate<boolean>(`document.activeElement !== null && document.activeElement.matches(${JSON.stringify(selector)})`);
    if (focused) return;
  }
  throw new Error(`${selector} was not reached with ${max} presses of Tab on ${page.url()}`);
}
