import type { Browser, BrowserContext, Page } from 'playwright-core';
import { expect } from 'vitest';
import type { BuiltUser } from '../../server/test/factories';

/** Helpers shared by the offline field-app tests (apps/web/test/offline*.browser.test.ts). */

export const phone = { viewport: { width: 360, height: 640 }, deviceScaleFactor: 2, isMobile: true, hasTouch: true };

export interface Phone {
  context: BrowserContext;
  page: Page;
  errors: string[];
}

/** A phone that signed in once online and opened the field app; the service worker now controls the page. */
export async function signedInPhone(browser: Browser, baseUrl: string, user: BuiltUser, options: { serviceWorkers?: 'allow' | 'block' } = {}): Promise<Phone> {
  const context = await browser.newContext({ ...phone, baseURL: baseUrl, serviceWorkers: options.serviceWorkers ?? 'allow' });
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await page.goto('/masuk?next=%2Flapangan');
  await page.getByTestId('username').fill(user.username);
  await page.getByTestId('password').fill(user.password);
  await page.getByTestId('sign-in').click();
  await page.getByTestId('sync-panel').waitFor();
  if ((options.serviceWorkers ?? 'allow') === 'allow') {
    await page.evaluate(async () => {
      await navigator.serviceWorker.ready;
      // The worker claims open pages when it activates (clientsClaim).
      for (let i = 0; i < 100 && !navigator.serviceWorker.controller; i++) await new Promise((r) => setTimeout(r, 50));
    });
  }
  await waitSynced(page);
  return { context, page, errors };
}

/** Waits until the phone has synced at least once since `since` (ms) and nothing is pending. */
export async function waitSynced(page: Page, timeout = 30_000): Promise<void> {
  await expect.poll(async () => (await page.getByTestId('field-last-sync').textContent())?.trim(), { timeout }).not.toMatch(/Belum pernah|Never/);
  await expect.poll(() => pending(page), { timeout }).toBe(0);
}

export async function pending(page: Page): Promise<number> {
  return Number((await page.getByTestId('field-pending-count').textContent())?.trim());
}

/** The sync state kept in the phone's IndexedDB (for assertions about the cursor and the last sync). */
export async function syncMeta(page: Page, userId: string): Promise<Record<string, unknown>> {
  return page.evaluate(async (name) => {
    const db = await new Promise<IDBDatabase>((resolve, reject) => {
      const req = indexedDB.open(name);
      req.onsuccess = () => resolve(req.result);
      req.onerror = () => reject(req.error);
    });
    const rows = await new Promise<{ key: string; value: unknown }[]>((resolve, reject) => {
      const req = db.transaction('meta').objectStore('meta').getAll();
      req.onsuccess = () => resolve(req.result as { key: string; value: unknown }[]);
      req.onerror = () => reject(req.error);
    });
    db.close();
    return Object.fromEntries(rows.map((r) => [r.key, r.value]));
  }, `pilar-field-${userId}`);
}

/** A large camera-like photo (PNG, 2400×1800), made in the page. */
export async function cameraPhoto(page: Page): Promise<Buffer> {
  const b64 = await page.evaluate(() => {
    const c = document.createElement('canvas');
    c.width = 2400;
    c.height = 1800;
    const g = c.getContext('2d')!;
    const grad = g.createLinearGradient(0, 0, 2400, 1800);
    grad.addColorStop(0, '#0b5d7a');
    grad.addColorStop(1, '#f5c542');
    g.fillStyle = grad;
    g.fillRect(0, 0, 2400, 1800);
    for (let i = 0; i < 400; i++) {
      g.fillStyle = `hsl(${(i * 37) % 360} 70% 50%)`;
      g.fillRect((i * 131) % 2400, (i * 71) % 1800, 60, 60);
    }
    return c.toDataURL('image/png').split(',')[1]!;
  });
  return Buffer.from(b64, 'base64');
}

/** Fills and saves the field registration form. */
export async function registerOnPhone(page: Page, p: { fullName: string; sex: 'L' | 'P'; birthDate?: string; rt?: string; address?: string; reason?: string }): Promise<string> {
  await page.getByTestId('field-new-person').click();
  await page.getByTestId('f-fullName').fill(p.fullName);
  await page.getByTestId(`f-sex-${p.sex}`).check();
  if (p.birthDate) await page.getByTestId('f-birthDate').fill(p.birthDate);
  await page.getByTestId('f-nikMissingReason').selectOption(p.reason ?? 'belum_rekam');
  if (p.rt) await page.getByTestId('f-rt').fill(p.rt);
  if (p.address) await page.getByTestId('f-address').fill(p.address);
  await page.getByTestId('f-save').click();
  await page.getByTestId('field-person-title').waitFor();
  return page.url().split('/').pop()!;
}
