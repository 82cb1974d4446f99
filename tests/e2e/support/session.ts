/**
 * One web preview and one Chromium page opened on it, for a whole test file: started before the file's
 * tests, everything closed after them. The fields are set once the file's first `beforeAll` has run
 * (register it first: later `beforeAll` hooks of the file can read them).
 */
import { afterAll, beforeAll } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { launchBrowser, newPage } from './browser';
import { startPreview, type RunningPreview } from './web-preview';

export interface PreviewSession {
  preview: RunningPreview;
  browser: Browser;
  context: BrowserContext;
  page: Page;
  /** The page's uncaught errors and console errors. */
  errors: string[];
}

export function previewSession(args: string[] = []): PreviewSession {
  const session = {} as PreviewSession;
  beforeAll(async () => {
    session.preview = await startPreview({ args });
    session.browser = await launchBrowser();
    Object.assign(session, await newPage(session.browser));
    await session.page.goto(session.preview.url);
  });
  afterAll(async () => {
    await session.context?.close();
    await session.browser?.close();
    await session.preview?.stop();
  });
  return session;
}
