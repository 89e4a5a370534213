import { readFile, readdir } from 'node:fs/promises';
import path from 'node:path';

/** The shared parts of the pages (`web/layout/NAME.html`), by name. */
export type PageParts = Readonly<Record<string, string>>;

// One marker on a line of its own, with the part's name and any values it takes (`key="value"`,
// written into the part where it says `{{key}}`; `home` defaults to `/`). The part is indented as
// the marker is, so the page reads as if written whole.
const MARKER = /^([ \t]*)<!-- layout: (\w[\w-]*)((?: \w+="[^"]*")*) -->[ \t]*\n/gm;
const VALUE = /(\w+)="([^"]*)"/g;
const PLACEHOLDER = /\{\{(\w+)\}\}/g;

/**
 * Puts the shared parts (the head's common links, the top bar, and blocks two pages show alike)
 * into one page's HTML, so that each page file holds only what is its own.
 * @param page - the page file's text
 * @param parts - the shared parts' text, by name
 * @param file - the page's file name, to name it in an error
 * @returns the whole page, as the browser receives it
 */
export function renderPage(page: string, parts: PageParts, file: string): string {
  return page.replace(MARKER, (_line, indent: string, name: string, attributes: string) => {
    const part = parts[name];
    if (part === undefined) throw new Error(`${file}: no shared page part is named "${name}"`);
    const values = new Map([
      ['home', '/'],
      ...[...attributes.matchAll(VALUE)].map((m) => [m[1], m[2]] as const),
    ]);
    return part
      .replace(PLACEHOLDER, (placeholder, key: string) => {
        const value = values.get(key);
        if (value === undefined) throw new Error(`${file}: the "${name}" part needs ${key}="…"`);
        return value;
      })
      .replace(/^(?=.)/gm, indent);
  });
}

/**
 * Reads every page in `pagesDir` once and puts the shared parts from `layoutDir` into each:
 * the pages are served from memory, so a request never reads a file.
 * @param pagesDir - the folder of page files (`*.html`)
 * @param layoutDir - the folder of shared parts (`head.html`, `topbar.html`, …)
 * @returns each page's full HTML by its file name
 */
export async function loadPages(pagesDir: string, layoutDir: string): Promise<Map<string, string>> {
  const htmlFiles = async (dir: string) => (await readdir(dir)).filter((file) => file.endsWith('.html'));
  const parts: PageParts = Object.fromEntries(
    await Promise.all(
      (await htmlFiles(layoutDir)).map(
        async (file) =>
          [path.basename(file, '.html'), await readFile(path.join(layoutDir, file), 'utf8')] as const,
      ),
    ),
  );
  const pages = new Map<string, string>();
  for (const file of await htmlFiles(pagesDir)) {
    pages.set(file, renderPage(await readFile(path.join(pagesDir, file), 'utf8'), parts, file));
  }
  return pages;
}
