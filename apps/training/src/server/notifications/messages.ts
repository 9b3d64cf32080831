/**
 * Messages as people read them: a subject, a plain-text part and an accessible HTML part in GOV.UK style
 * (one column, Arial, 19px body, underlined links, the force named at the top and in the sign-off). Each
 * message carries the least personal data that does the job: no name, no score, only the module, its date
 * and a link into the app where the rest is behind sign-in.
 */
import type { NoticeKind } from "./rules";

/** What a message is rendered from: one or more notices of one person, and where the app lives. */
export interface MessageInput {
  senderName: string;
  baseUrl: string;
  items: { kind: NoticeKind; details: Record<string, unknown> }[];
  moduleTitle(moduleId: string): string;
}

/** A rendered message. `template` names it in the send log. */
export interface Message {
  template: string;
  subject: string;
  text: string;
  html: string;
}

interface Paragraph {
  text: string;
  link?: { href: string; label: string };
}

const longDate = (date: unknown) =>
  typeof date === "string"
    ? new Intl.DateTimeFormat("en-GB", { day: "numeric", month: "long", year: "numeric", timeZone: "UTC" }).format(
        new Date(`${date.slice(0, 10)}T00:00:00Z`),
      )
    : "";

const counted = (count: number, one: string, many: string) => `${count} ${count === 1 ? one : many}`;
const people = (count: number) => counted(count, "person", "people");
const modules = (count: number) => counted(count, "module", "modules");

const str = (value: unknown) => (typeof value === "string" ? value : "");
const num = (value: unknown) => (typeof value === "number" ? value : 0);

/** One notice as a headline and the paragraphs that explain it. */
export function describeNotice(
  input: Pick<MessageInput, "baseUrl" | "moduleTitle">,
  item: MessageInput["items"][number],
): { subject: string; paragraphs: Paragraph[] } {
  const { details } = item;
  const moduleId = str(details.moduleId);
  const title = moduleId ? input.moduleTitle(moduleId) : "";
  const moduleLink = { href: `${input.baseUrl}/training/${encodeURIComponent(moduleId)}`, label: `Open ${title}` };
  switch (item.kind) {
    case "assigned":
      return {
        subject: `New training: ${title}`,
        paragraphs: [
          { text: `You have been asked to complete ${title} by ${longDate(details.dueDate)}.` },
          { text: "", link: moduleLink },
        ],
      };
    case "due-14":
    case "due-3":
      return {
        subject: `${title} is due on ${longDate(details.dueDate)}`,
        paragraphs: [
          {
            text: `${title} is due in ${item.kind === "due-14" ? 14 : 3} days, on ${longDate(details.dueDate)}. You have not completed it yet.`,
          },
          { text: "", link: moduleLink },
        ],
      };
    case "overdue":
      return {
        subject: `${title} is overdue`,
        paragraphs: [
          { text: `${title} was due on ${longDate(details.dueDate)}. Complete it as soon as you can.` },
          { text: "", link: moduleLink },
        ],
      };
    case "renewal-60":
    case "renewal-14":
      return {
        subject: `Renew ${title} by ${longDate(details.expiresOn)}`,
        paragraphs: [
          {
            text: `Your completion of ${title} expires on ${longDate(details.expiresOn)}. Take the knowledge check again before then to renew it.`,
          },
          { text: "", link: moduleLink },
        ],
      };
    case "expired":
      return {
        subject: `${title} has expired`,
        paragraphs: [
          {
            text: `Your completion of ${title} expired on ${longDate(details.dueDate)}. It is required for your role: complete it again.`,
          },
          { text: "", link: moduleLink },
        ],
      };
    case "content-changed":
      return {
        subject: `${title} has changed: renew by ${longDate(details.renewBy)}`,
        paragraphs: [
          {
            text: `The law or guidance in ${title} has changed since you completed it. Read the changes and take the knowledge check again by ${longDate(details.renewBy)}.`,
          },
          { text: "", link: moduleLink },
        ],
      };
    case "certificate-issued":
      return {
        subject: `Certificate: ${title}`,
        paragraphs: [
          { text: `You have completed ${title}. Your certificate is valid until ${longDate(details.expiresOn)}.` },
          {
            text: "",
            link: {
              href: `${input.baseUrl}/certificates/${encodeURIComponent(str(details.certificateId))}`,
              label: "View your certificate",
            },
          },
        ],
      };
    case "digest": {
      const units = Array.isArray(details.units) ? (details.units as Record<string, unknown>[]) : [];
      const period = details.frequency === "daily" ? "today" : "this week";
      return {
        subject: `Training digest ${period}: ${people(units.reduce((sum, unit) => sum + num(unit.overduePeople), 0))} overdue`,
        paragraphs: [
          { text: `Training in your units ${period}.` },
          ...units.map((unit) => ({
            text: `${str(unit.name)}: ${people(num(unit.overduePeople))} overdue (${modules(num(unit.overdue))}), ${people(num(unit.dueSoonPeople))} due in the next 14 days (${modules(num(unit.dueSoon))}).`,
            link: {
              href: `${input.baseUrl}/trainer?unit=${encodeURIComponent(str(unit.unitId))}&status=overdue`,
              label: `See who is overdue in ${str(unit.name)}`,
            },
          })),
        ],
      };
    }
  }
}

