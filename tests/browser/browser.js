/**
 * browser.js - Debian's Chromium driven by playwright-core (no downloaded
 * browsers), and the built site served on loopback.
 */
import { chromium } from 'playwright-core';
import { mkdirSync } from 'node:fs';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { serve } from '../../web/serve.mjs';

export const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
export const SCREENSHOTS = join(ROOT, 'build', 'screenshots');
mkdirSync(SCREENSHOTS, { recursive: true });

/** Launch Chromium; playwright gives every launch a fresh, empty profile. */
export function launch() {
  return chromium.launch({
    executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
      '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
}

/** Serve build/site on a free loopback port: {server, url}; compile: false for a plain static host. */
export async function serveSite({ compile = true } = {}) {
  const server = await serve({ port: 0, root: join(ROOT, 'build', 'site'), compile });
  return { server, url: `http://127.0.0.1:${server.address().port}/` };
}

/**
 * For a test file: Chromium and the served site, started before its tests
 * and closed after them. The returned object is filled in by beforeAll.
 * @returns {{browser: import('playwright-core').Browser, site: {server, url: string}}}
 */
export function useBrowserAndSite() {
  const ctx = {};
  beforeAll(async () => {
    ctx.browser = await launch();
    ctx.site = await serveSite();
  });
  afterAll(async () => {
    await ctx.browser?.close();
    ctx.site?.server.close();
  });
  return ctx;
}
