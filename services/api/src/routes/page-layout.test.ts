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

  it('writes a part’s line once per item of a list value, and not at all for an empty one', () => {
    const withHead = { ...parts, 'table-head': '<tr>\n  <th scope="col">{{columns...}}</th>\n</tr>\n' };
    expect(renderPage('  <!-- layout: table-head columns="Patient|Held by" -->\n', withHead, 'a.html')).toBe(
      '  <tr>\n    <th scope="col">Patient</th>\n    <th scope="col">Held by</th>\n  </tr>\n',
    );
    expect(renderPage('<!-- layout: table-head columns="" -->\n', withHead, 'a.html')).toBe('<tr>\n</tr>\n');
  });

  it('puts a content-only page into the shared shell, with its values and its own parts', () => {
    const withShell = {
      ...parts,
      page: [
        '<head>',
        '  <title>{{title}}</title>',
        '  <link href="/{{styles...}}.css" />',
        '</head>',
        '<!-- layout: topbar home="{{home}}" -->',
        '<main>',
        '  <!-- content -->',
        '</main>',
        '',
      ].join('\n'),
    };
    const page = '<!-- page title="Ops" home="/ops" -->\n<h1>Ops</h1>\n\n<!-- layout: topbar -->\n';
    expect(renderPage(page, withShell, 'ops.html')).toBe(
      [
        '<head>',
        '  <title>Ops</title>',
        '</head>',
        '<header>',
        '  <a href="/ops">Home</a>',
        '</header>',
        '<main>',
        '  <h1>Ops</h1>',
        '',
        '  <header>',
        '    <a href="/">Home</a>',
        '  </header>',
        '</main>',
        '',
      ].join('\n'),
    );
    expect(() => renderPage('<!-- page -->\n<h1>Ops</h1>\n', withShell, 'b.html')).toThrow(
      'b.html: the "page" part needs title="…"',
    );
    expect(() => renderPage('<!-- page -->\n', parts, 'c.html')).toThrow(
      'c.html: no shared page part is named "page"',
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
    expect(pages.get('census.html')).toMatch(/^<!doctype html>\n/);
    expect(pages.get('census.html')).toContain('<a class="skip-link" href="#main">Skip to the census</a>');
    expect(pages.get('team.html')).toContain(
      '<th scope="col"><span class="visually-hidden">Action</span></th>',
    );
  });
});
