// Unit tests of where the sign-in page goes afterwards: never to another site.
import { describe, expect, it } from 'vitest';
import { sameSiteNextPage } from '../public/assets/js/next-page.js';

const ORIGIN = 'https://inbox.example.org';

describe('sameSiteNextPage', () => {
  it.each([
    ['/', '/'],
    ['/follow-ups/42', '/follow-ups/42'],
    ['/ops/queues?status=failed#top', '/ops/queues?status=failed#top'],
    [`${ORIGIN}/audit`, '/audit'],
  ])('keeps the page of this site %j', (next, expected) => {
    expect(sameSiteNextPage(next, ORIGIN)).toBe(expected);
  });

  it.each([
    // The browser drops TAB, LF and CR from URLs: these are "//evil.example", another host.
    '/\t/evil.example',
    '/\n/evil.example',
    '/\r/evil.example',
    '\t//evil.example',
    '//evil.example',
    '/\\evil.example',
    '\\\\evil.example',
    'https://evil.example/',
    'javascript:alert(1)',
    'data:text/html,hi',
    `${ORIGIN}.evil.example/`,
    `${ORIGIN}@evil.example/`,
  ])('sends %j to the worklist instead', (next) => {
    expect(sameSiteNextPage(next, ORIGIN)).toBe('/');
  });

  it('goes to the worklist without a next page', () => {
    expect(sameSiteNextPage(null, ORIGIN)).toBe('/');
    expect(sameSiteNextPage('', ORIGIN)).toBe('/');
  });
});
