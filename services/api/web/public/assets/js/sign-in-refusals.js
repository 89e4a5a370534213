// @ts-check
// What the sign-in page says when a sign-in through the identity provider was refused. The callback
// sends only a reason code (?error=), never text, so nothing another site writes is shown.

/** @type {Readonly<Record<string, string>>} */
const REFUSALS = {
  expired:
    'The sign-in took too long or was already used. Start again with the button below (within 10 minutes).',
  provider_error: 'The identity provider did not sign you in. Try again, or ask your administrator.',
  failed: 'The answer from the identity provider could not be verified. Try again.',
  unavailable: 'The identity provider cannot be reached right now. Try again in a few minutes.',
  no_role:
    'Your account at the identity provider is in no group that gives access to the follow-up inbox. Ask your administrator to add you to one.',
  no_team:
    'Your account at the identity provider is in no group that gives a team. Ask your administrator to add you to your team’s group.',
  unknown_user: 'There is no follow-up inbox account for you. Ask your administrator to create one.',
  unknown_team:
    'A team your groups give is not set up in the follow-up inbox yet. Ask your administrator to add it.',
  username_taken:
    'Your username is already linked to another person at the identity provider. Ask your administrator.',
  disabled: 'Your follow-up inbox account is disabled. Ask your administrator.',
  no_username: 'The identity provider did not say who you are (no username). Ask your administrator.',
  bad_username:
    'The username the identity provider gave cannot be used here (letters, digits and . _ @ - only). Ask your administrator.',
  unverified_email:
    'The identity provider has not verified your email address. Verify it there, then try again.',
};

/**
 * The message for a refused sign-in through the identity provider, or null when there is none.
 * @param {string | null} code - the `error` query parameter
 * @returns {string | null}
 */
export function signInRefusal(code) {
  if (!code) return null;
  return Object.hasOwn(REFUSALS, code)
    ? (REFUSALS[code] ?? null)
    : 'Signing in through the identity provider failed. Try again, or ask your administrator.';
}
