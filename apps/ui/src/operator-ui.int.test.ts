import type { Browser } from 'playwright-core';
import { processWhen, startedProcess, startTestStack, waitFor, type TestStack } from '@orchestrator/test-stack';
import { closeTabs, keyOf, launchBrowser, openTab, screenshot, signIn, type UserTab } from './browser-session';
import { device, uiTestWorkflows } from './ui-test-workflows';
import { ensureUiBuilt } from './ui-build';

// The operator UI in a real browser (Debian's chromium through playwright-core) against the real API, worker,
// PostgreSQL and Redis: each test signs in with an API key as a person would.

jest.setTimeout(60_000);

describe('the operator UI', () => {
  let stack: TestStack;
  let browser: Browser;
  const tabs: UserTab[] = [];
  const tab = async (viewport?: { width: number; height: number }) => {
    const opened = await openTab(browser, stack.baseUrl, viewport);
    tabs.push(opened);
    return opened;
  };
  const operatorKey = async () => keyOf(await stack.as('olga', 'operate'));
  /** A suspended ui_approval process, open in an operator's tab, and its form. */
  const suspendedOnScreen = async () => {
    const id = await startedProcess(stack, 'ui_approval');
    await processWhen(stack, id, 'suspended');
    const { page } = await tab();
    await signIn(page, await operatorKey());
    await page.goto(`/ui/processes/${id}`);
    return { id, page, form: page.getByRole('region', { name: 'Answer the form' }) };
  };

  beforeAll(async () => {
    ensureUiBuilt();
    [stack, browser] = await Promise.all([startTestStack({ workflows: uiTestWorkflows }), launchBrowser()]);
    await stack.startWorker();
  }, 120_000);
  // No page threw and nothing was refused by the Content-Security-Policy.
  afterEach(async () => expect(await closeTabs(tabs)).toEqual([]));
  afterAll(async () => {
    await browser?.close();
    await stack?.stop();
  });

  it('serves the shell with a CSP without inline scripts, and logged out no page shows data', async () => {
    const shell = await fetch(`${stack.baseUrl}/ui/processes/whatever`);
    expect(shell.status).toBe(200);
    expect(shell.headers.get('content-security-policy')).toContain("script-src 'self'");
    expect(shell.headers.get('content-security-policy')).not.toContain('unsafe-inline');
    const { page } = await tab();
    await page.goto('/ui/processes');
    await page.getByLabel('API key').waitFor();
    expect(await page.getByRole('table').count()).toBe(0);
    await page.getByLabel('API key').fill('ork_notAKeyAtAllButLongEnoughToLookLikeOne12');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('alert').filter({ hasText: 'does not accept' }).waitFor();
    await screenshot(page, 'login');
  });

  it('signs in, keeps the session over a reload, and logs out', async () => {
    const { page } = await tab();
    await signIn(page, await operatorKey());
    expect(await page.getByTestId('role').textContent()).toBe('operate');
    await page.reload();
    await page.getByRole('button', { name: 'Log out' }).waitFor();
    await page.getByRole('heading', { name: 'Dashboard' }).waitFor();
    await page.getByRole('button', { name: 'Log out' }).click();
    await page.getByLabel('API key').waitFor();
    await page.reload();
    await page.getByLabel('API key').waitFor();
    expect(await page.evaluate('sessionStorage.length')).toBe(0);
  });

  it('finds processes by search and pages through them with the cursor', async () => {
    const ids = await Promise.all(Array.from({ length: 23 }, () => startedProcess(stack, 'ui_bulk')));
    await Promise.all(ids.map((id) => processWhen(stack, id, 'completed')));
    const { page } = await tab();
    await signIn(page, await operatorKey());
    await page.getByRole('link', { name: 'Processes' }).click();
    await page.getByRole('tab', { name: 'Completed' }).click();
    await page.getByRole('searchbox', { name: 'Search' }).or(page.getByLabel('Search')).fill('workflowName:ui_bulk');
    await page.getByRole('button', { name: 'Search', exact: true }).click();
    await page.getByTestId('total').filter({ hasText: '23 processes' }).waitFor();
    expect(await page.locator('tbody tr').count()).toBe(20);
    await page.getByRole('button', { name: 'Next page' }).click();
    await waitFor(async () => (await page.locator('tbody tr').count()) === 3, { what: 'the second page' });
    await page.getByRole('button', { name: 'Previous page' }).click();
    await waitFor(async () => (await page.locator('tbody tr').count()) === 20, { what: 'the first page again' });
    await page.getByRole('button', { name: 'Workflow' }).click();
    await page.locator('th[aria-sort]').first().waitFor();
    await screenshot(page, 'processes');
    await page.locator('tbody tr').first().getByRole('link').click();
    await page.getByRole('heading', { name: /ui_bulk/ }).waitFor();
  });

  it('retries a failed process and shows it complete live; a read-role user sees no Retry button', async () => {
    device.up = false;
    const id = await startedProcess(stack, 'ui_flaky');
    await processWhen(stack, id, 'failed');

    const reader = await tab();
    const readerKey = keyOf(await stack.as('rita', 'read'));
    const auditRows = async () => (await stack.sql<{ n: number }>(`SELECT count(*)::int AS n FROM audit_events`))[0]!.n;
    const auditedBefore = await auditRows();
    await signIn(reader.page, readerKey);
    // The role comes from GET /api/me, a read: signing in writes no audit row (no refused probe).
    await reader.page.getByTestId('role').filter({ hasText: 'read' }).waitFor();
    expect(await auditRows()).toBe(auditedBefore);
    await reader.page.goto(`/ui/processes/${id}`);
    await reader.page.getByTestId('status').first().filter({ hasText: 'failed' }).waitFor();
    expect(await reader.page.getByRole('button', { name: 'Retry' }).count()).toBe(0);
    expect(await reader.page.getByRole('button', { name: 'Abort' }).count()).toBe(0);

    const { page } = await tab();
    await signIn(page, await operatorKey());
    await page.goto(`/ui/processes/${id}`);
    await page.getByText('device 10.0.0.1 refused the connection').first().waitFor();
    await page.locator('[data-step-status="failed"]').waitFor();
    await page.locator('[data-step-status="pending"]').first().waitFor();
    await screenshot(page, 'process-failed');
    device.up = true;
    await page.getByRole('button', { name: 'Retry' }).click();
    await page.getByRole('heading').getByTestId('status').filter({ hasText: 'completed' }).waitFor();
    // The reader's open page followed without a reload.
    await reader.page.getByRole('heading').getByTestId('status').filter({ hasText: 'completed' }).waitFor();
    expect(await page.locator('[data-step-status="pending"]').count()).toBe(0);
  });

  it('answers a suspended form, with the API validation errors at the fields, and edits the note', async () => {
    const { id, page, form } = await suspendedOnScreen();
    await form.getByLabel(/approver/).fill('ann');
    await form.getByLabel(/vlan/).fill('7');
    await page.getByRole('button', { name: 'Edit note' }).click();
    await page.getByLabel('Note').fill('change window 22:00');
    await page.getByRole('button', { name: 'Save note' }).click();
    await page.getByTestId('note').filter({ hasText: 'change window 22:00' }).waitFor();
    await screenshot(page, 'process-suspended');
    await form.getByRole('button', { name: 'Submit' }).click();
    await page.getByRole('heading').getByTestId('status').filter({ hasText: 'completed' }).waitFor();
    const detail = await processWhen(stack, id, 'completed');
    expect(detail.currentState).toMatchObject({ approver: 'ann', vlan: 7, applied: 7 });
    // The delta of the step that took the answer is highlighted.
    await page.locator('[data-step-status="success"]').filter({ hasText: 'Apply' }).locator('summary').click();
    await page.locator('.delta .added').filter({ hasText: 'applied' }).waitFor();
    await screenshot(page, 'process-detail');
  });

  it('shows the API validation error of an answer at its field', async () => {
    const { id, form } = await suspendedOnScreen();
    // The browser cannot know this rule (a refinement in the step's zod form): the API refuses it.
    await form.getByLabel(/approver/).fill('nobody');
    await form.getByLabel(/vlan/).fill('100');
    await form.getByRole('button', { name: 'Submit' }).click();
    await form.locator('.form-group').filter({ hasText: 'approver' }).getByText('nobody may approve').waitFor();
    expect((await stack.request('GET', `/api/processes/${id}`)).body.status).toBe('suspended');
  });

  it('follows a status change made elsewhere without a reload, and aborts with confirmation', async () => {
    const first = await startedProcess(stack, 'ui_approval');
    const second = await startedProcess(stack, 'ui_approval');
    await processWhen(stack, first, 'suspended');
    await processWhen(stack, second, 'suspended');
    const { page } = await tab({ width: 390, height: 844 });
    await signIn(page, await operatorKey());
    await page.goto(`/ui/processes/${first}`);
    await page.getByRole('heading').getByTestId('status').filter({ hasText: 'suspended' }).waitFor();
    const answered = await stack.request('PUT', `/api/processes/${first}/resume`, { approver: 'bob', vlan: 12 });
    expect(answered.status).toBe(204);
    await page.getByRole('heading').getByTestId('status').filter({ hasText: 'completed' }).waitFor({ timeout: 5000 });

    await page.goto(`/ui/processes/${second}`);
    await page.getByRole('button', { name: 'Abort' }).click();
    await page.getByRole('group', { name: 'Confirm abort' }).waitFor();
    await screenshot(page, 'abort-confirm-phone');
    await page.getByRole('button', { name: 'Abort process' }).click();
    await page.getByRole('heading').getByTestId('status').filter({ hasText: 'aborted' }).waitFor();
    await processWhen(stack, second, 'aborted');
  });

  // An invalidation does not cancel a query's first fetch in flight (TanStack Query reuses it): a process
  // event that arrives while the page's first answer is on its way must still bring the page up to date.
  it('shows a change that happened while the page was loading', async () => {
    const id = await startedProcess(stack, 'ui_approval');
    await processWhen(stack, id, 'suspended');
    const { page } = await tab();
    await signIn(page, await operatorKey());
    // Records the page's process events (the test's own copy, next to the app's listeners).
    await page.addInitScript(`{
      const seen = (window.processEvents = []);
      const Native = window.EventSource;
      window.EventSource = class extends Native {
        constructor(url, init) {
          super(url, init);
          this.addEventListener('process', (event) => seen.push(event.data));
        }
      };
    }`);
    let holding: () => void = () => undefined;
    const held = new Promise<void>((resolve) => (holding = resolve));
    let release: () => void = () => undefined;
    const released = new Promise<void>((resolve) => (release = resolve));
    let first = true;
    await page.route(`**/api/processes/${id}`, async (route) => {
      if (!first || route.request().method() !== 'GET') return route.continue();
      first = false;
      const suspended = await route.fetch();
      holding();
      await released;
      await route.fulfill({ response: suspended });
    });
    await page.goto(`/ui/processes/${id}`);
    await held;
    const answered = await stack.request('PUT', `/api/processes/${id}/resume`, { approver: 'bob', vlan: 12 });
    expect(answered.status).toBe(204);
    await processWhen(stack, id, 'completed');
    await waitFor(
      async () =>
        ((await page.evaluate('window.processEvents')) as string[]).some(
          (data) => data.includes(id) && data.includes('"completed"'),
        ),
      { what: 'the page to get the completed event while its first answer is held' },
    );
    release();
    await page.getByRole('heading').getByTestId('status').filter({ hasText: 'completed' }).waitFor({ timeout: 10000 });
  });

  it('starts a workflow from its form and lands on the new process', async () => {
    const { page } = await tab();
    await signIn(page, await operatorKey());
    await page.getByRole('link', { name: 'Start' }).click();
    await page.getByLabel('Workflow').selectOption('ui_greet');
    await page.getByLabel(/name/).fill('Ada');
    await page.getByRole('button', { name: 'Start' }).click();
    await page.waitForURL(/\/ui\/processes\/[0-9a-f-]{36}$/);
    await page.getByRole('heading').getByTestId('status').filter({ hasText: 'completed' }).waitFor();
    const id = page.url().split('/').pop() as string;
    expect((await processWhen(stack, id, 'completed')).currentState).toMatchObject({ greeting: 'hello Ada' });
  });

  it('shows the dashboard, and an admin pauses and resumes the engine', async () => {
    const { page } = await tab();
    await signIn(page, keyOf(stack.adminHeaders));
    await page.getByRole('heading', { name: 'Dashboard' }).waitFor();
    await page.getByTestId('count-process-completed').waitFor();
    await page.getByTestId('engine-status').filter({ hasText: 'RUNNING' }).waitFor();
    await screenshot(page, 'dashboard');
    await page.getByRole('link', { name: 'Settings' }).click();
    await page.getByRole('button', { name: 'Pause engine' }).click();
    await page.getByTestId('engine-status').filter({ hasText: 'PAUSED' }).waitFor();
    await screenshot(page, 'settings');
    await page.getByRole('button', { name: 'Resume engine' }).click();
    await page.getByTestId('engine-status').filter({ hasText: 'RUNNING' }).waitFor();
    expect((await stack.request('GET', '/api/settings/status')).body.globalStatus).toBe('RUNNING');
  });

  it('starts a workflow through a two-page form, the second page chosen by the first answer', async () => {
    const { page } = await tab();
    await signIn(page, await operatorKey());
    await page.getByRole('link', { name: 'Start' }).click();
    await page.getByLabel('Workflow').selectOption('ui_order');
    await page.getByLabel(/quantity/).fill('12');
    await page.getByRole('button', { name: 'Start' }).click();
    await page.getByText('Page 2').waitFor();
    await page.getByLabel(/packaging/).selectOption('pallet');
    await screenshot(page, 'start-second-page');
    await page.getByRole('button', { name: 'Start' }).click();
    await page.waitForURL(/\/ui\/processes\/[0-9a-f-]{36}$/);
    const id = page.url().split('/').pop() as string;
    expect((await processWhen(stack, id, 'completed')).currentState).toMatchObject({ placed: '12 in pallet' });
  });

  it('lets an admin delete a finished task after confirming, and shows an operator no Delete', async () => {
    const id = await startedProcess(stack, 'task_ui_cleanup');
    await processWhen(stack, id, 'completed');
    const operator = (await tab()).page;
    await signIn(operator, await operatorKey());
    await operator.goto(`/ui/processes/${id}`);
    await operator.getByRole('heading').getByTestId('status').filter({ hasText: 'completed' }).waitFor();
    expect(await operator.getByRole('button', { name: 'Delete' }).count()).toBe(0);

    const { page } = await tab();
    await signIn(page, keyOf(stack.adminHeaders));
    await page.goto(`/ui/processes/${id}`);
    await page.getByRole('button', { name: 'Delete' }).click();
    await page.getByRole('group', { name: 'Confirm delete' }).waitFor();
    await page.getByRole('button', { name: 'Delete task' }).click();
    await page.waitForURL(/\/ui\/processes\?tab=tasks$/);
    expect((await stack.request('GET', `/api/processes/${id}`)).status).toBe(404);
  });
});
