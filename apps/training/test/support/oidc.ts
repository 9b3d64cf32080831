import { randomUUID } from "node:crypto";
import { createServer } from "node:http";
import type { IncomingMessage, Server, ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { SignJWT, exportJWK, generateKeyPair } from "jose";
import type { JWK } from "jose";
import Provider from "oidc-provider";

/**
 * OpenID Providers on loopback for tests: the certified `oidc-provider` package (its own login and consent
 * pages, a registered client, a `groups` claim), and a tiny provider built with `jose` that signs
 * deliberately bad ID tokens for the cases oidc-provider will not produce (a wrong audience, an expired
 * token, a foreign key, an altered token).
 */

/** Claims of a person the test provider knows, by the login they type on its sign-in page. */
export type People = Record<string, Record<string, unknown>>;

async function listen(server: Server): Promise<string> {
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

async function signingKey(kid: string): Promise<{ privateJwk: JWK; publicJwk: JWK; privateKey: CryptoKey }> {
  const { privateKey, publicKey } = await generateKeyPair("RS256", { extractable: true });
  return {
    privateKey,
    privateJwk: { ...(await exportJWK(privateKey)), kid, alg: "RS256", use: "sig" },
    publicJwk: { ...(await exportJWK(publicKey)), kid, alg: "RS256", use: "sig" },
  };
}

/** A running oidc-provider with one client. */
export interface LoopbackProvider {
  issuer: string;
  clientId: string;
  clientSecret: string;
  /** Replaces the signing key (the old one stays published for verification, as a real rotation does). */
  rotateKeys(): Promise<void>;
  close(): Promise<void>;
}

/** Starts oidc-provider on loopback, with a confidential client for `redirectUri` and these people. */
export async function startOidcProvider(options: { redirectUri: string; people: People }): Promise<LoopbackProvider> {
  let handler: (request: IncomingMessage, response: ServerResponse) => void = (_request, response) => {
    response.statusCode = 503;
    response.end();
  };
  const server = createServer((request, response) => handler(request, response));
  const issuer = await listen(server);
  const clientId = `training-${randomUUID()}`;
  const clientSecret = `secret-${randomUUID()}`;
  const keys: JWK[] = [];

  const build = () => {
    const provider = new Provider(issuer, {
      clients: [
        {
          client_id: clientId,
          client_secret: clientSecret,
          redirect_uris: [options.redirectUri],
          grant_types: ["authorization_code"],
          response_types: ["code"],
          token_endpoint_auth_method: "client_secret_post",
        },
      ],
      findAccount(_context, id) {
        const claims = options.people[id];
        if (!claims) return undefined;
        return { accountId: id, claims: () => ({ sub: id, ...claims }) };
      },
      // Like Entra ID: the groups and the employee id come in the ID token itself.
      claims: {
        openid: ["sub", "groups", "employee_id"],
        email: ["email"],
        profile: ["name", "preferred_username"],
      },
      conformIdTokenClaims: false,
      jwks: { keys: [...keys] },
      cookies: { keys: [randomUUID()] },
      pkce: { required: () => true },
      features: { devInteractions: { enabled: true } },
    });
    // Quiet: the provider reports the test's deliberate failures as server errors.
    provider.on("server_error", () => undefined);
    const callback = provider.callback();
    handler = (request, response) => void callback(request, response);
  };
  keys.push((await signingKey(`key-${randomUUID()}`)).privateJwk);
  build();

  return {
    issuer,
    clientId,
    clientSecret,
    async rotateKeys() {
      keys.unshift((await signingKey(`key-${randomUUID()}`)).privateJwk); // the first key signs
      build();
    },
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

/** What the bad provider does wrong in its next ID token. */
export type BadTokenMode = "good" | "wrong-audience" | "expired" | "foreign-key" | "altered";

/** A running provider that signs ID tokens with a chosen defect. */
export interface BadProvider {
  issuer: string;
  clientId: string;
  clientSecret: string;
  mode: BadTokenMode;
  close(): Promise<void>;
}

/**
 * A minimal OpenID Provider (discovery, JWKS, an authorization endpoint that signs the person straight in,
 * a token endpoint) whose ID tokens are correct except for the defect `mode` names.
 */
export async function startBadProvider(claims: Record<string, unknown>): Promise<BadProvider> {
  const published = await signingKey("published");
  const foreign = await signingKey("published"); // same kid, a key the provider never published
  const nonces = new Map<string, string>();
  const state: BadProvider = {
    issuer: "",
    clientId: "bad-client",
    clientSecret: "bad-secret",
    mode: "good",
    close: () => Promise.resolve(),
  };
  const server = createServer((request, response) => {
    const url = new URL(request.url ?? "/", state.issuer);
    const json = (body: unknown) => {
      response.setHeader("content-type", "application/json");
      response.end(JSON.stringify(body));
    };
    if (url.pathname === "/.well-known/openid-configuration") {
      return json({
        issuer: state.issuer,
        authorization_endpoint: `${state.issuer}/authorize`,
        token_endpoint: `${state.issuer}/token`,
        jwks_uri: `${state.issuer}/jwks`,
        response_types_supported: ["code"],
        subject_types_supported: ["public"],
        id_token_signing_alg_values_supported: ["RS256"],
        code_challenge_methods_supported: ["S256"],
      });
    }
    if (url.pathname === "/jwks") return json({ keys: [published.publicJwk] });
    if (url.pathname === "/authorize") {
      const code = randomUUID();
      nonces.set(code, url.searchParams.get("nonce") ?? "");
      const back = new URL(url.searchParams.get("redirect_uri") ?? "");
      back.searchParams.set("code", code);
      back.searchParams.set("state", url.searchParams.get("state") ?? "");
      response.statusCode = 303;
      response.setHeader("location", back.href);
      return response.end();
    }
    if (url.pathname === "/token" && request.method === "POST") {
      let body = "";
      request.on("data", (chunk: Buffer) => (body += chunk.toString()));
      request.on("end", () => {
        const code = new URLSearchParams(body).get("code") ?? "";
        void idToken(nonces.get(code) ?? "").then((token) =>
          json({ access_token: randomUUID(), token_type: "Bearer", expires_in: 300, id_token: token }),
        );
      });
      return undefined;
    }
    response.statusCode = 404;
    return response.end();
  });

  async function idToken(nonce: string): Promise<string> {
    const now = Math.floor(Date.now() / 1000);
    const expired = state.mode === "expired";
    const token = await new SignJWT({ ...claims, nonce })
      .setProtectedHeader({ alg: "RS256", kid: "published" })
      .setIssuer(state.issuer)
      .setSubject(String(claims.sub))
      .setAudience(state.mode === "wrong-audience" ? "someone-elses-client" : state.clientId)
      .setIssuedAt(expired ? now - 7200 : now)
      .setExpirationTime(expired ? now - 3600 : now + 300)
      .sign(state.mode === "foreign-key" ? foreign.privateKey : published.privateKey);
    if (state.mode !== "altered") return token;
    // Someone changes the groups in transit: the signature no longer matches the payload.
    const [header, payload, signature] = token.split(".");
    const original = JSON.parse(Buffer.from(payload ?? "", "base64url").toString()) as Record<string, unknown>;
    const changed = { ...original, groups: ["g-admins"] };
    return `${header}.${Buffer.from(JSON.stringify(changed)).toString("base64url")}.${signature}`;
  }

  state.issuer = await listen(server);
  state.close = () => new Promise((resolve) => server.close(() => resolve()));
  return state;
}

/** A cookie jar for one site, as a browser keeps it (names and values only). */
export class CookieJar {
  private readonly cookies = new Map<string, string>();

  header(): string {
    return [...this.cookies].map(([name, value]) => `${name}=${value}`).join("; ");
  }

  get(name: string): string | undefined {
    return this.cookies.get(name);
  }

  take(response: Response): void {
    for (const line of response.headers.getSetCookie()) {
      const [pair = ""] = line.split(";");
      const at = pair.indexOf("=");
      const name = pair.slice(0, at).trim();
      const value = pair.slice(at + 1).trim();
      if (value === "" || /max-age=0|expires=Thu, 01 Jan 1970/i.test(line)) this.cookies.delete(name);
      else this.cookies.set(name, value);
    }
  }
}

/** GET or POST without following redirects, with a jar's cookies. */
export async function send(jar: CookieJar, url: string, form?: Record<string, string>): Promise<Response> {
  const response = await fetch(url, {
    method: form ? "POST" : "GET",
    redirect: "manual",
    headers: {
      cookie: jar.header(),
      ...(form ? { "content-type": "application/x-www-form-urlencoded" } : {}),
    },
    ...(form ? { body: new URLSearchParams(form).toString() } : {}),
  });
  jar.take(response);
  return response;
}

/**
 * Begins a force's single sign-on in the app and goes through the provider's pages as a person would (typing
 * `login` on its sign-in page and agreeing on its consent page), stopping at the URL the provider sends the
 * browser back to. Returns that callback URL; the app's jar holds the flow cookie.
 */
export async function throughProvider(
  appBase: string,
  appJar: CookieJar,
  forceId: string,
  login: string,
  next?: string,
) {
  const providerJar = new CookieJar();
  const query = next === undefined ? "" : `?${new URLSearchParams({ next }).toString()}`;
  let response = await send(appJar, `${appBase}/api/sso/${forceId}/start${query}`);
  if (response.status !== 303) throw new Error(`start answered ${response.status}: ${await response.text()}`);
  let location = response.headers.get("location") ?? "";
  for (let step = 0; step < 12; step += 1) {
    if (location.startsWith(`${appBase}/api/sso/callback`)) return location;
    response = await send(providerJar, location);
    if (response.status >= 300 && response.status < 400) {
      location = new URL(response.headers.get("location") ?? "", location).href;
      continue;
    }
    const page = await response.text();
    const action = /<form[^>]*action="([^"]+)"/.exec(page)?.[1];
    if (!action) throw new Error(`provider page without a form (${response.status}): ${page.slice(0, 300)}`);
    const prompt = /name="prompt" value="(\w+)"/.exec(page)?.[1] ?? "";
    const form: Record<string, string> = prompt === "login" ? { prompt, login, password: "any" } : { prompt };
    response = await send(providerJar, new URL(action.replace(/&amp;/g, "&"), location).href, form);
    location = new URL(response.headers.get("location") ?? "", location).href;
  }
  throw new Error("the provider never sent the browser back");
}
