/**
 * Where email goes: SMTP (nodemailer) or GOV.UK Notify (its official client), behind one interface chosen
 * per force. A channel either hands the message on (returning the provider's reference) or throws a
 * {@link DeliveryFailure} that says whether trying again could help.
 */
import nodemailer from "nodemailer";
import { NotifyClient } from "notifications-node-client";
import type { Message } from "./messages";

/** One email to one address. `reference` is our id for it (Notify keeps it; SMTP sends it as Message-ID). */
export interface Outgoing {
  to: string;
  message: Message;
  reference: string;
}

export interface Channel {
  kind: "smtp" | "notify";
  send(outgoing: Outgoing): Promise<{ providerReference: string | null }>;
  close(): void;
}

/**
 * A send that did not go. `permanent`: the address or the message was refused (an SMTP 5xx, a Notify 400),
 * so it is recorded against the person and not retried; otherwise the channel was down and it is retried.
 * `reason` never holds the address or the body.
 */
export class DeliveryFailure extends Error {
  constructor(
    readonly permanent: boolean,
    readonly reason: string,
  ) {
    super(reason);
  }
}

/** A force's channel settings as the sender needs them (secrets included; never logged). */
export interface ChannelSettings {
  kind: "smtp" | "notify";
  senderName: string;
  fromAddress: string | null;
  smtpUrl: string | null;
  notifyApiKey: string | null;
  notifyTemplateId: string | null;
}

/** Where the Notify client points; tests point it at a local server. */
export const NOTIFY_BASE_URL = "https://api.notifications.service.gov.uk";

export function smtpChannel(settings: { smtpUrl: string; fromAddress: string; senderName: string }): Channel {
  const transport = nodemailer.createTransport(settings.smtpUrl);
  return {
    kind: "smtp",
    async send({ to, message, reference }) {
      try {
        const info = await transport.sendMail({
          from: { name: settings.senderName, address: settings.fromAddress },
          to,
          subject: message.subject,
          text: message.text,
          html: message.html,
          messageId: `<${reference}@training.stalking-response.invalid>`,
        });
        return { providerReference: info.messageId };
      } catch (error) {
        const code = (error as { responseCode?: number }).responseCode;
        // nodemailer's errors quote the server's reply, which may name the address: keep only the code.
        const permanent = typeof code === "number" && code >= 500;
        throw new DeliveryFailure(
          permanent,
          code ? `SMTP ${code}` : `SMTP ${(error as { code?: string }).code ?? "error"}`,
        );
      }
    },
    close: () => transport.close(),
  };
}

/**
 * GOV.UK Notify: one email template in the force's Notify service with `((subject))` and `((body))`
 * placeholders; Notify renders the body (plain text with links) in its own GOV.UK email style.
 */
export function notifyChannel(settings: { apiKey: string; templateId: string; baseUrl: string }): Channel {
  const client = new NotifyClient(settings.baseUrl, settings.apiKey);
  return {
    kind: "notify",
    async send({ to, message, reference }) {
      try {
        const response = await client.sendEmail(settings.templateId, to, {
          personalisation: { subject: message.subject, body: message.text },
          reference,
        });
        return { providerReference: (response.data as { id?: string }).id ?? null };
      } catch (error) {
        const status = (error as { response?: { status?: number } }).response?.status;
        // 400 is a refused message or address (Notify's ValidationError / BadRequestError); 403 a bad key,
        // 429 a rate limit and 5xx an outage, which a later try may get past.
        const permanent = status === 400;
        throw new DeliveryFailure(permanent, status ? `Notify HTTP ${status}` : "Notify unreachable");
      }
    },
    close: () => undefined,
  };
}

/** The channel a force's settings describe. */
export function channelFor(settings: ChannelSettings, notifyBaseUrl: string): Channel {
  if (settings.kind === "smtp" && settings.smtpUrl && settings.fromAddress) {
    return smtpChannel({
      smtpUrl: settings.smtpUrl,
      fromAddress: settings.fromAddress,
      senderName: settings.senderName,
    });
  }
  if (settings.kind === "notify" && settings.notifyApiKey && settings.notifyTemplateId) {
    return notifyChannel({
      apiKey: settings.notifyApiKey,
      templateId: settings.notifyTemplateId,
      baseUrl: notifyBaseUrl,
    });
  }
  throw new DeliveryFailure(false, `the ${settings.kind} channel is not fully configured`);
}
