import type { SsoSettingsRequest } from "../../shared/identity-api";
import { checkUnit } from "../accounts";
import type { Actor } from "../accounts";
import { audit } from "../audit";
import type { Db } from "../db/client";
import type { SsoProviderRow } from "../db/identity";
import { saveScimToken, saveSsoProvider, ssoProviderOf } from "../db/identity";
import { InvalidInput } from "../errors";
import { hashToken, randomToken } from "./session";

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
  actor: Actor,
  settings: SsoSettingsRequest,
  redirectUri: string,
  now: Date,
) {
  for (const [index, mapping] of settings.groupMappings.entries()) {
    await checkUnit(db, actor.forceId, mapping.unitId, `groupMappings.${index}.unitId`);
  }
  const row = await saveSsoProvider(db, actor.forceId, settings, now);
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
