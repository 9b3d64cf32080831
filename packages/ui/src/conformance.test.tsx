import type { ReactElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { afterAll, describe, expect, it } from "vitest";
import { BackLink } from "./back-link/back-link";
import { Button, ButtonLink } from "./button/button";
import { Details } from "./details/details";
import { Footer } from "./footer/footer";
import { Header } from "./header/header";
import { InsetText } from "./inset-text/inset-text";
import { NotificationBanner } from "./notification-banner/notification-banner";
import { Pagination } from "./pagination/pagination";
import type { PaginationItem, PaginationLink } from "./pagination/pagination";
import { Panel } from "./panel/panel";
import { PhaseBanner } from "./phase-banner/phase-banner";
import { SkipLink } from "./skip-link/skip-link";
import { SummaryList } from "./summary-list/summary-list";
import type { SummaryListAction } from "./summary-list/summary-list";
import { Table } from "./table/table";
import type { TableCell, TableHeadCell } from "./table/table";
import { Tag } from "./tag/tag";
import { TaskList } from "./task-list/task-list";
import { WarningText } from "./warning-text/warning-text";
import { Checkboxes } from "./checkboxes/checkboxes";
import type { CheckboxItem } from "./checkboxes/checkboxes";
import { DateInput } from "./date-input/date-input";
import type { DateInputPart, DateInputValue } from "./date-input/date-input";
import { ErrorMessage } from "./error-message/error-message";
import { ErrorSummary } from "./error-summary/error-summary";
import { Fieldset } from "./fieldset/fieldset";
import type { ChoiceDivider, ChoiceGroupOptions } from "./internal/choices";
import type { FieldOptions } from "./internal/field";
import { Radios } from "./radios/radios";
import { Select } from "./select/select";
import { TextInput } from "./text-input/text-input";
import { Textarea } from "./textarea/textarea";
import { loadFixtures, normaliseHtml, Options, withScriptEffects } from "./test-utils/fixtures";

/**
 * Markup conformance: each foundation component, given a govuk-frontend fixture's options
 * mapped to our props, must render the fixture's HTML (normalised: attribute and class order,
 * whitespace, and the `data-module` script hook, since our behaviour lives in React).
 *
 * Every fixture is either compared or listed in `skip` with the reason. A skipped fixture
 * that starts to match fails the test, so the list cannot go stale.
 */
interface Suite {
  render: (options: Options) => ReactElement;
  skip?: Record<string, readonly string[]>;
  /** Compare only this part of our markup (the landmark wrappers around it are ours). */
  select?: string;
  /** Removes from the fixture what we leave out by design (GOV.UK branding). */
  expected?: (fixture: DocumentFragment) => void;
}

// ---- shared option mappers -------------------------------------------------------------

function fieldOptions(
  o: Options,
): FieldOptions & { id?: string | undefined; name?: string | undefined; "aria-describedby"?: string | undefined } {
  const label = o.obj("label");
  const formGroup = o.obj("formGroup");
  return {
    label: label?.content(),
    ...(label?.str("classes") === undefined ? {} : { labelClassName: label.str("classes") }),
    ...(label?.bool("isPageHeading") ? { labelIsPageHeading: true } : {}),
    ...(o.obj("hint") ? { hint: o.obj("hint")?.content() } : {}),
    ...(o.obj("errorMessage") ? { errorMessage: o.obj("errorMessage")?.content() } : {}),
    ...(formGroup?.str("classes") === undefined ? {} : { formGroupClassName: formGroup.str("classes") }),
    ...(o.str("id") === undefined ? {} : { id: o.str("id") }),
    ...(o.str("name") === undefined ? {} : { name: o.str("name") }),
    ...(o.str("describedBy") === undefined ? {} : { "aria-describedby": o.str("describedBy") }),
  };
}

function legendOptions(fieldset: Options | undefined) {
  const legend = fieldset?.obj("legend");
  if (!legend) return {};
  return {
    legend: legend.content(),
    ...(legend.str("classes") === undefined ? {} : { legendClassName: legend.str("classes") }),
    ...(legend.bool("isPageHeading") ? { legendIsPageHeading: true } : {}),
  };
}

function choiceGroupOptions(o: Options): ChoiceGroupOptions {
  const groupDescribedBy = o.obj("fieldset")?.str("describedBy") ?? o.str("describedBy");
  return {
    ...(groupDescribedBy === undefined ? {} : { describedBy: groupDescribedBy }),
    name: o.str("name") ?? "",
    ...(o.str("idPrefix") === undefined ? {} : { idPrefix: o.str("idPrefix") }),
    ...legendOptions(o.obj("fieldset")),
    ...(o.obj("hint") ? { hint: o.obj("hint")?.content() } : {}),
    ...(o.obj("errorMessage") ? { errorMessage: o.obj("errorMessage")?.content() } : {}),
    ...(o.obj("formGroup")?.str("classes") === undefined
      ? {}
      : { formGroupClassName: o.obj("formGroup")?.str("classes") }),
    ...o.className(),
    ...o.attributes(),
  };
}

function choiceItems(o: Options) {
  return o.list("items").map((item): ChoiceDivider | CheckboxItem => {
    const divider = item.str("divider");
    if (divider !== undefined) return { divider };
    const conditional = item.obj("conditional");
    return {
      value: item.str("value") ?? "",
      label: item.content(),
      ...(item.obj("hint") ? { hint: item.obj("hint")?.content() } : {}),
      ...(item.str("id") === undefined ? {} : { id: item.str("id") }),
      ...(item.bool("disabled") ? { disabled: true } : {}),
      ...(item.obj("label")?.str("classes") === undefined ? {} : { labelClassName: item.obj("label")?.str("classes") }),
      ...(conditional?.content() === undefined ? {} : { conditional: conditional.content() }),
      ...(item.str("behaviour") === "exclusive" ? { exclusive: true } : {}),
    };
  });
}

// ---- suites ----------------------------------------------------------------------------

const suites: Record<string, Suite> = {
  button: {
    skip: {
      "data-prevent-double-click is read by GOV.UK's script only; ours is the preventDoubleClick prop, done in React": [
        "don't prevent double click",
        "prevent double click",
      ],
      "a start button's html is wrapped in a span by the macro only; our children render as given": [
        "start link with html",
      ],
    },
    render: (o) => {
      const common = {
        ...o.className(),
        ...o.attributes(),
        ...(o.bool("isStartButton") ? { isStartButton: true } : {}),
        ...(o.str("id") === undefined ? {} : { id: o.str("id") }),
      };
      const href = o.str("href");
      if (href !== undefined) {
        return (
          <ButtonLink href={href} {...common}>
            {o.content()}
          </ButtonLink>
        );
      }
      return (
        <Button
          {...common}
          {...(o.str("name") === undefined ? {} : { name: o.str("name") })}
          {...(o.str("value") === undefined ? {} : { value: o.str("value") })}
          {...(o.str("type") === undefined ? {} : { type: o.str("type") as "button" })}
          {...(o.bool("disabled") ? { disabled: true } : {})}
        >
          {o.content()}
        </Button>
      );
    },
  },
  "error-message": {
    render: (o) => (
      <ErrorMessage
        {...o.className()}
        {...o.attributes()}
        {...(o.str("id") === undefined ? {} : { id: o.str("id") })}
        {...(o.str("visuallyHiddenText") === undefined ? {} : { visuallyHiddenText: o.str("visuallyHiddenText") })}
      >
        {o.content()}
      </ErrorMessage>
    ),
  },
  "error-summary": {
    skip: {
      "data-disable-auto-focus is read by GOV.UK's script only; ours is the disableAutoFocus prop": [
        "autofocus disabled",
        "autofocus explicitly enabled",
      ],
      "per-link attributes are not props: error list items are text and href": ["error list with attributes"],
    },
    render: (o) => (
      <ErrorSummary
        {...o.className()}
        {...o.attributes()}
        title={o.has("titleHtml") ? new Options({ html: o.raw["titleHtml"] }).content() : o.str("titleText")}
        {...(o.has("descriptionHtml") || o.has("descriptionText")
          ? {
              description: new Options({ html: o.raw["descriptionHtml"], text: o.raw["descriptionText"] }).content(),
            }
          : {})}
        errors={o.list("errorList").map((item) => ({ text: item.content(), href: item.str("href") }))}
      />
    ),
  },
  fieldset: {
    render: (o) => (
      <Fieldset
        {...legendOptions(o)}
        {...o.className()}
        {...o.attributes()}
        {...(o.str("role") === undefined ? {} : { role: o.str("role") })}
        {...(o.str("describedBy") === undefined ? {} : { "aria-describedby": o.str("describedBy") })}
      >
        {o.content()}
      </Fieldset>
    ),
  },
  input: {
    skip: {
      "prefix, suffix and wrapper classes or attributes are not props (prefix and suffix are content)": [
        "with prefix with classes",
        "with prefix with attributes",
        "with suffix with classes",
        "with suffix with attributes",
        "with customised input wrapper",
      ],
    },
    render: (o) => (
      <TextInput
        {...fieldOptions(o)}
        {...o.className()}
        {...o.attributes()}
        {...(o.str("type") === undefined ? {} : { type: o.str("type") })}
        {...(o.str("value") === undefined ? {} : { defaultValue: o.str("value") })}
        {...(o.str("inputmode") === undefined ? {} : { inputMode: o.str("inputmode") as "numeric" })}
        {...(o.str("autocomplete") === undefined ? {} : { autoComplete: o.str("autocomplete") })}
        {...(o.str("pattern") === undefined ? {} : { pattern: o.str("pattern") })}
        {...(o.bool("spellcheck") === undefined ? {} : { spellCheck: o.bool("spellcheck") })}
        {...(o.str("autocapitalize") === undefined ? {} : { autoCapitalize: o.str("autocapitalize") })}
        {...(o.bool("disabled") ? { disabled: true } : {})}
        {...(o.obj("prefix") ? { prefix: o.obj("prefix")?.content() } : {})}
        {...(o.obj("suffix") ? { suffix: o.obj("suffix")?.content() } : {})}
      />
    ),
  },
  textarea: {
    render: (o) => (
      <Textarea
        {...fieldOptions(o)}
        {...o.className()}
        {...o.attributes()}
        {...(o.str("value") === undefined ? {} : { defaultValue: o.str("value") })}
        {...(o.str("rows") === undefined ? {} : { rows: Number(o.str("rows")) })}
        {...(o.str("autocomplete") === undefined ? {} : { autoComplete: o.str("autocomplete") })}
        {...(o.bool("spellcheck") === undefined ? {} : { spellCheck: o.bool("spellcheck") })}
      />
    ),
  },
  select: {
    skip: {
      "per-option attributes are not props": ["attributes on items"],
      "every option of ours has a value, so an option without one cannot be expressed": [
        "without values",
        "without values with selected value",
      ],
      "falsy option values (false, 0) are not strings; SelectItem.value is a string": ["with falsy values"],
      "an item's selected: false vetoing the select's value has no React equivalent: value alone decides": [
        "item selected overrides value",
      ],
    },
    render: (o) => {
      const items = o.list("items");
      const selected = items.find((item) => item.bool("selected"))?.str("value") ?? o.str("value");
      return (
        <Select
          {...fieldOptions(o)}
          {...o.className()}
          {...o.attributes()}
          {...(selected === undefined ? {} : { defaultValue: selected })}
          items={items.map((item) => ({
            value: item.str("value") ?? "",
            text: item.str("text") ?? "",
            ...(item.bool("disabled") ? { disabled: true } : {}),
          }))}
        />
      );
    },
  },
  "date-input": {
    skip: {
      "labels are Day, Month and Year (the pattern's wording); translated labels are not props": ["with translations"],
      "values keyed by custom names, custom item ids, names and values are not props: the parts are fixed": [
        "with values and name prefix",
        "with values, name prefix and custom names",
        "with nested name",
        "with id on items",
        "with item value",
        "with field value",
        "with field value and items",
        "with field value and item value",
        "with field value, item value and values",
        "with field value overriding values",
      ],
      "per-input classes, patterns, inputmode, autocomplete and attributes are not props": [
        "with errors only (using classes)",
        "with errors only (using items and classes)",
        "with error on single field using classes",
        "with error on single item using classes",
        "items with classes",
        "custom pattern",
        "custom inputmode",
        "with autocomplete values",
        "with input attributes",
      ],
    },
    render: (o) => {
      const items = o.list("items");
      const isPart = (name: string | undefined): name is DateInputPart =>
        name === "day" || name === "month" || name === "year";
      const shown = (["day", "month", "year"] as const).filter((part) => o.raw[part] !== false);
      const parts = items.length > 0 ? items.map((item) => item.str("name")).filter(isPart) : shown;
      // The macro marks a part when its own `error` says so, else when there is an error message.
      const flag = (part: DateInputPart) =>
        o.obj(part)?.bool("error") ?? items.find((item) => item.str("name") === part)?.bool("error");
      const hasMessage = o.obj("errorMessage") !== undefined;
      const explicit = (["day", "month", "year"] as const).some((part) => flag(part) !== undefined);
      const named = (["day", "month", "year"] as const).filter((part) => flag(part) === true);
      const flagged =
        named.length > 0 ? named : (["day", "month", "year"] as const).filter((part) => flag(part) ?? hasMessage);
      const values = o.obj("values");
      const fieldset = o.obj("fieldset");
      return (
        <DateInput
          id={o.str("id") ?? ""}
          {...legendOptions(fieldset)}
          {...o.className()}
          {...o.attributes()}
          {...(parts === undefined ? {} : { parts })}
          {...(fieldset?.str("describedBy") === undefined ? {} : { describedBy: fieldset.str("describedBy") })}
          {...(o.str("namePrefix") === undefined ? {} : { namePrefix: o.str("namePrefix") })}
          {...(o.obj("hint") ? { hint: o.obj("hint")?.content() } : {})}
          {...(o.obj("errorMessage") ? { errorMessage: o.obj("errorMessage")?.content() } : {})}
          {...(explicit ? { errorParts: flagged } : {})}
          {...(o.obj("formGroup")?.str("classes") === undefined
            ? {}
            : { formGroupClassName: o.obj("formGroup")?.str("classes") })}
          {...(values
            ? {
                defaultValue: {
                  day: values.str("day") ?? "",
                  month: values.str("month") ?? "",
                  year: values.str("year") ?? "",
                } satisfies DateInputValue,
              }
            : {})}
        />
      );
    },
  },
  radios: {
    skip: {
      "falsy entries: React callers filter their lists, and ids count the options given": ["with falsy items"],
      "Per-item classes and attributes (on options, labels, prefixes) are not props: pass them by composing your own markup":
        ["items with attributes", "label with attributes", "fieldset params"],
      "conditional: false is not content; an option without a follow-up question omits conditional": [
        "with empty conditional",
      ],
      "an item's checked: false vetoing the group's value has no React equivalent: value alone decides": [
        "item checked overrides value",
      ],
    },
    render: (o) => {
      const items = o.list("items");
      const checked = items.find((item) => item.bool("checked"))?.str("value") ?? o.str("value");
      return (
        <Radios
          {...choiceGroupOptions(o)}
          items={choiceItems(o)}
          {...(checked === undefined ? {} : { defaultValue: checked })}
        />
      );
    },
  },
  checkboxes: {
    skip: {
      "falsy entries: React callers filter their lists, and ids count the options given": ["with falsy values"],
      "Per-item classes and attributes (on options, labels, prefixes) are not props: pass them by composing your own markup":
        ["items with attributes", "label with attributes", "fieldset params"],
      "per-item names are not props: one group submits one name (use separate groups otherwise)": [
        "with hints on items",
        "with id and name",
        "with disabled item",
      ],
      "conditional: false is not content; an option without a follow-up question omits conditional": [
        "empty conditional",
      ],
      "an item's checked: false vetoing the group's values has no React equivalent: value alone decides": [
        "item checked overrides values",
      ],
    },
    render: (o) => {
      const items = o.list("items");
      const checkedItems = items.filter((item) => item.bool("checked")).map((item) => item.str("value") ?? "");
      const values = o.list("values").length > 0 ? (o.raw["values"] as string[]) : [];
      return (
        <Checkboxes {...choiceGroupOptions(o)} items={choiceItems(o)} defaultValue={[...checkedItems, ...values]} />
      );
    },
  },
};

/** The part of our markup a suite compares. */
function select(html: string, selector: string | undefined): string {
  if (selector === undefined) return html;
  const template = document.createElement("template");
  template.innerHTML = html;
  return template.content.querySelector(selector)?.outerHTML ?? "";
}

/** Where two long one-line strings first differ, so a failure points at the attribute at fault. */
function firstDifference(actual: string, expected: string): string {
  let index = 0;
  while (index < actual.length && actual[index] === expected[index]) index += 1;
  const from = Math.max(0, index - 60);
  return `differs at ${index}:\n  ours:    …${actual.slice(from, index + 120)}\n  fixture: …${expected.slice(from, index + 120)}`;
}

function titleOf(o: Options, base: string) {
  return o.has(`${base}Html`) ? new Options({ html: o.raw[`${base}Html`] }).content() : o.str(`${base}Text`);
}

function actionsOf(actions: Options | undefined): SummaryListAction[] {
  return (actions?.list("items") ?? []).map((action) => ({
    href: action.str("href") ?? "",
    text: action.content(),
    visuallyHiddenText: action.str("visuallyHiddenText"),
  }));
}

function paginationLink(link: Options | undefined): PaginationLink | undefined {
  if (!link) return undefined;
  return {
    href: link.str("href") ?? "",
    ...(link.has("text") || link.has("html") ? { text: link.content() } : {}),
    ...(link.has("labelText") ? { labelText: link.str("labelText") } : {}),
  };
}

Object.assign(suites, {
  tag: {
    render: (o) => (
      <Tag {...o.className()} {...o.attributes()}>
        {o.content()}
      </Tag>
    ),
  },
  "inset-text": {
    render: (o) => (
      <InsetText {...o.className()} {...o.attributes()} {...(o.has("id") ? { id: o.str("id") } : {})}>
        {o.content()}
      </InsetText>
    ),
  },
  "warning-text": {
    render: (o) => (
      <WarningText
        {...o.className()}
        {...o.attributes()}
        {...(o.has("iconFallbackText") ? { iconFallbackText: o.str("iconFallbackText") } : {})}
      >
        {o.content()}
      </WarningText>
    ),
  },
  details: {
    render: (o) => (
      <Details
        summary={titleOf(o, "summary")}
        {...o.className()}
        {...o.attributes()}
        {...(o.has("id") ? { id: o.str("id") } : {})}
        {...(o.bool("open") ? { open: true } : {})}
      >
        {o.content()}
      </Details>
    ),
  },
  panel: {
    skip: {
      "interruption panel actions are not props: put Buttons in the panel's children": [
        "interruption",
        "interruption-with-content-with-long-line-length",
        "interruption-with-headings-content-and-lists",
        "interruption, with actions classes and attributes",
        "interruption, submit action",
        "interruption, button link",
        "interruption, no actions items",
      ],
    },
    render: (o) => (
      <Panel
        title={titleOf(o, "title")}
        {...o.className()}
        {...o.attributes()}
        {...(o.has("headingLevel") ? { headingLevel: Number(o.str("headingLevel")) as 2 } : {})}
      >
        {o.content()}
      </Panel>
    ),
  },
  "back-link": {
    render: (o) => (
      <BackLink href={o.str("href") ?? "#"} {...o.className()} {...o.attributes()}>
        {o.content() ?? "Back"}
      </BackLink>
    ),
  },
  "skip-link": {
    render: (o) => (
      <SkipLink href={o.str("href") ?? "#content"} {...o.className()} {...o.attributes()}>
        {o.content()}
      </SkipLink>
    ),
  },
  "phase-banner": {
    skip: {
      "tag classes are not props: the phase tag keeps GOV.UK's default colour": ["tag classes"],
    },
    render: (o) => (
      <PhaseBanner tag={o.obj("tag")?.content()} {...o.className()} {...o.attributes()}>
        {o.content()}
      </PhaseBanner>
    ),
  },
  "notification-banner": {
    skip: {
      "data-disable-auto-focus is read by GOV.UK's script only; ours is the disableAutoFocus prop": [
        "auto-focus disabled, with type as success",
        "auto-focus explicitly enabled, with type as success",
      ],
    },
    render: (o) => (
      <NotificationBanner
        {...o.className()}
        {...o.attributes()}
        // Our default title id is generated so two banners never share one; GOV.UK's is fixed.
        titleId={o.str("titleId") ?? "govuk-notification-banner-title"}
        {...(o.str("type") === "success" ? { type: "success" as const } : {})}
        {...(o.has("titleText") || o.has("titleHtml") ? { title: titleOf(o, "title") } : {})}
        {...(o.has("titleHeadingLevel") ? { titleHeadingLevel: Number(o.str("titleHeadingLevel")) as 3 } : {})}
        {...(o.has("role") ? { role: o.str("role") } : {})}
        {...(o.has("html") ? { children: o.content() } : o.has("text") ? { heading: o.str("text") } : {})}
      />
    ),
  },
  "summary-list": {
    skip: {
      "per-cell and per-action classes and attributes are not props": [
        "key with classes",
        "actions with classes",
        "actions with attributes",
        "classes on items",
        "overridden-widths",
      ],
      "a summary card without a title, or with its own classes or attributes, is not offered": [
        "summary card with custom classes",
        "summary card with custom attributes",
      ],
    },
    render: (o) => {
      const card = o.obj("card");
      return (
        <SummaryList
          {...o.className()}
          {...o.attributes()}
          rows={o.list("rows").map((row) => ({
            key: row.obj("key")?.content(),
            value: row.obj("value")?.content(),
            actions: actionsOf(row.obj("actions")),
            ...row.className(),
          }))}
          {...(card
            ? {
                card: {
                  title: card.obj("title")?.content(),
                  actions: actionsOf(card.obj("actions")),
                  ...(card.obj("title")?.has("headingLevel")
                    ? { headingLevel: Number(card.obj("title")?.str("headingLevel")) as 3 }
                    : {}),
                },
              }
            : {})}
        />
      );
    },
  },
  table: {
    skip: {
      "per-cell attributes are not props": [
        "head with attributes",
        "firstCellIsHeader with attributes",
        "rows with attributes",
      ],
    },
    render: (o) => {
      const cell = (c: Options): TableCell => ({
        content: c.content(),
        ...(c.str("format") === "numeric" ? { format: "numeric" as const } : {}),
        ...(c.has("classes") ? { className: c.str("classes") } : {}),
        ...(c.has("colspan") ? { colSpan: Number(c.str("colspan")) } : {}),
        ...(c.has("rowspan") ? { rowSpan: Number(c.str("rowspan")) } : {}),
      });
      const rows = ((o.raw["rows"] ?? []) as unknown[][]).filter(Boolean);
      return (
        <Table
          {...o.className()}
          {...o.attributes()}
          {...(o.has("caption") ? { caption: o.str("caption") } : {})}
          {...(o.has("captionClasses") ? { captionClassName: o.str("captionClasses") } : {})}
          {...(o.bool("firstCellIsHeader") ? { firstCellIsHeader: true } : {})}
          {...(o.has("head") ? { head: o.list("head").map((c) => cell(c) as TableHeadCell) } : {})}
          rows={rows.map((row) => new Options({ row }).list("row").map(cell))}
        />
      );
    },
  },
  pagination: {
    skip: {
      "page numbers are numbers; words in place of numbers are not offered": ["with custom link and item text"],
      "falsy entries: React callers filter their lists": ["with empty items"],
    },
    render: (o) => (
      <Pagination
        {...o.className()}
        {...o.attributes()}
        {...(o.has("landmarkLabel") ? { landmarkLabel: o.str("landmarkLabel") } : {})}
        previous={paginationLink(o.obj("previous"))}
        next={paginationLink(o.obj("next"))}
        items={o.list("items").map((item): PaginationItem =>
          item.bool("ellipsis")
            ? { ellipsis: true }
            : {
                number: Number(item.str("number")),
                href: item.str("href") ?? "",
                current: item.bool("current"),
                visuallyHiddenText: item.str("visuallyHiddenText"),
              },
        )}
      />
    ),
  },
  "task-list": {
    skip: {
      "per-title classes are not props": ["custom classes"],
      "status tag attributes are not props (the status is content: pass your own Tag)": ["custom attributes"],
      "falsy entries: React callers filter their lists, and ids count the tasks given": ["with empty values"],
    },
    render: (o) => (
      <TaskList
        {...o.className()}
        {...o.attributes()}
        {...(o.has("idPrefix") ? { idPrefix: o.str("idPrefix") } : {})}
        items={o.list("items").map((item) => {
          const status = item.obj("status");
          const tag = status?.obj("tag");
          return {
            title: item.obj("title")?.content(),
            href: item.str("href"),
            ...(item.obj("hint") ? { hint: item.obj("hint")?.content() } : {}),
            status: tag ? <Tag {...tag.className()}>{tag.content()}</Tag> : status?.content(),
            statusClassName: status?.str("classes"),
            className: item.str("classes"),
          };
        })}
      />
    ),
  },
  "generic-header": {
    skip: {
      "classes and attributes go on our <header> landmark, not on the GOV.UK block inside it": [
        "attributes",
        "classes",
      ],
    },
    select: ".govuk-generic-header",
    render: (o) => (
      <Header
        logo={titleOf(o, "logo")}
        {...(o.has("url") ? { homepageUrl: o.str("url") } : {})}
        {...(o.str("containerClasses")?.includes("full-width") ? { fullWidth: true } : {})}
      />
    ),
  },
  footer: {
    skip: {
      "classes and attributes go on our <footer> landmark, not on the GOV.UK block inside it": [
        "attributes",
        "classes",
        "with container classes",
        "with meta item attributes",
      ],
      "footer navigation sections are not offered: support links only": [
        "with default width navigation (one column)",
        "with default width navigation (two columns)",
        "with navigation",
        "Full GDS example",
        "Three equal columns",
        "with navigation item attributes",
      ],
      "the hidden 'Support links' heading is drawn only over links, never over an empty list": [
        "with custom meta",
        "with only custom meta",
        "with empty meta",
        "with empty meta items",
        "meta html as text",
        "with meta html",
      ],
    },
    select: ".govuk-footer",
    // Our footer is GOV.UK's minus the GOV.UK brand: no crown, licence logo or Crown copyright.
    expected: (fixture) => {
      fixture.querySelectorAll(".govuk-footer__crown, .govuk-footer__licence-logo").forEach((node) => node.remove());
      fixture.querySelector(".govuk-footer__copyright-logo")?.parentElement?.remove();
      fixture
        .querySelectorAll(".govuk-footer__licence-description")
        .forEach((node) => node.textContent?.includes("Open Government Licence") && node.remove());
    },
    render: (o) => {
      const meta = o.obj("meta");
      return (
        <Footer
          {...(meta?.has("visuallyHiddenTitle") ? { linksTitle: meta.str("visuallyHiddenTitle") } : {})}
          links={(meta?.list("items") ?? []).map((item) => ({ href: item.str("href") ?? "", text: item.content() }))}
          {...(meta?.has("text") || meta?.has("html") ? { children: meta.content() } : {})}
          {...(o.obj("contentLicence") ? { contentLicence: o.obj("contentLicence")?.content() } : {})}
        />
      );
    },
  },
} satisfies Record<string, Suite>);

// ---- runner ----------------------------------------------------------------------------

const counts: Array<{ component: string; compared: number; skipped: number; total: number }> = [];

describe.each(Object.entries(suites))("%s matches govuk-frontend fixtures", (component, suite) => {
  const fixtures = loadFixtures(component);
  const skipped = new Map(
    Object.entries(suite.skip ?? {}).flatMap(([reason, names]) => names.map((name) => [name, reason] as const)),
  );
  counts.push({
    component,
    compared: fixtures.length - skipped.size,
    skipped: skipped.size,
    total: fixtures.length,
  });

  it("lists only fixtures that exist", () => {
    const names = new Set(fixtures.map((fixture) => fixture.name));
    expect([...skipped.keys()].filter((name) => !names.has(name))).toEqual([]);
  });

  it.each(fixtures.map((fixture) => [fixture.name, fixture] as const))("%s", (name, fixture) => {
    const expected = normaliseHtml(withScriptEffects(fixture.html, suite.expected));
    let actual: string;
    try {
      actual = normaliseHtml(select(renderToStaticMarkup(suite.render(new Options(fixture.options))), suite.select));
    } catch (error) {
      if (skipped.has(name)) return;
      throw error;
    }
    if (skipped.has(name)) {
      expect(actual, `"${name}" is listed as skipped (${skipped.get(name)}) but now matches`).not.toBe(expected);
    } else {
      expect(actual, firstDifference(actual, expected)).toBe(expected);
    }
  });
});

afterAll(() => {
  const compared = counts.reduce((sum, row) => sum + row.compared, 0);
  const total = counts.reduce((sum, row) => sum + row.total, 0);
  const lines = counts.map((row) => `  ${row.component.padEnd(22)} ${row.compared}/${row.total} compared`);
  console.log(`govuk-frontend fixture conformance\n${lines.join("\n")}\n  total ${compared}/${total} compared`);
});