/** The password reset email: the one-time link, how long it works, and what to do if it was not you. */
export function passwordResetMessage(input: {
  senderName: string;
  baseUrl: string;
  link: string;
  minutes: number;
}): Message {
  const paragraphs: Paragraph[] = [
    {
      text: `Use this link to set a new password for the ${input.senderName} stalking response training service. It works once, for ${input.minutes} minutes.`,
    },
    { text: "", link: { href: input.link, label: "Set a new password" } },
    {
      text: "If you did not ask to reset your password, you can ignore this email: your password has not changed.",
    },
  ];
  return layout({
    senderName: input.senderName,
    baseUrl: input.baseUrl,
    template: "password-reset",
    subject: "Reset your password",
    sections: [{ heading: null, paragraphs }],
  });
}

const escapeHtml = (text: string) =>
  text.replace(
    /[&<>"']/g,
    (char) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[char] ?? char,
  );

const BODY = "font-family: Arial, sans-serif; font-size: 19px; line-height: 1.32; color: #0b0c0c;";

/** Renders one person's notices as one message (several notices from one scan become one email, not many). */
export function renderMessage(input: MessageInput): Message {
  const described = input.items.map((item) => describeNotice(input, item));
  const first = described[0];
  if (!first) throw new Error("a message needs at least one notice");
  const single = described.length === 1;
  const subject = single ? first.subject : `${described.length} training reminders`;
  const template = single ? (input.items[0]?.kind ?? "batch") : "batch";
  const sections = single
    ? [{ heading: null, ...first }]
    : described.map((entry) => ({ heading: entry.subject, ...entry }));
  return layout({ senderName: input.senderName, baseUrl: input.baseUrl, template, subject, sections });
}

/** A message's text and HTML parts around its sections: the force's banner, the heading, the footer. */
function layout(input: {
  senderName: string;
  baseUrl: string;
  template: string;
  subject: string;
  sections: { heading: string | null; paragraphs: Paragraph[] }[];
}): Message {
  const { sections, subject, template } = input;
  const footer = `This email was sent by ${input.senderName} from its stalking response training service. Your training and your email settings: ${input.baseUrl}/`;

  const text = [
    input.senderName,
    "",
    ...sections.flatMap((section) => [
      ...(section.heading ? [section.heading, ""] : [subject, ""]),
      ...section.paragraphs.flatMap((paragraph) => [
        ...(paragraph.text ? [paragraph.text, ""] : []),
        ...(paragraph.link ? [`${paragraph.link.label}: ${paragraph.link.href}`, ""] : []),
      ]),
    ]),
    footer,
    "",
  ].join("\n");

  const paragraphHtml = (paragraph: Paragraph) =>
    (paragraph.text ? `<p style="${BODY} margin: 0 0 20px;">${escapeHtml(paragraph.text)}</p>` : "") +
    (paragraph.link
      ? `<p style="${BODY} margin: 0 0 20px;"><a href="${escapeHtml(paragraph.link.href)}" style="color: #1d70b8; text-decoration: underline;">${escapeHtml(paragraph.link.label)}</a></p>`
      : "");
  const html = `<!DOCTYPE html>
<html lang="en">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>${escapeHtml(subject)}</title></head>
<body style="margin: 0; padding: 0; background: #ffffff;">
<div role="banner" style="background: #0b0c0c; padding: 10px 15px;"><p style="font-family: Arial, sans-serif; font-size: 24px; font-weight: 700; color: #ffffff; margin: 0;">${escapeHtml(input.senderName)}</p></div>
<div role="main" style="max-width: 580px; padding: 20px 15px;">
<h1 style="font-family: Arial, sans-serif; font-size: 32px; font-weight: 700; line-height: 1.1; margin: 0 0 20px;">${escapeHtml(subject)}</h1>
${sections
  .map(
    (section) =>
      (section.heading
        ? `<h2 style="font-family: Arial, sans-serif; font-size: 24px; font-weight: 700; margin: 30px 0 15px;">${escapeHtml(section.heading)}</h2>\n`
        : "") + section.paragraphs.map(paragraphHtml).join("\n"),
  )
  .join("\n")}
<p style="${BODY} font-size: 16px; color: #505a5f; border-top: 1px solid #b1b4b6; padding-top: 15px; margin: 30px 0 0;">This email was sent by ${escapeHtml(input.senderName)} from its stalking response training service. <a href="${escapeHtml(`${input.baseUrl}/`)}" style="color: #1d70b8; text-decoration: underline;">Your training and your email settings</a>.</p>
</div>
</body>
</html>
`;
  return { template, subject, text, html };
}
