import { generateKeyPairSync } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import Provider from 'oidc-provider';

/** A person at the test identity provider: their claims. */
export interface TestOidcAccount {
  email: string;
  name: string;
  groups: string[];
  emailVerified?: boolean;
}

/** An OpenID Connect provider on a port of its own, for one test file. */
export interface TestOidcProvider {
  issuer: string;
  clientId: string;
  clientSecret: string;
  /** The people who can sign in, by subject (`sub`); a test may change their groups. */
  accounts: Map<string, TestOidcAccount>;
  /**
   * Follows the browser's trip from the product's authorization URL through the provider, where
   * the person `subject` signs in, to the redirect back: that URL (the product's callback with the
   * code and state). The provider's own cookies are kept across the trip, as a browser would.
   */
  signIn(authorizationUrl: string, subject: string): Promise<URL>;
  stop(): Promise<void>;
}

const MAX_REDIRECTS = 10;

/**
 * Starts `oidc-provider` on 127.0.0.1, port 0, with one confidential client (client_secret_basic,
 * authorization code with PKCE) and a `groups` scope and claim. Its sign-in page is replaced by
 * one that signs in whoever {@link TestOidcProvider.signIn} names and grants what was asked.
 * @param options - the client's redirect URI
 */
export async function startOidcTestProvider(options: { redirectUri: string }): Promise<TestOidcProvider> {
  const accounts = new Map<string, TestOidcAccount>();
  const clientId = 'adt-inbox';
  const clientSecret = 'a-test-client-secret-of-enough-length';
  let signingIn: string | undefined;
  const server: Server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const issuer = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  const signingKey = generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey.export({ format: 'jwk' });
  const provider = new Provider(issuer, {
    jwks: { keys: [{ ...signingKey, kid: 'test', use: 'sig', alg: 'RS256' }] },
    ttl: {
      AccessToken: 600,
      AuthorizationCode: 60,
      Grant: 600,
      IdToken: 600,
      Interaction: 600,
      Session: 600,
    },
    clients: [
      {
        client_id: clientId,
        client_secret: clientSecret,
        redirect_uris: [options.redirectUri],
        grant_types: ['authorization_code'],
        response_types: ['code'],
        token_endpoint_auth_method: 'client_secret_basic',
      },
    ],
    cookies: { keys: ['a-test-cookie-key'] },
    pkce: { required: () => true },
    scopes: ['openid', 'email', 'profile', 'groups'],
    claims: {
      openid: ['sub'],
      email: ['email', 'email_verified'],
      profile: ['name'],
      groups: ['groups'],
    },
    interactions: { url: (_ctx, interaction) => `/interaction/${interaction.uid}` },
    features: { devInteractions: { enabled: false } },
    findAccount: (_ctx, sub) => {
      const account = accounts.get(sub);
      if (!account) return undefined;
      return {
        accountId: sub,
        claims: () => ({
          sub,
          email: account.email,
          email_verified: account.emailVerified ?? true,
          name: account.name,
          groups: account.groups,
        }),
      };
    },
  });

  server.on('request', (request: IncomingMessage, response: ServerResponse) => {
    if (!request.url?.startsWith('/interaction/')) {
      void provider.callback()(request, response);
      return;
    }
    void (async () => {
      const interaction = await provider.interactionDetails(request, response);
      if (!signingIn) throw new Error('nobody is signing in');
      const grant = new provider.Grant({ accountId: signingIn, clientId });
      grant.addOIDCScope(String(interaction.params['scope']));
      await provider.interactionFinished(
        request,
        response,
        { login: { accountId: signingIn }, consent: { grantId: await grant.save() } },
        { mergeWithLastSubmission: false },
      );
    })().catch((error: unknown) => {
      response.statusCode = 500;
      response.end(String(error));
    });
  });

  const jar = new Map<string, string>();
  return {
    issuer,
    clientId,
    clientSecret,
    accounts,
    async signIn(authorizationUrl, subject) {
      signingIn = subject;
      // A browser of its own each time: no provider session carries one person into the next.
      jar.clear();
      let url = new URL(authorizationUrl);
      for (let hop = 0; hop < MAX_REDIRECTS; hop += 1) {
        if (url.href.startsWith(options.redirectUri)) return url;
        const cookie = [...jar].map(([name, value]) => `${name}=${value}`).join('; ');
        const answer = await fetch(url, { redirect: 'manual', headers: cookie ? { cookie } : {} });
        for (const set of answer.headers.getSetCookie()) {
          const [pair = ''] = set.split(';');
          const at = pair.indexOf('=');
          const value = pair.slice(at + 1);
          if (value) jar.set(pair.slice(0, at), value);
          else jar.delete(pair.slice(0, at));
        }
        const location = answer.headers.get('location');
        if (!location) throw new Error(`the provider answered ${answer.status}: ${await answer.text()}`);
        url = new URL(location, url);
      }
      throw new Error('too many redirects at the provider');
    },
    stop: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((error) => {
          if (error) reject(error);
          else resolve();
        });
      }),
  };
}
