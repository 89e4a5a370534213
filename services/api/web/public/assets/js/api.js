// @ts-check
// The inbox talks to the same JSON API as scripts, with the session cookie. Writes carry the CSRF
// token from GET /api/session; background refreshes say so, so they do not keep a session alive.

/**
 * @typedef {import('./api-types.js').Who} Who
 * @typedef {import('./api-types.js').Session} Session
 */

/** An API answer other than 2xx, with the API's error code and message. */
export class ApiError extends Error {
  /**
   * @param {number} status - HTTP status
   * @param {string} code - the API's error code
   * @param {string} message - a message for people
   * @param {Record<string, unknown>} [body] - the whole answer, for fields beside the message
   */
  constructor(status, code, message, body = {}) {
    super(message);
    this.name = 'ApiError';
    this.status = status;
    this.code = code;
    this.body = body;
  }
}

/** @type {Session | null} */
let current = null;

/**
 * Reads who is signed in and a CSRF token.
 * @returns {Promise<Session>}
 */
export async function loadSession() {
  const response = await fetch('/api/session', { headers: { accept: 'application/json' } });
  /** @type {unknown} */
  const session = await response.json();
  current = /** @type {Session} */ (session);
  return current;
}

/**
 * Signs in and remembers the new session's CSRF token.
 * @param {string} username - as typed
 * @param {string} password - as typed
 * @returns {Promise<Session>}
 */
export async function signIn(username, password) {
  current = /** @type {Session} */ (
    await api('/api/session', { method: 'POST', body: { username, password } })
  );
  return current;
}

/** Signs out and goes to the sign-in page. */
export async function signOut() {
  try {
    await api('/api/session', { method: 'DELETE' });
  } finally {
    window.location.assign('/sign-in');
  }
}

/** Sends the browser to sign in, coming back here afterwards. */
export function goToSignIn() {
  const next = window.location.pathname + window.location.search;
  window.location.assign(`/sign-in?next=${encodeURIComponent(next)}`);
}

/**
 * Calls the API.
 * @param {string} path - path and query
 * @param {{ method?: string, body?: unknown, background?: boolean }} [options] - method, JSON body, and whether this is a background refresh
 * @returns {Promise<unknown>} the JSON answer (null for an empty one)
 */
export async function api(path, options = {}) {
  const method = options.method ?? 'GET';
  /** @type {Record<string, string>} */
  const headers = { accept: 'application/json' };
  if (options.body !== undefined) headers['content-type'] = 'application/json';
  if (method !== 'GET') {
    if (!current) await loadSession();
    headers['x-csrf-token'] = current?.csrfToken ?? '';
  }
  if (options.background) headers['x-adt-background'] = '1';
  const response = await fetch(path, {
    method,
    headers,
    body: options.body === undefined ? undefined : JSON.stringify(options.body),
    credentials: 'same-origin',
  });
  const text = await response.text();
  /** @type {unknown} */
  const json = text ? JSON.parse(text) : null;
  if (response.ok) return json;
  const body = json !== null && typeof json === 'object' ? /** @type {Record<string, unknown>} */ (json) : {};
  const error = new ApiError(
    response.status,
    typeof body.error === 'string' ? body.error : 'error',
    typeof body.message === 'string' ? body.message : response.statusText,
    body,
  );
  if (response.status === 401 && path !== '/api/session') goToSignIn();
  if (response.status === 403 && error.code === 'csrf' && !options.background) {
    // The CSRF secret changed (signed in elsewhere in this browser): fetch a new token, try once more.
    await loadSession();
    if (method !== 'GET') headers['x-csrf-token'] = current?.csrfToken ?? '';
    const retry = await fetch(path, {
      method,
      headers,
      body: options.body === undefined ? undefined : JSON.stringify(options.body),
    });
    const retried = await retry.text();
    if (retry.ok) {
      /** @type {unknown} */
      const retriedJson = retried ? JSON.parse(retried) : null;
      return retriedJson;
    }
  }
  throw error;
}
