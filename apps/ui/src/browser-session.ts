import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { UI_ROOT } from './ui-build';

/** Debian's chromium (`apt-get install -y chromium`, .ci/run); playwright's own download cannot be had here. */
export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
/** Where a test run leaves its screenshots of the main pages (ignored by git). */
export const SCREENSHOTS = join(UI_ROOT, 'screenshots');

export async function launchBrowser(): Promise<Browser> {
  // --no-sandbox: CI runs as root, where chromium's sandbox refuses to start.
  return chromium.launch({ executablePath: CHROMIUM, headless: true, args: ['--no-sandbox'] });
}

/**
 * A tab in a fresh browser profile (its own sessionStorage), collecting what would be a bug: uncaught
 * exceptions and console errors, Content-Security-Policy violations included. A failed request's own
 * console line ("Failed to load resource") is left out: the API's refusals are answers the pages handle.
 */
export interface UserTab {
  context: BrowserContext;
  page: Page;
  problems: string[];
}

export async function openTab(
  browser: Browser,
  baseUrl: string,
  viewport = { width: 1280, height: 800 },
): Promise<UserTab> {
  const context = await browser.newContext({ baseURL: baseUrl, viewport });
  const page = await context.newPage();
  const problems: string[] = [];
  page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
  page.on('console', (message) => {
    if (message.type() === 'error' && !message.text().startsWith('Failed to load resource')) {
      problems.push(`console: ${message.text()}`);
    }
  });
  return { context, page, problems };
}

/**
 * Closes the tabs a test opened (emptying the list) and returns what went wrong on their pages: page errors,
 * console errors, Content-Security-Policy refusals. A test expects none.
 */
export async function closeTabs(tabs: UserTab[]): Promise<string[]> {
  const problems = tabs.flatMap((opened) => opened.problems);
  await Promise.all(tabs.splice(0).map((opened) => opened.context.close()));
  return problems;
}

/** Signs in on the login page with an API key, as a person would. */
export async function signIn(page: Page, apiKey: string): Promise<void> {
  await page.goto('/ui/');
  await page.getByLabel('API key').fill(apiKey);
  await page.getByRole('button', { name: 'Sign in', exact: true }).click();
  await page.getByRole('button', { name: 'Log out' }).waitFor();
}

/** The key in `stack.as(...)`'s headers. */
export const keyOf = (headers: Record<string, string>): string => (headers.authorization ?? '').replace(/^Bearer /, '');

export async function screenshot(page: Page, name: string): Promise<void> {
  mkdirSync(SCREENSHOTS, { recursive: true });
  await page.screenshot({ path: join(SCREENSHOTS, `${name}.png`), fullPage: true });
}
