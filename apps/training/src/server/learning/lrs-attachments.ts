import { createHash } from "node:crypto";
import { compactVerify, decodeProtectedHeader, importX509 } from "jose";
import type { FieldIssue } from "../errors";
import { canonicalJson } from "./xapi";

/**
 * Statement attachments (Data 2.4.11; Communication 1.5.2; IEEE 9274.1.1 4.1.3) and signed statements (Data 2.6;
 * 9274.1.1 4.2.6). The routes hand over the parts of a multipart/mixed request; here each attachment object of a
 * statement is matched to a part by SHA-2 (and only that way, 1.5.2.s1.b4), the parts' bytes are checked against
 * their declared hash, and a signature attachment's JWS is checked against its statement.
 */

/** The usageType that marks a statement's signature (Data 2.6). */
export const SIGNATURE_USAGE = "http://adlnet.gov/expapi/attachments/signature";
/** The JWS algorithms a signed statement may use (Data 2.6.s4.b4: "RSA + SHA"). */
const SIGNATURE_ALGORITHMS = ["RS256", "RS384", "RS512"];

/** One attachment part of a multipart/mixed statements request, after the statements part. */
export interface AttachmentPart {
  /** `X-Experience-API-Hash` as sent (Communication 1.5.2.s2.b2.b3). */
  hash: string;
  /** The part's Content-Type, if it had one. */
  contentType: string | undefined;
  content: Buffer;
  /** Where it was in the request (`body.part.2`), for messages. */
  field: string;
}

/** Attachment content to keep, once per hash. */
export interface AttachmentContent {
  sha2: string;
  content: Buffer;
}

const HASHES: Record<number, string> = { 64: "sha256", 96: "sha384", 128: "sha512" };

/** The SHA-2 of `content` with the algorithm a hex hash of this length names (224-bit is not accepted). */
function sha2Of(hash: string, content: Buffer): string | undefined {
  const algorithm = HASHES[hash.length];
  return algorithm === undefined ? undefined : createHash(algorithm).update(content).digest("hex");
}

const isRecord = (value: unknown): value is Record<string, unknown> =>
  value !== null && typeof value === "object" && !Array.isArray(value);

const mediaType = (type: string) => type.split(";")[0]?.trim().toLowerCase() ?? "";

/**
 * The statement as compared with a signature's payload: what the LRS sets (authority, stored, version) and the
 * signature attachment itself left out, contextActivities as arrays, ids in lower case, timestamps as instants.
 */
function comparable(statement: Record<string, unknown>, withoutAttachment?: unknown): string {
  const { authority: _a, stored: _s, version: _v, ...rest } = statement;
  const copy: Record<string, unknown> = { ...rest };
  if (typeof copy.id === "string") copy.id = copy.id.toLowerCase();
  if (typeof copy.timestamp === "string" && !Number.isNaN(Date.parse(copy.timestamp))) {
    copy.timestamp = new Date(copy.timestamp).toISOString();
  }
  if (isRecord(copy.context) && isRecord(copy.context.contextActivities)) {
    copy.context = {
      ...copy.context,
      contextActivities: Object.fromEntries(
        Object.entries(copy.context.contextActivities).map(([kind, value]) => [
          kind,
          Array.isArray(value) ? value : [value],
        ]),
      ),
    };
  }
  if (Array.isArray(copy.attachments)) {
    const kept = copy.attachments.filter((attachment) => attachment !== withoutAttachment);
    if (kept.length === 0) delete copy.attachments;
    else copy.attachments = kept;
  }
  return canonicalJson(copy);
}

/**
 * Data 2.6 / 9274.1.1 4.2.6: a signature is a JWS in compact serialisation whose payload is the statement as it
 * was before the signature was added, signed with RS256/384/512; when its header carries an X.509 chain (`x5c`)
 * the signature must verify against the first certificate. Resolves to why it is refused, or `undefined`.
 */
async function signatureProblem(
  statement: Record<string, unknown>,
  attachment: unknown,
  jws: string,
): Promise<string | undefined> {
  let header: ReturnType<typeof decodeProtectedHeader>;
  try {
    header = decodeProtectedHeader(jws);
  } catch {
    return "is not a JWS in compact serialisation (Data 2.6)";
  }
  const parts = jws.split(".");
  if (parts.length !== 3 || parts[2] === "") return "is not a JWS in compact serialisation (Data 2.6)";
  if (typeof header.alg !== "string" || !SIGNATURE_ALGORITHMS.includes(header.alg)) {
    return `uses the algorithm ${String(header.alg)}: a statement is signed with RS256, RS384 or RS512 (Data 2.6)`;
  }
  let payload: unknown;
  try {
    payload = JSON.parse(Buffer.from(parts[1] ?? "", "base64url").toString("utf8"));
  } catch {
    return "has a payload that is not JSON: it must be the statement as signed (Data 2.6)";
  }
  if (!isRecord(payload)) return "has a payload that is not a statement (Data 2.6)";
  const signed = { ...payload };
  // A signer may sign before the statement had an id; the id is then not part of what was signed.
  const received = signed.id === undefined ? { ...statement, id: undefined } : statement;
  if (comparable(signed) !== comparable(received, attachment)) {
    return "was made over a statement that differs from this one (Data 2.6: the payload must be logically equivalent)";
  }
  const chain = header.x5c;
  if (chain !== undefined) {
    const first = Array.isArray(chain) ? chain[0] : undefined;
    if (typeof first !== "string") return "has an x5c header that holds no certificate";
    const pem = `-----BEGIN CERTIFICATE-----\n${first.match(/.{1,64}/g)?.join("\n") ?? ""}\n-----END CERTIFICATE-----`;
    try {
      const key = await importX509(pem, header.alg);
      await compactVerify(jws, key, { algorithms: [header.alg] });
    } catch {
      return "does not verify against the certificate in its x5c header (Data 2.6)";
    }
  }
  return undefined;
}

