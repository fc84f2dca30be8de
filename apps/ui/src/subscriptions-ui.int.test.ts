import type { Browser } from 'playwright-core';
import { z } from 'zod';
import { defineProduct, modifyWorkflow, step } from '@orchestrator/engine';
import { processWhen, startTestStack, type TestStack } from '@orchestrator/test-stack';
import { keyOf, launchBrowser, openTab, screenshot, signIn, type UserTab } from './browser-session';
import { ensureUiBuilt } from './ui-build';

// A subscription's page in a real browser: what can run on it and why not, set in sync, start one from it.

jest.setTimeout(60_000);

const widget = defineProduct({
  name: 'widget',
  productType: 'Widget',
  tag: 'WGT',
  description: 'a widget',
  data: z.object({ colour: z.string() }),
  workflows: [],
});
const repaint = modifyWorkflow({
  name: 'repaint_widget',
  product: 'widget',
  description: 'repaint',
  steps: [step('Paint', () => ({ painted: true }))],
});

describe('the subscription pages', () => {
  let stack: TestStack;
  let browser: Browser;
  let opened: UserTab | undefined;

  beforeAll(async () => {
    ensureUiBuilt();
    [stack, browser] = await Promise.all([
      startTestStack({ workflows: [repaint], products: [widget] }),
      launchBrowser(),
    ]);
    await stack.startWorker();
  }, 120_000);
  afterAll(async () => {
    await opened?.context.close();
    await browser?.close();
    await stack?.stop();
  });

  it('lists, explains why nothing runs while out of sync, sets it in sync (admin, confirmed) and starts a workflow', async () => {
    const [row] = await stack.sql<{ id: string }>(
      `INSERT INTO subscriptions (product_id, customer_id, description, status, insync, data, created_at)
       SELECT product_id, 'acme', 'blue widget', 'active', false, '{"colour":"blue"}'::jsonb, now()
         FROM products WHERE name = 'widget'
       RETURNING subscription_id AS id`,
    );
    const id = row!.id;
    opened = await openTab(browser, stack.baseUrl);
    const { page } = opened;
    await signIn(page, keyOf(stack.adminHeaders));
    await page.getByRole('link', { name: 'Subscriptions' }).click();
    await page.getByLabel('In sync').selectOption('false');
    await page.getByRole('link', { name: 'blue widget' }).click();
    await page.getByTestId('insync').filter({ hasText: 'no' }).waitFor();
    await page.getByText(/repaint_widget.*cannot run/).waitFor();
    await screenshot(page, 'subscription');

    await page.getByRole('button', { name: 'Set in sync' }).click();
    await page.getByRole('button', { name: 'Confirm set in sync' }).click();
    await page.getByTestId('insync').filter({ hasText: 'yes' }).waitFor();
    await page.getByRole('link', { name: 'Start repaint_widget' }).click();
    await page.getByRole('button', { name: 'Start' }).click();
    await page.waitForURL(/\/ui\/processes\/[0-9a-f-]{36}$/);
    const processId = page.url().split('/').pop() as string;
    await page.getByRole('heading').getByTestId('status').filter({ hasText: 'completed' }).waitFor();
    expect((await processWhen(stack, processId, 'completed')).subscriptionIds).toEqual([id]);
    expect(opened.problems).toEqual([]);
  });
});
