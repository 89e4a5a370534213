import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { loadPages, renderPage } from './page-layout.js';

const parts = {
  head: '<meta charset="utf-8" />\n',
  topbar: '<header>\n  <a href="{{home}}">Home</a>\n</header>\n',
};

describe('renderPage', () => {
  it('puts each shared part where its marker stands, with the page’s own home link', () => {
    const page = [
      '<head>',
      '    <!-- layout: head -->',
      '    <title>Census</title>',
      '</head>',
      '    <!-- layout: topbar home="/ops" -->',
      '<main></main>',
      '',
    ].join('\n');
    expect(renderPage(page, parts, 'census.html')).toBe(
      [
        '<head>',
        '    <meta charset="utf-8" />',
        '    <title>Census</title>',
        '</head>',
        '    <header>',
        '      <a href="/ops">Home</a>',
        '    </header>',
        '<main></main>',
        '',
      ].join('\n'),
    );
  });

  it('links home to / when the page names no other', () => {
    expect(renderPage('<!-- layout: topbar -->\n', parts, 'a.html')).toBe(
      '<header>\n  <a href="/">Home</a>\n</header>\n',
    );
  });

  it('writes a marker’s values into its part, and refuses a part missing one', () => {
    const withLabel = { ...parts, filter: '<form aria-label="{{label}}"></form>\n' };
    expect(renderPage('  <!-- layout: filter label="Census filters" -->\n', withLabel, 'a.html')).toBe(
      '  <form aria-label="Census filters"></form>\n',
    );
    expect(() => renderPage('<!-- layout: filter -->\n', withLabel, 'b.html')).toThrow(
      'b.html: the "filter" part needs label="…"',
    );
  });

  it('refuses a marker that names no shared part', () => {
    expect(() => renderPage('<!-- layout: footer -->\n', parts, 'a.html')).toThrow(
      'a.html: no shared page part is named "footer"',
    );
  });
});

describe('loadPages', () => {
  it('gives every page its title, its script, the shared head and, for signed-in pages, the top bar', async () => {
    const pages = await loadPages(
      fileURLToPath(new URL('../../web/public', import.meta.url)),
      fileURLToPath(new URL('../../web/layout', import.meta.url)),
    );
    expect([...pages.keys()].sort()).toContain('census.html');
    for (const [file, html] of pages) {
      expect(html, file).not.toContain('<!-- layout:');
      expect(html, file).toMatch(/<title>[^<]+ · Follow-up inbox<\/title>/);
      expect(html, file).toContain('<link rel="stylesheet" href="/assets/app.css" />');
      expect(html, file).toMatch(/<script type="module" src="\/assets\/js\/[\w-]+\.js"><\/script>/);
      expect(html, file).not.toMatch(/<script(?![^>]*\ssrc=)/);
    }
    expect(pages.get('census.html')).toContain('<a class="brand" href="/">');
    expect(pages.get('ops.html')).toContain('<a class="brand" href="/ops">');
    expect(pages.get('sign-in.html')).not.toContain('class="topbar"');
  });
});
