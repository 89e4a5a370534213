// @ts-check
// Where the sign-in page sends the browser afterwards. Kept apart from the page so it is tested.

/**
 * The page to open after signing in: `next` when it resolves to a page of this site, else the
 * worklist. `next` is resolved exactly as the browser will resolve it (which drops tabs and line
 * breaks and reads `\` as `/`, so `/<TAB>/evil.example` is `//evil.example`, another site), and
 * only a same-origin result is kept.
 * @param {string | null} next - the `next` query parameter, decoded
 * @param {string} origin - this page's origin (`location.origin`)
 * @returns {string} a path of this site, with its query and fragment
 */
export function sameSiteNextPage(next, origin) {
  if (!next) return '/';
  let url;
  try {
    url = new URL(next, origin);
  } catch {
    return '/';
  }
  if (url.origin !== origin) return '/';
  return `${url.pathname}${url.search}${url.hash}`;
}
