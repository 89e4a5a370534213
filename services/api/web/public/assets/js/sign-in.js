// @ts-check
// Sign-in: the CSRF token comes from GET /api/session, the password goes to POST /api/session,
// and the browser returns to the page it came from (only ever a page of this site).
import { ApiError, loadSession, signIn } from './api.js';
import { asyncHandler, required, requiredAll } from './dom.js';
import { sameSiteNextPage } from './next-page.js';

const form = required('#sign-in', HTMLFormElement);
const [username, password] = requiredAll(HTMLInputElement, ['#username', '#password']);
const error = required('#error', HTMLElement);
const submit = required('#submit', HTMLButtonElement);

/** Where to go after signing in: a page of this site from ?next=, else the worklist. */
function nextPage() {
  return sameSiteNextPage(new URLSearchParams(window.location.search).get('next'), window.location.origin);
}

/** @param {string} message */
function showError(message) {
  error.textContent = message;
  error.removeAttribute('hidden');
}

const session = await loadSession();
if (session.user?.kind === 'session') window.location.replace(nextPage());

form.addEventListener(
  'submit',
  asyncHandler(async (event) => {
    event.preventDefault();
    error.setAttribute('hidden', '');
    if (!username.value.trim() || !password.value) {
      showError('Enter your username and password.');
      (username.value.trim() ? password : username).focus();
      return;
    }
    submit.disabled = true;
    submit.textContent = 'Signing in…';
    try {
      await signIn(username.value.trim(), password.value);
      window.location.assign(nextPage());
    } catch (caught) {
      showError(
        caught instanceof ApiError ? caught.message : 'Sign-in failed. Check the connection and try again.',
      );
      password.value = '';
      password.focus();
      submit.disabled = false;
      submit.textContent = 'Sign in';
    }
  }),
);
