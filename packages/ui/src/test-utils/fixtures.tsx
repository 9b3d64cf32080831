import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import type { ReactNode } from "react";

/** One example from govuk-frontend's `fixtures.json`: the Nunjucks macro options and the HTML they render. */
export interface GovukFixture {
  name: string;
  options: Record<string, unknown>;
  html: string;
}

const govukRoot = dirname(createRequire(import.meta.url).resolve("govuk-frontend/package.json"));

/** Reads the fixtures govuk-frontend ships for one component. */
export function loadFixtures(component: string): GovukFixture[] {
  const file = join(govukRoot, "dist/govuk/components", component, "fixtures.json");
  return (JSON.parse(readFileSync(file, "utf8")) as { fixtures: GovukFixture[] }).fixtures;
}

/**
 * Typed reads over the untyped macro options, so a mapper fails loudly on a shape it does not
 * expect instead of passing `undefined` along.
 */
export class Options {
  constructor(readonly raw: Record<string, unknown>) {}

  has(key: string): boolean {
    return this.raw[key] !== undefined && this.raw[key] !== null;
  }

  str(key: string): string | undefined {
    const value = this.raw[key];
    if (value === undefined || value === null) return undefined;
    if (typeof value === "string" || typeof value === "number") return String(value);
    throw new TypeError(`option ${key} is not a string: ${JSON.stringify(value)}`);
  }

  bool(key: string): boolean | undefined {
    const value = this.raw[key];
    if (value === undefined || value === null) return undefined;
    if (typeof value === "boolean") return value;
    throw new TypeError(`option ${key} is not a boolean: ${JSON.stringify(value)}`);
  }

  obj(key: string): Options | undefined {
    const value = this.raw[key];
    if (value === undefined || value === null || value === false) return undefined;
    if (typeof value === "object" && !Array.isArray(value)) return new Options(value as Record<string, unknown>);
    throw new TypeError(`option ${key} is not an object: ${JSON.stringify(value)}`);
  }

  /** Lists drop falsy entries, as the Nunjucks macros do. */
  list(key: string): Options[] {
    const value = this.raw[key];
    if (value === undefined || value === null) return [];
    if (!Array.isArray(value)) throw new TypeError(`option ${key} is not a list`);
    return (value as unknown[]).filter(Boolean).map((item) => new Options(item as Record<string, unknown>));
  }

  /** `html` wins over `text`, as in the macros; `undefined` when neither is set. */
  content(): ReactNode {
    const html = this.str("html");
    if (html !== undefined) return <raw-html dangerouslySetInnerHTML={{ __html: html }} />;
    return this.str("text");
  }

  /** The macro's `attributes` as props (values stringified, as Nunjucks prints them). */
  attributes(): Record<string, string> {
    const attributes = this.obj("attributes");
    if (!attributes) return {};
    return Object.fromEntries(Object.keys(attributes.raw).map((key) => [key, attributes.str(key) ?? ""]));
  }

  /** `classes` as a `className` prop, or nothing. */
  className(): { className?: string } {
    const classes = this.str("classes");
    return classes === undefined ? {} : { className: classes };
  }
}

declare module "react" {
  // eslint-disable-next-line @typescript-eslint/no-namespace
  namespace JSX {
    interface IntrinsicElements {
      /** Test-only wrapper for macro `html` options; the normaliser unwraps it. */
      "raw-html": { dangerouslySetInnerHTML: { __html: string } };
    }
  }
}

/** Attributes only GOV.UK Frontend's own scripts read; our components do that work in React. */
const SCRIPT_HOOKS = new Set(["data-module"]);

/**
 * A canonical form of an HTML fragment for comparison: attributes sorted, class lists sorted,
 * whitespace collapsed (and dropped next to tags), comments removed, `raw-html` unwrapped.
 */
export function normaliseHtml(html: string): string {
  const template = document.createElement("template");
  template.innerHTML = html;
  const out: string[] = [];
  const walk = (node: Node) => {
    if (node.nodeType === Node.TEXT_NODE) {
      out.push((node.textContent ?? "").replace(/\s+/g, " "));
      return;
    }
    if (!(node instanceof Element)) return;
    const tag = node.tagName.toLowerCase();
    if (tag === "raw-html") {
      node.childNodes.forEach(walk);
      return;
    }
    // A controlled text input always carries `value`; `value=""` there means the same as none.
    const emptyTextValue = tag === "input" && node.getAttribute("type") === "text" && node.getAttribute("value") === "";
    const attributes = [...node.attributes]
      .filter((attribute) => !SCRIPT_HOOKS.has(attribute.name))
      .filter((attribute) => !(emptyTextValue && attribute.name === "value"))
      .map((attribute) => {
        const value =
          attribute.name === "class" || attribute.name === "aria-describedby"
            ? attribute.value.split(/\s+/).filter(Boolean).sort().join(" ")
            : attribute.value.trim();
        return `${attribute.name}="${value}"`;
      })
      .sort();
    out.push(`<${[tag, ...attributes].join(" ")}>`);
    (node instanceof HTMLTemplateElement ? node.content : node).childNodes.forEach(walk);
    out.push(`</${tag}>`);
  };
  template.content.childNodes.forEach(walk);
  return out
    .join("")
    .replace(/\s*(<[^>]+>)\s*/g, "$1")
    .trim();
}

/**
 * What GOV.UK Frontend's scripts do to server-rendered markup before a user sees it, for the
 * parts our React components render directly in their final state: conditional reveals get
 * `aria-controls` on their input. (The script's `aria-expanded` is not applied: ARIA does not
 * allow it on radios or checkboxes, so our components leave it out.)
 */
export function withScriptEffects(html: string, transform?: (fixture: DocumentFragment) => void): string {
  const template = document.createElement("template");
  template.innerHTML = html;
  transform?.(template.content);
  template.content.querySelectorAll("input[data-aria-controls]").forEach((input) => {
    const target = input.getAttribute("data-aria-controls") ?? "";
    input.removeAttribute("data-aria-controls");
    if (!template.content.getElementById(target)) return;
    input.setAttribute("aria-controls", target);
  });
  return template.innerHTML;
}
