import { afterAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/app';
import { buildUser, signIn } from '../../../test/factories';
import { loadConfig, mapTileOrigin } from '../../platform/config';

/**
 * The dashboard map's tile server is configuration (issue 7): served to the web app with
 * the map points, and its host is the only extra source the CSP allows for images.
 */
const apps: TestApp[] = [];
afterAll(async () => Promise.all(apps.map((a) => a.close())));

async function mapAnswer(env: Record<string, string>) {
  const t = await createTestApp(env);
  apps.push(t);
  const who = await signIn(t.app, await buildUser(t.database, { grants: [{ role: 'dinsos_prov', areaCode: '33' }] }));
  const res = await t.app.inject({ method: 'GET', url: '/api/v1/dashboard/map?area=33', headers: who.headers });
  expect(res.statusCode, res.body).toBe(200);
  return { body: res.json(), csp: String(res.headers['content-security-policy']) };
}

describe('map tiles', () => {
  it('derives the CSP source from the URL template', () => {
    expect(mapTileOrigin('https://{s}.tile.example.org/{z}/{x}/{y}.png')).toBe('https://*.tile.example.org');
    expect(mapTileOrigin('https://tiles.dinsos.go.id:8443/osm/{z}/{x}/{y}.png')).toBe('https://tiles.dinsos.go.id:8443');
    expect(mapTileOrigin('https://tiles.example.org/{z}/{x}.png')).toBeNull();
    expect(mapTileOrigin('javascript:{z}{x}{y}')).toBeNull();
    expect(() => loadConfig({ PILAR_MAP_TILE_URL: 'ftp://x/{z}/{x}/{y}' })).toThrow(/PILAR_MAP_TILE_URL/);
    expect(loadConfig({ PILAR_MAP_TILE_URL: '' }).PILAR_MAP_TILE_URL).toBe('');
  });

  it('serves the configured tile server and allows its host for images only', async () => {
    const { body, csp } = await mapAnswer({
      PILAR_MAP_TILE_URL: 'https://{s}.tile.example.org/{z}/{x}/{y}.png',
      PILAR_MAP_TILE_ATTRIBUTION: '© OpenStreetMap',
    });
    expect(body.tiles).toEqual({ url: 'https://{s}.tile.example.org/{z}/{x}/{y}.png', attribution: '© OpenStreetMap' });
    expect(csp).toMatch(/img-src 'self' data: blob: https:\/\/\*\.tile\.example\.org(;|$)/);
    expect(csp).toMatch(/connect-src 'self'(;|$)/);
  });

  it('without a tile server: no tiles in the answer and no extra CSP source', async () => {
    const { body, csp } = await mapAnswer({});
    expect(body.tiles).toBeNull();
    expect(body.points).toEqual([]);
    expect(csp).toMatch(/img-src 'self' data: blob:(;|$)/);
  }, 60_000);
}, 120_000);
