import type { SsoSettingsRequest } from "../../shared/identity-api";
import { checkUnit } from "../accounts";
import type { Actor } from "../accounts";
import { audit } from "../audit";
import type { Db } from "../db/client";
import type { SsoProviderRow } from "../db/identity";
import {
  replaceSsoClientSecret,
  saveScimToken,
  saveSsoProvider,
  ssoClientSecrets,
  ssoProviderOf,
} from "../db/identity";
import { InvalidInput } from "../errors";
import type { SecretKey } from "../secret-box";
import { isSealed, open, seal } from "../secret-box";
import { hashToken, randomToken } from "./session";

/** What a force's sealed client secret is bound to: it opens in this column of this force's row only. */
const clientSecretContext = (forceId: string) => `sso_providers.client_secret:${forceId}`;

/**
 * A force's provider settings with the client secret opened, for signing in; `undefined` when it has none.
 * A plain secret stored before secrets were sealed is used as it is and sealed on the way (when the server has
 * a key), as the start-up upgrade would: an instance of an older version may still write one during a deploy.
 * Throws `SecretBoxError` when the stored secret does not open (another key, altered).
 */
export async function ssoProviderForSignIn(
  db: Db,
  key: SecretKey | null,
  forceId: string,
): Promise<SsoProviderRow | undefined> {
  const row = await ssoProviderOf(db, forceId);
  if (!row) return undefined;
  if (isSealed(row.clientSecret))
    return { ...row, clientSecret: open(key, row.clientSecret, clientSecretContext(forceId)) };
  if (key !== null && row.clientSecret !== "") {
    await replaceSsoClientSecret(
      db,
      forceId,
      row.clientSecret,
      seal(key, row.clientSecret, clientSecretContext(forceId)),
    );
  }
  return row;
}

/**
 * Seals every client secret still stored in plain text (from before 0015's change), at start-up. No SQL
 * migration can do it, as the key is the server's, never the database's. Counts what it sealed and what it
 * had to leave plain (no key: production without SECRETS_KEY).
 */
export async function sealPlainSsoSecrets(db: Db, key: SecretKey | null): Promise<{ sealed: number; plain: number }> {
  let sealed = 0;
  let plain = 0;
  for (const row of await ssoClientSecrets(db)) {
    if (isSealed(row.clientSecret) || row.clientSecret === "") continue;
    if (key === null) plain += 1;
    else if (
      await replaceSsoClientSecret(
        db,
        row.forceId,
        row.clientSecret,
        seal(key, row.clientSecret, clientSecretContext(row.forceId)),
      )
    )
      sealed += 1;
  }
  return { sealed, plain };
}

/** A force's provider settings as its admin may see them: everything but the client secret. */
function visibleSettings(row: SsoProviderRow, redirectUri: string) {
  const { clientSecret, forceId: _force, updatedAt: _updated, ...rest } = row;
  return { ...rest, clientSecretSet: clientSecret !== "", redirectUri };
}

/** The admin's force's single sign-on settings, or `null`. */
export async function ssoSettings(db: Db, forceId: string, redirectUri: string) {
  const row = await ssoProviderOf(db, forceId);
  return { settings: row ? visibleSettings(row, redirectUri) : null };
}

/** An admin saves their force's provider settings (audited, the secret never recorded). */
export async function saveSsoSettings(
  db: Db,
  key: SecretKey | null,
  actor: Actor,
  settings: SsoSettingsRequest,
  redirectUri: string,
  now: Date,
) {
  for (const [index, mapping] of settings.groupMappings.entries()) {
    await checkUnit(db, actor.forceId, mapping.unitId, `groupMappings.${index}.unitId`);
  }
  if (settings.clientSecret !== undefined && key === null) {
    // Production without SECRETS_KEY: a secret kept in plain text would be readable by anyone with a backup.
    throw InvalidInput.field(
      "clientSecret",
      "cannot be stored: this server has no SECRETS_KEY to seal it with. Ask whoever runs the server to set SECRETS_KEY (see the README), then enter the secret again.",
    );
  }
  const row = await saveSsoProvider(
    db,
    actor.forceId,
    settings.clientSecret === undefined || key === null
      ? settings
      : { ...settings, clientSecret: seal(key, settings.clientSecret, clientSecretContext(actor.forceId)) },
    now,
  );
  if (!row) throw InvalidInput.field("clientSecret", "is needed the first time single sign-on is set up");
  await audit(db, {
    forceId: actor.forceId,
    actorUserId: actor.id,
    action: "sso.settings",
    details: { secretChanged: settings.clientSecret !== undefined, localPasswords: settings.localPasswords },
  });
  return { settings: visibleSettings(row, redirectUri) };
}

/** An admin creates (or replaces, ending the old one at once) their force's SCIM token; shown this once. */
export async function rotateScimToken(db: Db, actor: Actor, scimBaseUrl: string, now: Date) {
  // The prefix lets secret scanners and people recognise what the token is for.
  const token = `srt_scim_${randomToken()}`;
  await saveScimToken(db, actor.forceId, hashToken(token), actor.id, now);
  await audit(db, { forceId: actor.forceId, actorUserId: actor.id, action: "scim.token" });
  return { token, scimBaseUrl, createdAt: now.toISOString() };
}
