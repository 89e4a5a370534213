import * as openid from 'openid-client';
import type { OidcSettings } from '@adt/config';

/** The identity provider could not be reached (discovery failed): sign-in can be tried again later. */
export class OidcUnavailableError extends Error {
  override readonly name = 'OidcUnavailableError';
  readonly code = 'oidc_unavailable';
}

/** What one sign-in checks the provider's answer against (kept server-side meanwhile). */
export interface OidcChecks {
  state: string;
  nonce: string;
  codeVerifier: string;
}

/** The product as a client of the identity provider (authorization code flow with PKCE). */
export interface OidcClient {
  /** Where to send the browser to sign in, with these checks' state, nonce and PKCE challenge. */
  authorizationUrl(checks: OidcChecks): Promise<URL>;
  /**
   * Exchanges the code of the provider's answer and verifies the ID token (signature, issuer,
   * audience, expiry, nonce; the state and PKCE verifier on the way). The claims are the ID token's,
   * completed from UserInfo when the ID token leaves out the username or groups claim.
   * @param search - the callback's query string, as the provider sent it
   */
  signIn(search: string, checks: OidcChecks): Promise<Record<string, unknown>>;
}

// The provider answers within seconds or the person is better told to try again.
const PROVIDER_TIMEOUT_S = 10;

/**
 * A client of the configured identity provider. Its metadata and keys are discovered at the first
 * sign-in, not at start-up (the API must start while the provider is down), and again after a failed
 * discovery.
 * @param settings - the provider's settings
 */
export function createOidcClient(settings: OidcSettings): OidcClient {
  let discovered: Promise<openid.Configuration> | undefined;
  const configuration = async (): Promise<openid.Configuration> => {
    discovered ??= openid.discovery(
      new URL(settings.issuer),
      settings.clientId,
      { redirect_uris: [settings.redirectUri] },
      settings.clientSecret === null ? openid.None() : openid.ClientSecretBasic(settings.clientSecret),
      {
        timeout: PROVIDER_TIMEOUT_S,
        execute:
          new URL(settings.issuer).protocol === 'http:'
            ? // eslint-disable-next-line @typescript-eslint/no-deprecated -- configuration allows http only for a provider on this machine (development, tests)
              [openid.allowInsecureRequests]
            : [],
      },
    );
    try {
      return await discovered;
    } catch (error) {
      discovered = undefined;
      throw new OidcUnavailableError(`The identity provider did not answer discovery: ${String(error)}`);
    }
  };

  return {
    async authorizationUrl(checks) {
      return openid.buildAuthorizationUrl(await configuration(), {
        redirect_uri: settings.redirectUri,
        scope: settings.scopes.join(' '),
        state: checks.state,
        nonce: checks.nonce,
        code_challenge: await openid.calculatePKCECodeChallenge(checks.codeVerifier),
        code_challenge_method: 'S256',
      });
    },
    async signIn(search, checks) {
      const config = await configuration();
      // The callback URL as registered (behind a proxy, the request's own URL may differ from it).
      const callback = new URL(settings.redirectUri);
      callback.search = search;
      const tokens = await openid.authorizationCodeGrant(config, callback, {
        pkceCodeVerifier: checks.codeVerifier,
        expectedState: checks.state,
        expectedNonce: checks.nonce,
        idTokenExpected: true,
      });
      const idClaims = tokens.claims();
      if (!idClaims) throw new Error('the provider sent no ID token');
      const claims: Record<string, unknown> = { ...idClaims };
      if (claims[settings.usernameClaim] === undefined || claims[settings.groupsClaim] === undefined) {
        const userInfo = await openid.fetchUserInfo(config, tokens.access_token, idClaims.sub);
        for (const [name, value] of Object.entries(userInfo)) claims[name] ??= value;
      }
      return claims;
    },
  };
}
