import type { ReactElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { afterAll, describe, expect, it } from "vitest";
import { Button, ButtonLink } from "./button/button";
import { Checkboxes } from "./checkboxes/checkboxes";
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
  return o.list("items").map((item): ChoiceDivider | { value: string; label: unknown } => {
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
          items={choiceItems(o) as never}
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
        <Checkboxes
          {...choiceGroupOptions(o)}
          items={choiceItems(o) as never}
          defaultValue={[...checkedItems, ...values]}
        />
      );
    },
  },
};

/** Where two long one-line strings first differ, so a failure points at the attribute at fault. */
function firstDifference(actual: string, expected: string): string {
  let index = 0;
  while (index < actual.length && actual[index] === expected[index]) index += 1;
  const from = Math.max(0, index - 60);
  return `differs at ${index}:\n  ours:    …${actual.slice(from, index + 120)}\n  fixture: …${expected.slice(from, index + 120)}`;
}

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
    const expected = normaliseHtml(withScriptEffects(fixture.html));
    let actual: string;
    try {
      actual = normaliseHtml(renderToStaticMarkup(suite.render(new Options(fixture.options))));
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
