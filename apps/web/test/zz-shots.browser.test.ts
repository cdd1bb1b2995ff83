import { it } from 'vitest';
import { startTestServer } from '../../server/test/harness';
import { launchBrowser } from './browser';

it('shots', async () => {
  const server = await startTestServer();
  const browser = await launchBrowser();
  for (const [w, h] of [[360, 640], [1280, 800]] as const) {
    for (const lang of ['id', 'en']) {
      const ctx = await browser.newContext({ viewport: { width: w, height: h } });
      await ctx.addInitScript((l) => localStorage.setItem('pilar.lang', l), lang);
      const page = await ctx.newPage();
      for (const [name, path, sel] of [
        ['home', '/', '.ppks-list'],
        ['national', '/wilayah', '[data-testid=national-totals]'],
        ['village', '/wilayah/19.01.01', '[data-testid=area-list]'],
        ['leaf', '/wilayah/19.01.01.2001', '[data-testid=area-header]'],
        ['about', '/tentang', '[data-testid=attribution]'],
      ] as const) {
        await page.goto(server.url + path);
        await page.locator(sel).waitFor();
        await page.screenshot({ path: `/tmp/shot-${name}-${lang}-${w}.png` });
      }
      await page.goto(server.url + '/wilayah');
      await page.getByTestId('area-search').fill('bangka');
      await page.getByTestId('search-results').waitFor();
      await page.screenshot({ path: `/tmp/shot-search-${lang}-${w}.png` });
      await ctx.close();
    }
  }
  await browser.close();
  await server.close();
});
