import { readFile, readdir } from 'node:fs/promises';
import path from 'node:path';

/** A shared part of every page, named in a page file by a line `<!-- layout: NAME -->`. */
type PartName = 'head' | 'topbar';

const PART_NAMES: readonly PartName[] = ['head', 'topbar'];

// One marker on a line of its own; `home` lets the operations page point its brand link at itself.
// The part is indented as the marker is, so the page reads as if written whole.
const MARKER = /^([ \t]*)<!-- layout: (\w+)(?: home="([^"]+)")? -->[ \t]*\n/gm;

/**
 * Puts the shared parts (the head's common links and the top bar) into one page's HTML, so that
 * each page file holds only what is its own: its title, scripts, skip link and main content.
 * @param page - the page file's text
 * @param parts - the shared parts' text, by name
 * @param file - the page's file name, to name it in an error
 * @returns the whole page, as the browser receives it
 */
export function renderPage(page: string, parts: Readonly<Record<PartName, string>>, file: string): string {
  return page.replace(MARKER, (_line, indent: string, name: string, home: string | undefined) => {
    if (!PART_NAMES.includes(name as PartName)) {
      throw new Error(`${file}: no shared page part is named "${name}"`);
    }
    return parts[name as PartName].replaceAll('{{home}}', home ?? '/').replace(/^(?=.)/gm, indent);
  });
}

/**
 * Reads every page in `pagesDir` once and puts the shared parts from `layoutDir` into each:
 * the pages are served from memory, so a request never reads a file.
 * @param pagesDir - the folder of page files (`*.html`)
 * @param layoutDir - the folder of shared parts (`head.html`, `topbar.html`)
 * @returns each page's full HTML by its file name
 */
export async function loadPages(pagesDir: string, layoutDir: string): Promise<Map<string, string>> {
  const parts = Object.fromEntries(
    await Promise.all(
      PART_NAMES.map(
        async (name) => [name, await readFile(path.join(layoutDir, `${name}.html`), 'utf8')] as const,
      ),
    ),
  ) as Record<PartName, string>;
  const files = (await readdir(pagesDir)).filter((file) => file.endsWith('.html'));
  const pages = new Map<string, string>();
  for (const file of files) {
    pages.set(file, renderPage(await readFile(path.join(pagesDir, file), 'utf8'), parts, file));
  }
  return pages;
}
