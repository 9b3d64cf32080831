import { CSRF_HEADER, SessionResponseSchema } from "../../src/shared/api";

/** A minimal browser: a cookie jar, the CSRF token, and fetch against the real server. */
export class TestClient {
  private cookies = new Map<string, string>();
  csrfToken: string | null = null;

  constructor(readonly base: string) {}

  /** The raw value of a cookie the server set. */
  cookie(name: string): string | undefined {
    return this.cookies.get(name);
  }

  /** Forgets one cookie (as a browser does when it expires). */
  dropCookie(name: string): void {
    this.cookies.delete(name);
  }

  /** Sends a request with the jar's cookies; JSON bodies are serialised; CSRF header added unless told not to. */
  async request(
    method: string,
    path: string,
    options: {
      json?: unknown;
      body?: string;
      headers?: Record<string, string>;
      csrf?: boolean;
      /** `manual` to see a redirect rather than follow it. */
      redirect?: RequestRedirect;
    } = {},
  ): Promise<Response> {
    const headers: Record<string, string> = { ...options.headers };
    if (this.cookies.size > 0) headers.cookie = [...this.cookies].map(([key, value]) => `${key}=${value}`).join("; ");
    if (options.json !== undefined) headers["content-type"] = "application/json";
    if (options.csrf !== false && this.csrfToken && method !== "GET") headers[CSRF_HEADER] = this.csrfToken;
    const response = await fetch(`${this.base}${path}`, {
      method,
      headers,
      ...(options.redirect ? { redirect: options.redirect } : {}),
      ...(options.json !== undefined
        ? { body: JSON.stringify(options.json) }
        : options.body !== undefined
          ? { body: options.body }
          : {}),
    });
    for (const line of response.headers.getSetCookie()) {
      const [pair = "", ...attributes] = line.split(";");
      const [name = "", value = ""] = pair.split("=");
      const expired = attributes.some(
        (attribute) => /^\s*expires=Thu, 01 Jan 1970/i.test(attribute) || /^\s*max-age=0\b/i.test(attribute),
      );
      if (expired || value === "") this.cookies.delete(name.trim());
      else this.cookies.set(name.trim(), value);
    }
    return response;
  }

  get = (path: string) => this.request("GET", path);
  post = (path: string, json: unknown) => this.request("POST", path, { json });
  put = (path: string, json: unknown) => this.request("PUT", path, { json });
  delete = (path: string) => this.request("DELETE", path);

  /** GET /api/session and keep its CSRF token. */
  async refreshSession() {
    const response = await this.get("/api/session");
    const session = SessionResponseSchema.parse(await response.json());
    this.csrfToken = session.csrfToken;
    return session;
  }

  /** Signs in through the API as a browser would; throws unless it succeeds. */
  async signIn(identifier: string, password: string) {
    await this.refreshSession();
    const response = await this.post("/api/session", { identifier, password });
    if (response.status !== 200) throw new Error(`sign-in failed: ${response.status} ${await response.text()}`);
    const session = SessionResponseSchema.parse(await response.json());
    this.csrfToken = session.csrfToken;
    return session;
  }
}
