import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildUser } from '../../server/test/factories';
import { startTestServer, type TestServer } from '../../server/test/harness';
import { launchBrowser } from './browser';

/**
 * XSS (issue 12): hostile text in every free-text field of a person record is
 * shown as text on the list and the detail page — no script runs, no element is
 * injected — and the Content-Security-Policy would refuse inline scripts anyway.
 */
const PAYLOADS = {
  fullName: `<img src=x onerror="window.__xss='name'">Budi`,
  address: `"><script>window.__xss='address'</script>`,
  birthPlace: `<svg onload="window.__xss='place'">`,
  aliases: [`<iframe src="javascript:window.__xss='alias'">`],
};

let server: TestServer;
let browser: Browser;
let personId: string;
const user = { username: '', password: 'kata sandi xss 2026' };

beforeAll(async () => {
  server = await startTestServer();
  browser = await launchBrowser();
  const u = await buildUser(server.database, { grants: [{ role: 'dinsos_kab', areaCode: '33.72' }], password: user.password });
  user.username = u.username;
  const login = await fetch(new URL('/api/v1/auth/login', server.url), {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(user),
  });
  const cookie = login.headers.getSetCookie().find((c) => c.startsWith('pilar_session='))!.split(';')[0]!;
  const { csrfToken } = (await login.json()) as { csrfToken: string };
  const res = await fetch(new URL('/api/v1/persons', server.url), {
    method: 'POST',
    headers: { 'content-type': 'application/json', cookie, 'x-csrf-token': csrfToken },
    body: JSON.stringify({ villageCode: '33.72.01.1001', nikMissingReason: 'belum_rekam', ...PAYLOADS }),
  });
  expect(res.status).toBe(201);
  personId = ((await res.json()) as { id: string }).id;
}, 180_000);
afterAll(async () => {
  await browser?.close();
  await server?.close();
});

describe('hostile text is rendered as text', () => {
  it('on the person list and the person page: no script runs, nothing is injected, the text is shown as typed', async () => {
    const context = await browser.newContext();
    const page = await context.newPage();
    const dialogs: string[] = [];
    page.on('dialog', (d) => {
      dialogs.push(d.message());
      void d.dismiss();
    });
    const cspViolations: string[] = [];
    page.on('console', (m) => {
      if (/Content Security Policy/i.test(m.text())) cspViolations.push(m.text());
    });
    await page.goto(new URL('/masuk', server.url).toString());
    await page.getByTestId('username').fill(user.username);
    await page.getByTestId('password').fill(user.password);
    await page.getByTestId('sign-in').click();
    await page.waitForURL((u) => !u.pathname.startsWith('/masuk'));

    await page.goto(new URL('/warga', server.url).toString());
    await page.getByTestId('person-list').waitFor();
    await expect.poll(() => page.getByTestId('person-name').allTextContents()).toContain(PAYLOADS.fullName);

    await page.goto(new URL(`/warga/${personId}`, server.url).toString());
    await page.getByText(PAYLOADS.address).first().waitFor();
    const body = (await page.textContent('body')) ?? '';
    expect(body).toContain(PAYLOADS.fullName);
    expect(body).toContain(PAYLOADS.address);

    expect(await page.evaluate(() => (window as unknown as { __xss?: string }).__xss)).toBeUndefined();
    expect(await page.locator('main img[src="x"], main svg[onload], main iframe, main script').count()).toBe(0);
    expect(dialogs).toEqual([]);
    await context.close();
  });

  it('is served with a strict Content-Security-Policy that forbids inline scripts', async () => {
    const res = await fetch(new URL('/warga', server.url));
    const csp = res.headers.get('content-security-policy') ?? '';
    expect(csp).toContain("script-src 'self'");
    expect(csp).not.toContain('unsafe-inline');
    expect(csp).toContain("object-src 'none'");
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
  });
});
