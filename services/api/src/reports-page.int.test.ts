import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  addUser,
  type ApiHarness,
  type BrowserSession,
  signIn,
  startApiHarness,
} from './testing/api-harness.js';

type Who = 'navigator' | 'ops' | 'admin';

describe('reports pages: /reports and its printable summary', () => {
  let h: ApiHarness;
  const sessions: Partial<Record<Who, BrowserSession>> = {};

  beforeAll(async () => {
    h = await startApiHarness('reportspage');
    await addUser(h, { username: 'nav', role: 'navigator', teams: ['north'] });
    await addUser(h, { username: 'ops', role: 'ops' });
    await addUser(h, { username: 'admin', role: 'admin' });
    sessions.navigator = await signIn(h.app, 'nav');
    sessions.ops = await signIn(h.app, 'ops');
    sessions.admin = await signIn(h.app, 'admin');
  });

  afterAll(async () => {
    await h.close();
  });

  const html = { accept: 'text/html,application/xhtml+xml' };

  it.each([
    ['/reports', 'navigator', 200],
    ['/reports', 'admin', 200],
    ['/reports', 'ops', 403],
    ['/reports/print?month=2026-11', 'navigator', 200],
    ['/reports/print?month=2026-11', 'admin', 200],
    ['/reports/print?month=2026-11', 'ops', 403],
  ] as const)('%s as %s → %i', async (url, who, status) => {
    const response = await h.app.inject({ url, headers: { ...html, cookie: sessions[who]?.cookie ?? '' } });
    expect(response.statusCode).toBe(status);
    // The charts are drawn by the page's own script: the inbox's strict policy stays as it is.
    expect(response.headers['content-security-policy']).toContain("script-src 'self';");
    if (status === 200) expect(response.body).toContain('/assets/js/reports');
    else expect(response.body).toBe('This page is for navigators and administrators.');
  });

  it('sends a visitor who is not signed in to sign in first', async () => {
    const response = await h.app.inject({ url: '/reports/print?month=2026-11', headers: html });
    expect(response.statusCode).toBe(303);
    expect(response.headers.location).toBe(
      `/sign-in?next=${encodeURIComponent('/reports/print?month=2026-11')}`,
    );
  });

  it('serves the chart scripts and stylesheet as static assets', async () => {
    for (const asset of ['/assets/js/reports-charts.js', '/assets/js/reports.js', '/assets/reports.css']) {
      const response = await h.app.inject({ url: asset });
      expect(response.statusCode).toBe(200);
    }
  });
});