/**
 * Checks the attachments of validated statements against the parts sent with them (`undefined` for an
 * application/json request) and resolves to the problems found and the content to keep. Every part must carry
 * the SHA-2 of its bytes and belong to an attachment; every attachment without a fileUrl must have a part.
 */
export async function checkAttachments(
  statements: readonly Record<string, unknown>[],
  parts: readonly AttachmentPart[] | undefined,
  at: (index: number) => (field: string) => string,
): Promise<{ issues: FieldIssue[]; contents: AttachmentContent[] }> {
  const issues: FieldIssue[] = [];
  const byHash = new Map<string, AttachmentPart>();
  for (const part of parts ?? []) {
    const hash = part.hash.trim().toLowerCase();
    const actual = /^[0-9a-f]+$/.test(hash) ? sha2Of(hash, part.content) : undefined;
    if (actual === undefined) {
      issues.push({
        field: `${part.field}.header.x-experience-api-hash`,
        reason: "is not a SHA-256, SHA-384 or SHA-512 hash in hex (Communication 1.5.2.s4.b4)",
      });
    } else if (actual !== hash) {
      issues.push({
        field: `${part.field}.header.x-experience-api-hash`,
        reason: "is not the SHA-2 of the part's content: the attachment was damaged or mislabelled",
      });
    } else byHash.set(hash, part);
  }
  const used = new Set<string>();
  for (const [index, statement] of statements.entries()) {
    const attachments = Array.isArray(statement.attachments) ? statement.attachments : [];
    for (const [position, attachment] of attachments.entries()) {
      if (!isRecord(attachment)) continue;
      const field = (name: string) => at(index)(`attachments.${position}.${name}`);
      const sha2 = typeof attachment.sha2 === "string" ? attachment.sha2.toLowerCase() : "";
      const part = byHash.get(sha2);
      const hasFileUrl = typeof attachment.fileUrl === "string";
      if (part) {
        used.add(sha2);
        // Communication 1.5.2.s2.b2.b7: a part's parameters match the attachment object's properties.
        if (attachment.length !== part.content.length) {
          issues.push({
            field: field("length"),
            reason: `is ${String(attachment.length)} but its part holds ${part.content.length} bytes`,
          });
        }
        if (
          part.contentType !== undefined &&
          typeof attachment.contentType === "string" &&
          mediaType(part.contentType) !== mediaType(attachment.contentType)
        ) {
          issues.push({
            field: field("contentType"),
            reason: `is ${attachment.contentType} but its part was sent as ${part.contentType} (Communication 1.5.2.s2.b2.b7)`,
          });
        }
      } else if (!hasFileUrl) {
        issues.push({
          field: field("sha2"),
          reason:
            parts === undefined
              ? "names content that was not sent: an application/json request needs a fileUrl for every attachment; send the content as multipart/mixed (Communication 1.5.2.s2.b1)"
              : "matches no part of the request and the attachment has no fileUrl (Communication 1.5.2.s3.b5)",
        });
      }
      if (attachment.usageType === SIGNATURE_USAGE) {
        if (attachment.contentType !== "application/octet-stream") {
          issues.push({
            field: field("contentType"),
            reason: "must be application/octet-stream for a signature (Data 2.6)",
          });
        } else if (!part) {
          issues.push({
            field: field("sha2"),
            reason: "a signature must be sent as a part, so that it can be verified (Data 2.6)",
          });
        } else {
          const problem = await signatureProblem(statement, attachment, part.content.toString("utf8").trim());
          if (problem !== undefined)
            issues.push({ field: at(index)(`attachments.${position}`), reason: `the signature ${problem}` });
        }
      }
    }
  }
  for (const [hash, part] of byHash) {
    if (!used.has(hash)) {
      issues.push({ field: part.field, reason: "belongs to no attachment of the statements sent with it" });
    }
  }
  return { issues, contents: [...byHash.entries()].map(([sha2, part]) => ({ sha2, content: part.content })) };
}
