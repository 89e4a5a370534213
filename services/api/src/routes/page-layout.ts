import { readFile, readdir } from 'node:fs/promises';
import path from 'node:path';

/** The shared parts of the pages (`web/layout/NAME.html`), by name. */
export type PageParts = Readonly<Record<string, string>>;

// One marker on a line of its own, with the part's name and any values it takes (`key="value"`,
// written into the part where it says `{{key}}`). The part is indented as
// the marker is, so the page reads as if written whole.
const MARKER = /^([ \t]*)<!-- layout: (\w[\w-]*)((?: \w+="[^"]*")*) -->[ \t]*\n/gm;
const VALUE = /(\w+)="([^"]*)"/g;
const PLACEHOLDER = /\{\{(\w+)\}\}/g;
// The values a marker or page may leave out: the top bar's home link, and a page's own style sheets.
const DEFAULTS = [
  ['home', '/'],
  ['styles', ''],
] as const;

// A page file that is only its own content opens with `<!-- page key="value" … -->` on its first
// line; it is then put into the shell every such page shares (`page.html`), where that says
// `<!-- content -->`, with the values written into the shell's `{{key}}`s.
const PAGE = /^<!-- page((?: \w+="[^"]*")*) -->\n/;
const CONTENT = /^([ \t]*)<!-- content -->\n/m;
// A part's line that holds `{{key...}}` is written once per item of that value (`a|b|c`; not at all
// when it is empty), as for the column headings of a table or a page's own style sheets.
const EACH = /^.*\{\{(\w+)\.\.\.\}\}.*\n/gm;

const indented = (text: string, indent: string) => text.replace(/^(?=.)/gm, indent);

function fill(part: string, name: string, attributes: string, file: string): string {
  const values = new Map([...DEFAULTS, ...[...attributes.matchAll(VALUE)].map((m) => [m[1], m[2]] as const)]);
  const value = (key: string) => {
    const found = values.get(key);
    if (found === undefined) throw new Error(`${file}: the "${name}" part needs ${key}="…"`);
    return found;
  };
  return part
    .replace(EACH, (line, key: string) =>
      value(key)
        .split('|')
        .filter((item) => item !== '')
        .map((item) => line.replace(`{{${key}...}}`, item))
        .join(''),
    )
    .replace(PLACEHOLDER, (_placeholder, key: string) => value(key));
}

function withParts(page: string, parts: PageParts, file: string): string {
  return page.replace(MARKER, (_line, indent: string, name: string, attributes: string) => {
    const part = parts[name];
    if (part === undefined) throw new Error(`${file}: no shared page part is named "${name}"`);
    return indented(fill(part, name, attributes, file), indent);
  });
}

/**
 * Puts the shared parts (the page shell, the head's common links, the top bar, and blocks two
 * pages show alike) into one page's HTML, so that each page file holds only what is its own.
 * @param page - the page file's text
 * @param parts - the shared parts' text, by name
 * @param file - the page's file name, to name it in an error
 * @returns the whole page, as the browser receives it
 */
export function renderPage(page: string, parts: PageParts, file: string): string {
  const directive = PAGE.exec(page);
  if (directive === null) return withParts(page, parts, file);
  const shell = parts.page;
  if (shell === undefined) throw new Error(`${file}: no shared page part is named "page"`);
  const framed = withParts(fill(shell, 'page', directive[1] ?? '', file), parts, file);
  if (!CONTENT.test(framed)) throw new Error('the "page" part has no <!-- content --> line');
  const content = withParts(page.slice(directive[0].length), parts, file);
  return framed.replace(CONTENT, (_line, indent: string) => indented(content, indent));
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
