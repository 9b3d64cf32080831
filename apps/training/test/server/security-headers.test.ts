import { describe, expect, it } from "vitest";
import { securityHeaders } from "../../src/server/http/security-headers";

describe("security headers worked out once", () => {
  it("gives helmet's headers, with HSTS and upgrade-insecure-requests only when served over HTTPS", () => {
    const directives = { "script-src": ["'self'"], "upgrade-insecure-requests": null };
    const plain = securityHeaders({
      contentSecurityPolicy: { useDefaults: true, directives },
      strictTransportSecurity: false,
    });
    expect(plain["content-security-policy"]).toMatch(/script-src 'self'/);
    expect(plain["content-security-policy"]).not.toMatch(/upgrade-insecure-requests/);
    expect(plain["strict-transport-security"]).toBeUndefined();
    expect(plain["x-content-type-options"]).toBe("nosniff");
    expect(plain["x-powered-by"]).toBeUndefined();

    const secure = securityHeaders({
      contentSecurityPolicy: { useDefaults: true, directives: { ...directives, "upgrade-insecure-requests": [] } },
      strictTransportSecurity: true,
    });
    expect(secure["content-security-policy"]).toMatch(/upgrade-insecure-requests/);
    expect(secure["strict-transport-security"]).toMatch(/max-age=\d+/);
  });

  it("refuses options helmet rejects instead of sending no headers", () => {
    expect(() =>
      securityHeaders({ contentSecurityPolicy: { useDefaults: false, directives: { "script-src": ["'self'"] } } }),
    ).toThrow(/default-src/);
  });
});
