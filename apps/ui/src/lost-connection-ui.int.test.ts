import type { Browser } from 'playwright-core';
import { processWhen, startedProcess, startTestStack, type TestStack } from '@orchestrator/test-stack';
import { keyOf, launchBrowser, openTab, screenshot, signIn, type UserTab } from './browser-session';
import { startCuttableProxy, type CuttableProxy } from './cuttable-proxy';
import { uiTestWorkflows } from './ui-test-workflows';
import { ensureUiBuilt } from './ui-build';

// The live connection in a real browser: the network between the browser and the API goes away (a relay in
// between drops every connection and refuses new ones), the page says so, and when the network is back it
// reconnects with the id of the last event it had, so that a change made meanwhile shows without a reload.

jest.setTimeout(60_000);

describe('the operator UI over a lost connection', () => {
  let stack: TestStack;
  let browser: Browser;
  let proxy: CuttableProxy;
  let opened: UserTab;

  beforeAll(async () => {
    ensureUiBuilt();
    [stack, browser] = await Promise.all([startTestStack({ workflows: uiTestWorkflows }), launchBrowser()]);
    await stack.startWorker();
    proxy = await startCuttableProxy(stack.baseUrl);
  }, 120_000);
  afterAll(async () => {
    await opened?.context.close();
    await browser?.close();
    await proxy?.close();
    await stack?.stop();
  });

  it('shows a banner while the event stream is lost, then reconnects with Last-Event-ID and catches up', async () => {
    const id = await startedProcess(stack, 'ui_approval');
    await processWhen(stack, id, 'suspended');
    opened = await openTab(browser, proxy.url);
    const { page } = opened;
    const streams: string[] = [];
    page.on('request', (request) => {
      if (new URL(request.url()).pathname === '/api/events') streams.push(request.url());
    });
    await signIn(page, keyOf(await stack.as('olga', 'operate')));
    await page.goto(`/ui/processes/${id}`);
    await page.getByRole('heading').getByTestId('status').filter({ hasText: 'suspended' }).waitFor();
    await page.locator('main[data-live="open"]').waitFor();
    // An event the page has seen, so that it has an id to resume from.
    expect((await stack.request('PATCH', `/api/processes/${id}`, { note: 'before the cut' })).status).toBe(200);
    await page.getByText('before the cut').waitFor();

    proxy.cut();
    const banner = page.getByRole('alert').filter({ hasText: 'Live updates lost' });
    await banner.waitFor();
    await screenshot(page, 'connection-lost');
    const answered = await stack.request('PUT', `/api/processes/${id}/resume`, { approver: 'bob', vlan: 12 });
    expect(answered.status).toBe(204);
    await processWhen(stack, id, 'completed');

    proxy.restore();
    await banner.waitFor({ state: 'detached', timeout: 20_000 });
    await page.getByRole('heading').getByTestId('status').filter({ hasText: 'completed' }).waitFor();
    const resumed = new URL(streams[streams.length - 1] ?? '');
    expect(streams.length).toBeGreaterThan(1);
    expect(resumed.searchParams.get('lastEventId')).toMatch(/\S/);
    // Network errors of the cut are expected; nothing else went wrong on the page.
    expect(opened.problems.filter((problem) => !problem.includes('net::ERR_'))).toEqual([]);
  });
});
