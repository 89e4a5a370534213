import type { Bundle, BundleEntry, BundleLink, Resource } from '@medplum/fhirtypes';
import type { FhirPage, FhirQuery } from './fhir-search-params.js';

/**
 * The URL of a search page: the caller's parameters in their order, then `_count` and `_offset`.
 * @param base - the server's base, `https://host/fhir/R4`
 * @param type - the resource type searched
 */
export function searchPageUrl(base: string, type: string, query: FhirQuery, page: FhirPage): string {
  const params = new URLSearchParams();
  for (const [name, value] of Object.entries(query)) {
    if (value === undefined || name === '_count' || name === '_offset') continue;
    for (const v of typeof value === 'string' ? [value] : value) params.append(name, v);
  }
  params.append('_count', String(page.count));
  params.append('_offset', String(page.offset));
  return `${base}/${type}?${params.toString()}`;
}

function entry(base: string, resource: Resource, mode: 'match' | 'include'): BundleEntry {
  return { fullUrl: `${base}/${resource.resourceType}/${resource.id ?? ''}`, resource, search: { mode } };
}

/**
 * A `searchset` Bundle: the page of matches, how many match in all, and links to this page, the
 * first, the previous and the next page (offset paging, the next link absent on the last page).
 * @param search - the server base, resource type, the query string and the page answered
 * @param total - how many resources match
 * @param resources - this page's resources
 * @param included - resources `_revinclude` added (not counted in `total`)
 */
export function searchsetBundle(
  search: { base: string; type: string; query: FhirQuery; page: FhirPage },
  total: number,
  resources: readonly Resource[],
  included: readonly Resource[] = [],
): Bundle {
  const { base, type, query, page } = search;
  const url = (offset: number) => searchPageUrl(base, type, query, { count: page.count, offset });
  const link: BundleLink[] = [
    { relation: 'self', url: url(page.offset) },
    { relation: 'first', url: url(0) },
  ];
  if (page.offset > 0) link.push({ relation: 'previous', url: url(Math.max(0, page.offset - page.count)) });
  if (page.count > 0 && page.offset + page.count < total) {
    link.push({ relation: 'next', url: url(page.offset + page.count) });
  }
  return {
    resourceType: 'Bundle',
    type: 'searchset',
    total,
    link,
    ...(resources.length + included.length > 0
      ? {
          entry: [
            ...resources.map((resource) => entry(base, resource, 'match')),
            ...included.map((resource) => entry(base, resource, 'include')),
          ],
        }
      : {}),
  };
}
