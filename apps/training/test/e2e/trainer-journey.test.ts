import { readFileSync } from "node:fs";
import type { Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import { expectAccessible, newDevice } from "./browser";
import { Officer } from "./driver";
import { openModule, readLessons, signIn, spoModule, takeKnowledgeCheck } from "./journey";
import { serverAndBrowserForFile } from "./live";
import { parseCsv } from "../support/csv";

// The demo force's first trainer (README "Demo sign-ins"); the seed creates it with this public password.
const demoTrainer = { identifier: "EX9001", password: "demo-trainer-password" };

const live = serverAndBrowserForFile();

/** Name and collar number of every learner row of the grid on the page (the first two columns). */
async function gridRows(page: Page): Promise<string[][]> {
  return page
    .getByRole("table", { name: "Completion by learner" })
    .locator("tbody tr")
    .evaluateAll((rows) =>
      rows.map((row) => [...row.querySelectorAll("th, td")].slice(0, 4).map((cell) => cell.textContent?.trim() ?? "")),
    );
}

/** A new device with the demo trainer signed in, driven by pointer or by keyboard. */
async function signInTrainer(mode: "pointer" | "keyboard") {
  const device = await newDevice(live.browser, live.server.baseURL);
  const trainer = new Officer(device.page, mode);
  await signIn(trainer, demoTrainer, "Training overview");
  return { device, trainer, page: device.page };
}

/** Opens Training records from the header; on a phone the header menu is folded away behind its button. */
async function openTrainingRecords(trainer: Officer) {
  const { page } = trainer;
  const menu = page.getByRole("button", { name: "Menu" });
  if (await menu.isVisible()) await trainer.activate(menu);
  // The header's link: the overview's own links mention the records too.
  await trainer.activate(
    page.getByRole("navigation", { name: "Menu" }).getByRole("link", { name: "Training records" }),
  );
  await trainer.arrive("Training records");
}

/** The people count in the grid's results heading ("1,234 people match"). */
async function matching(page: Page): Promise<number> {
  const heading = (await page.locator("#results").textContent()) ?? "";
  return Number(heading.match(/^([\d,]+)/)?.[1]?.replace(/,/g, ""));
}

/**
 * Activates the export link as the officer does and waits for the file the page saves. Every progress text
 * the page showed on the way is recorded (however briefly it showed), then axe checks the page as it ends.
 */
async function exportWithProgress(officer: Officer) {
  const { page } = officer;
  await page.evaluate(() => {
    const seen: string[] = [];
    const record = (text: string | null | undefined) => {
      if (text && seen.at(-1) !== text) seen.push(text);
    };
    new MutationObserver(() => {
      record(document.querySelector("progress")?.getAttribute("aria-valuetext"));
      record(document.getElementById("export-csv-status")?.textContent);
    }).observe(document.body, { subtree: true, childList: true, attributes: true, characterData: true });
    (window as unknown as { exportSeen: string[] }).exportSeen = seen;
  });
  const download = page.waitForEvent("download");
  await officer.activate(page.getByRole("link", { name: /Export CSV/ }));
  const file = await download;
  const path = await file.path();
  const status = page.locator("#export-csv-status");
  await expect.poll(() => status.textContent()).toMatch(/^Export finished/);
  expect(await status.getAttribute("role")).toBe("status");
  await expectAccessible(page);
  return {
    filename: file.suggestedFilename(),
    lines: parseCsv(readFileSync(path, "utf8").replace(/^\uFEFF/, "")),
    seen: await page.evaluate(() => (window as unknown as { exportSeen: string[] }).exportSeen),
    status: (await status.textContent()) ?? "",
  };
}

describe("the trainer's journey through training records", () => {
  it("filters to a unit, finds an overdue officer, opens their record and exports the same rows as CSV", async () => {
    const { device, trainer, page } = await signInTrainer("pointer");
    await openTrainingRecords(trainer);

    // Who is overdue anywhere, to pick a unit that has someone overdue.
    await trainer.select(page.getByLabel("Status"), "Overdue");
    await trainer.activate(page.getByRole("button", { name: "Apply filters" }));
    await trainer.arrive("Training records");
    expect(page.url()).toContain("status=overdue");
    const [first] = await gridRows(page);
    const unitName = first?.[2];
    if (!unitName || unitName === "No unit") throw new Error("the demo force should have an overdue officer in a unit");

    // Filter to that unit, by keyboard this time: every filter control is reachable with Tab, and the unit is
    // chosen with the arrow keys.
    const unitOption = await page
      .getByLabel("Unit")
      .locator("option")
      .evaluateAll(
        (options, name) =>
          options
            .map((option) => ({ value: (option as HTMLOptionElement).value, text: option.textContent ?? "" }))
            .find((option) => option.text === name || option.text.startsWith(`${name} (`)),
        unitName,
      );
    if (!unitOption) throw new Error(`no unit option for ${unitName}`);
    const unitValue = unitOption.value;
    const keyboard = new Officer(page, "keyboard");
    await keyboard.select(page.getByLabel("Unit"), unitOption.text);
    for (const label of ["Unit", "Job role", "Module", "Status", "Name or collar number", "Sort by"])
      await keyboard.tabTo(page.getByLabel(label, { exact: true }));
    await keyboard.activate(page.getByRole("button", { name: "Apply filters" }));
    await trainer.arrive("Training records");
    expect(new URL(page.url()).searchParams.get("unit")).toBe(unitValue);
    expect(new URL(page.url()).searchParams.get("status")).toBe("overdue");

    // Every row of this view, across its pages.
    const rows = await gridRows(page);
    for (;;) {
      const next = page.getByRole("link", { name: /Next/ });
      if ((await next.count()) === 0) break;
      await trainer.activate(next);
      await trainer.arrive("Training records");
      rows.push(...(await gridRows(page)));
    }
    expect(rows.length).toBeGreaterThan(0);
    for (const row of rows) expect(row[2]).toBe(unitName);
    const heading = await page.locator("#results").textContent();
    expect(heading).toMatch(rows.length === 1 ? /^1 person matches$/ : new RegExp(`^${rows.length} people match$`));

    // The export of this filter holds exactly the grid's people, in the grid's order.
    const exportLink = page.getByRole("link", { name: /Export CSV/ });
    await keyboard.tabTo(exportLink);
    const exportHref = await exportLink.getAttribute("href");
    if (!exportHref) throw new Error("the export link has no address");
    expect(exportHref).toContain(`unit=${unitValue}`);
    expect(exportHref).toContain("status=overdue");
    const csv = await page.evaluate(async (url) => {
      const response = await fetch(url, { credentials: "same-origin" });
      return { status: response.status, type: response.headers.get("content-type"), text: await response.text() };
    }, exportHref);
    expect(csv.status).toBe(200);
    expect(csv.type).toContain("text/csv");
    const [header, ...lines] = parseCsv(csv.text.replace(/^\uFEFF/, ""));
    expect(header?.slice(0, 4)).toEqual(["Name", "Collar number", "Unit", "Job role"]);
    expect(lines.map((line) => [line[0], line[1], line[2]])).toEqual(
      rows.map(([name, collar, unit]) => [name, collar === "None" ? "" : collar, unit]),
    );
    for (const line of lines) expect(line.some((field) => field.endsWith("(Overdue)"))).toBe(true);

    // The link itself downloads with progress against the grid's count, and saves the same rows.
    const saved = await exportWithProgress(trainer);
    // Named for its filter: the force, the unit, the status and the day.
    expect(saved.filename).toMatch(/^training-records-essex-[a-z0-9-]+-overdue-\d{4}-\d{2}-\d{2}\.csv$/);
    expect(saved.lines).toEqual([header, ...lines]);
    expect(saved.seen).toContain(`Exporting: 0 of ${rows.length} rows`);
    expect(saved.status).toBe(
      `Export finished: ${rows.length === 1 ? "1 row" : `${rows.length} rows`} saved as ${saved.filename}`,
    );

    // Sorting is done by the server: Z to A gives the same people in reverse name order.
    await trainer.select(page.getByLabel("Sort by"), "Name (Z to A)");
    await trainer.activate(page.getByRole("button", { name: "Apply filters" }));
    await trainer.arrive("Training records");
    expect(new URL(page.url()).searchParams.get("direction")).toBe("desc");
    if (rows.length <= 50)
      expect((await gridRows(page)).map((row) => row[0])).toEqual(rows.map((row) => row[0]).reverse());
    // A module sort without a module is refused in the page, naming what to do.
    await keyboard.select(page.getByLabel("Sort by"), "Score on the chosen module (highest first)");
    await trainer.activate(page.getByRole("button", { name: "Apply filters" }));
    await trainer.arrive("Error: Training records", { focus: "error-summary" });
    expect(await page.locator(".govuk-error-summary").textContent()).toContain("Choose a module to sort by");

    // Open an overdue officer's record from the grid page on screen.
    const officerName = rows.at(-1)?.[0];
    if (!officerName) throw new Error("no overdue officer");
    const learnerLink = page.getByRole("table", { name: "Completion by learner" }).getByRole("link", {
      name: officerName,
      exact: true,
    });
    await keyboard.activate(learnerLink.first());
    await trainer.arrive(`${officerName} – Training record`);
    const modules = page.getByRole("table", { name: "Modules" });
    await expect.poll(() => modules.textContent()).toContain("Overdue");
    expect(await page.getByRole("heading", { name: "Knowledge-check attempts" }).count()).toBe(1);
    expect(await page.getByRole("heading", { name: "Certificates" }).count()).toBe(1);
    expect(await page.getByRole("heading", { name: "Learning history" }).count()).toBe(1);
    await trainer.activate(page.locator(".govuk-back-link"));
    await trainer.arrive("Training records");

    // The charts read the same query: the people in the unit chart add up to the people the grid counts.
    const everyone = await matching(page);
    await keyboard.activate(page.getByRole("link", { name: "Charts for this filter" }));
    await trainer.arrive("Training charts");
    for (const chart of ["Completion by module", "Completion by unit", "Completions over time"])
      expect(await page.getByRole("figure", { name: chart }).count()).toBe(1);
    const unitTable = page.getByRole("figure", { name: "Completion by unit" }).getByRole("table");
    const perUnit = await unitTable
      .locator("tbody tr")
      .evaluateAll((rows) =>
        rows.map((row) => Number(row.querySelectorAll("td")[0]?.textContent?.replace(/,/g, "") ?? "NaN")),
      );
    expect(perUnit.reduce((sum, people) => sum + people, 0)).toBe(everyone);

    // The evidence view: live counts against the training recommendations, beside the force's plan.
    await trainer.activate(page.getByRole("link", { name: "Back to the training records for this filter" }));
    await trainer.arrive("Training records");
    await keyboard.activate(page.getByRole("link", { name: "Evidence against the action plan" }));
    await trainer.arrive("Evidence against the action plan");
    const evidence = page.getByRole("table", { name: "Training evidence by recommendation" });
    const evidenceIds = await evidence
      .locator("tbody tr th")
      .evaluateAll((cells) => cells.map((cell) => cell.querySelector("span")?.textContent?.trim()));
    for (const id of ["10.1", "13.1", "20.2"]) expect(evidenceIds).toContain(id);
    // Each response's latest dated update has its own column; Essex has published none for these items yet.
    expect(await evidence.getByRole("columnheader", { name: "Latest progress update" }).count()).toBe(1);
    expect(await evidence.locator("tbody tr").filter({ hasText: "13.1" }).first().textContent()).toContain(
      "No dated update yet",
    );
    expect(await page.getByRole("heading", { name: "Progress on the action plan", exact: true }).count()).toBe(1);
    // The page's actions come first, and its sections can be jumped to from a contents list at the top.
    const contents = page.getByRole("navigation", { name: "Contents" });
    expect(await contents.getByRole("link").allTextContents()).toEqual([
      "Publish",
      "Training evidence by recommendation",
      "Progress on the action plan",
    ]);
    const publishTop = await page.getByRole("link", { name: /Download the plan as a web page/ }).boundingBox();
    const tableTop = await evidence.boundingBox();
    expect(publishTop?.y ?? Number.POSITIVE_INFINITY).toBeLessThan(tableTop?.y ?? 0);
    await keyboard.activate(contents.getByRole("link", { name: "Progress on the action plan" }));
    await page.waitForFunction(() => window.location.hash === "#plan-progress");
    expect(await page.locator("main").textContent()).toContain(
      "On the published page, any figure about fewer than 5 people is shown as “fewer than 5”",
    );

    expect(trainer.visited.length).toBeGreaterThanOrEqual(6);
    expect(device.errors).toEqual([]);
    await device.context.close();
  });

  it.each(["pointer", "keyboard"] as const)(
    "assigns a module to a job role one question per page, checks the answers and lists the assignment (%s)",
    async (mode) => {
      const { device, trainer, page } = await signInTrainer(mode);
      await page.goto("/trainer");
      await trainer.arrive("Training records", { focus: "none" });
      await trainer.activate(page.getByRole("link", { name: "Assignments", exact: true }));
      await trainer.arrive("Assignments");
      await trainer.activate(page.getByRole("button", { name: "Assign a module" }));
      await trainer.arrive("Which module do you want to assign?");

      // Continuing without an answer names the problem in an error summary that takes focus.
      await trainer.activate(page.getByRole("button", { name: "Continue" }));
      await trainer.arrive("Error: Which module do you want to assign?", { focus: "error-summary" });
      expect(await page.locator(".govuk-error-summary").textContent()).toContain("Select the module to assign");
      const moduleTitle = (await page.locator("input[name=moduleId] + label").first().textContent())?.trim() ?? "";
      await trainer.choose([moduleTitle], "radio");
      await trainer.activate(page.getByRole("button", { name: "Continue" }));
      await trainer.arrive("Which job role should take it?");
      await trainer.choose(["Investigator"], "radio");
      await trainer.activate(page.getByRole("button", { name: "Continue" }));
      await trainer.arrive("Which unit should take it?");
      await trainer.activate(page.getByRole("button", { name: "Continue" }));
      await trainer.arrive("When should it be completed by?");
      await trainer.fill(page.getByLabel("Day"), "30");
      await trainer.fill(page.getByLabel("Month"), "2");
      await trainer.fill(page.getByLabel("Year"), "2031");
      await trainer.activate(page.getByRole("button", { name: "Continue" }));
      await trainer.arrive("Error: When should it be completed by?", { focus: "error-summary" });
      expect(await page.locator(".govuk-error-summary").textContent()).toContain("must be a real date");
      // A past date is refused on this page, not later on the check page.
      await trainer.retype(page.getByLabel("Day"), "28");
      await trainer.retype(page.getByLabel("Year"), "2020");
      await trainer.activate(page.getByRole("button", { name: "Continue" }));
      await trainer.arrive("Error: When should it be completed by?", { focus: "error-summary" });
      expect(await page.locator(".govuk-error-summary").textContent()).toContain("must be today or in the future");
      await trainer.retype(page.getByLabel("Year"), "2031");
      await trainer.activate(page.getByRole("button", { name: "Continue" }));
      await trainer.arrive("Check the assignment before you save it");
      const answers = await page.locator(".govuk-summary-list").textContent();
      for (const text of [moduleTitle, "Investigator", "All units", "28 February 2031"])
        expect(answers).toContain(text);

      await trainer.activate(page.getByRole("button", { name: "Assign module" }));
      await trainer.arrive("Assignments", { focus: "none" });
      expect(await page.locator(".govuk-notification-banner").textContent()).toContain(`${moduleTitle} is assigned to`);
      const listed = await page
        .getByRole("table", { name: "Modules assigned in the force" })
        .locator("tbody tr")
        .evaluateAll((rows) => rows.map((row) => row.textContent ?? ""));
      expect(
        listed.some((row) => row.includes(moduleTitle) && row.includes("Investigator") && row.includes("2031")),
      ).toBe(true);
      expect(device.errors).toEqual([]);
      await device.context.close();
    },
  );

  it("filters to renewals due within a chosen number of days and reviews the records with the keyboard alone", async () => {
    const { device, trainer, page } = await signInTrainer("keyboard");
    await openTrainingRecords(trainer);

    // No number of days is asked for until "renewal due" is the status; then it comes straight after it.
    const days = page.getByLabel("Renewal due within how many days?");
    expect(await days.count()).toBe(0);
    await trainer.select(page.getByLabel("Status"), "Renewal due within a number of days");
    expect(await days.inputValue()).toBe("30");
    await trainer.retype(days, "400");
    await trainer.activate(page.getByRole("button", { name: "Apply filters" }));
    await trainer.arrive("Error: Training records", { focus: "error-summary" });
    const summary = page.locator(".govuk-error-summary");
    expect(await summary.textContent()).toContain("Number of days must be between 1 and 365");
    expect(await page.locator("#withinDays-error").textContent()).toContain("Number of days must be between 1 and 365");
    // The summary's link takes focus to the field it names.
    await trainer.activate(summary.getByRole("link", { name: "Number of days must be between 1 and 365" }));
    await expect.poll(() => days.evaluate((element) => element === document.activeElement)).toBe(true);
    await trainer.retype(days, "365");
    await trainer.select(page.getByLabel("Sort by"), "Name (Z to A)");
    await trainer.activate(page.getByRole("button", { name: "Apply filters" }));
    await trainer.arrive("Training records");
    const search = new URL(page.url()).searchParams;
    expect(search.get("status")).toBe("renewal-due");
    expect(search.get("withinDays")).toBe("365");
    expect(search.get("direction")).toBe("desc");
    // The address keeps the choice, and the form shows it again.
    expect(await page.getByLabel("Renewal due within how many days?").inputValue()).toBe("365");
    const counted = async (withinDays: number) =>
      page.evaluate(async (query) => {
        const response = await fetch(`/api/trainer/grid/summary?${query}`);
        return ((await response.json()) as { learners: number }).learners;
      }, `status=renewal-due&withinDays=${withinDays}`);
    const [within365, within30] = [await counted(365), await counted(30)];
    // The demo force holds completions expiring beyond 30 days, so the two filters differ.
    expect(within365).toBeGreaterThan(within30);
    expect(await matching(page)).toBe(within365);
    // Hold the export's answer back, as a slow connection would, to look at the progress and cancel it.
    let release = () => undefined as void;
    const held = new Promise<void>((resolve) => {
      release = resolve;
    });
    const csvRoute = "**/api/trainer/grid.csv?*";
    await page.route(csvRoute, async (route) => {
      await held;
      // The page has given up on this request by now; its answer has nowhere to go.
      await route.continue().catch(() => undefined);
    });
    await trainer.activate(page.getByRole("link", { name: /Export CSV/ }));
    const progress = page.getByRole("progressbar", { name: "Export progress" });
    await progress.waitFor();
    const startText = `Exporting: 0 of ${within365.toLocaleString("en-GB")} rows`;
    expect(await progress.getAttribute("aria-valuetext")).toBe(startText);
    expect(await page.locator("#export-csv-status").textContent()).toBe(startText);
    await expectAccessible(page);
    await trainer.activate(page.getByRole("button", { name: "Cancel export" }));
    await expect.poll(() => page.locator("#export-csv-status").textContent()).toBe("Export cancelled");
    expect(await progress.count()).toBe(0);
    // The Cancel button has gone; focus goes back to the link rather than falling to the page.
    expect(await page.evaluate(() => document.activeElement?.id)).toBe("export-csv");
    release();
    await page.unroute(csvRoute);

    // Export by keyboard: Enter on the link; the saved file holds one row per person the grid counted.
    const saved = await exportWithProgress(trainer);
    expect(saved.lines.length - 1).toBe(within365);
    expect(saved.seen[0]).toBe(`Exporting: 0 of ${within365.toLocaleString("en-GB")} rows`);
    expect(saved.status).toBe(`Export finished: ${within365.toLocaleString("en-GB")} rows saved as ${saved.filename}`);
    expect(await page.locator("progress").count()).toBe(0);
    // Choosing another status takes the number of days away again, and out of the address.
    await trainer.select(page.getByLabel("Status"), "Overdue");
    expect(await days.count()).toBe(0);
    await trainer.activate(page.getByRole("button", { name: "Apply filters" }));
    await trainer.arrive("Training records");
    expect(new URL(page.url()).searchParams.has("withinDays")).toBe(false);

    // A record, its back link, the charts, the evidence and the assignments, all by keyboard.
    const [first] = await gridRows(page);
    if (!first?.[0]) throw new Error("the demo force should have an overdue officer");
    await trainer.activate(
      page
        .getByRole("table", { name: "Completion by learner" })
        .getByRole("link", { name: first[0], exact: true })
        .first(),
    );
    await trainer.arrive(`${first[0]} – Training record`);
    await trainer.activate(page.locator(".govuk-back-link"));
    await trainer.arrive("Training records");
    await trainer.activate(page.getByRole("link", { name: "Charts for this filter" }));
    await trainer.arrive("Training charts");
    await trainer.activate(page.getByRole("link", { name: "Back to the training records for this filter" }));
    await trainer.arrive("Training records");
    await trainer.activate(page.getByRole("link", { name: "Evidence against the action plan" }));
    await trainer.arrive("Evidence against the action plan");

    // An export that the server refuses (signed out in another tab) says why in the error summary.
    await page.goto("/trainer");
    await trainer.arrive("Training records", { focus: "none" });
    const tab = await device.context.newPage();
    await tab.goto("/sign-out");
    await tab.waitForFunction(() => document.title.startsWith("You have signed out"));
    await tab.close();
    await trainer.activate(page.getByRole("link", { name: /Export CSV/ }));
    await trainer.arrive("Error: Training records", { focus: "error-summary" });
    const refused = page.locator(".govuk-error-summary");
    expect(await refused.textContent()).toContain(
      "The export did not finish: You are not signed in or your session has ended.",
    );
    expect(await page.locator("#export-csv-status").textContent()).toBe("The export did not finish");
    await trainer.activate(refused.getByRole("link", { name: /The export did not finish/ }));
    await expect.poll(() => page.evaluate(() => document.activeElement?.id)).toBe("export-csv");
    expect(device.errors).toEqual([]);
    await device.context.close();
  });

  it("counts an officer who completes module 3 in the evidence view", async () => {
    const { device: desk, trainer } = await signInTrainer("pointer");
    /** People completed per recommendation answered by module 3, read from the evidence table. */
    const completedBySpo = async () => {
      await desk.page.goto("/trainer/evidence");
      await trainer.arrive("Evidence against the action plan", { focus: "none" });
      return desk.page
        .getByRole("table", { name: "Training evidence by recommendation" })
        .locator("tbody tr")
        .evaluateAll(
          (rows, title) =>
            rows
              .filter((row) => row.querySelectorAll("td")[0]?.textContent?.includes(title))
              .map((row) => Number(row.querySelectorAll("td")[2]?.textContent?.replace(/,/g, ""))),
          spoModule().title,
        );
    };
    const before = await completedBySpo();
    expect(before.length).toBeGreaterThan(0);

    const phone = await newDevice(live.browser, live.server.baseURL);
    const officer = new Officer(phone.page, "pointer");
    await signIn(officer, await live.server.newOfficer());
    await openModule(officer, "Not started");
    await officer.activate(phone.page.getByRole("button", { name: "Start module" }));
    await readLessons(officer);
    await takeKnowledgeCheck(officer, true);
    await phone.context.close();

    expect(await completedBySpo()).toEqual(before.map((people) => people + 1));
    expect(desk.errors).toEqual([]);
    await desk.context.close();
  });

  it("shows when counts were taken only when the server served them from its counts cache", async () => {
    const { device, trainer, page } = await signInTrainer("pointer");
    // The demo force is small, so its counts are live: no "counts as of".
    await page.goto("/trainer?jobRole=staff");
    await trainer.arrive("Training records", { focus: "none" });
    expect(await page.locator("#counts-as-of").count()).toBe(0);

    // At a million learners the counts come from the cache; the browser gets the server's own answer marked so.
    const countedAt = "2026-06-15T09:42:05.000Z";
    await page.route(/\/api\/trainer\/(grid\/summary|charts)(\?|$)/, async (route) => {
      const response = await route.fetch();
      const body = (await response.json()) as Record<string, unknown>;
      expect(body.cached).toBe(false);
      await route.fulfill({ response, json: { ...body, countedAt, cached: true } });
    });
    await page.goto("/trainer?jobRole=investigator");
    await trainer.arrive("Training records", { focus: "none" });
    const hint = page.locator("#counts-as-of");
    // 09:42:05 UTC is 10:42:05 in London in June (BST).
    expect(await hint.textContent()).toBe("Counts as of 10:42:05");
    expect(await hint.getAttribute("class")).toContain("govuk-hint");
    await trainer.activate(page.getByRole("link", { name: "Charts for this filter" }));
    await trainer.arrive("Training charts");
    expect(await page.locator("#counts-as-of").textContent()).toBe("Counts as of 10:42:05");
    expect(device.errors).toEqual([]);
    await device.context.close();
  });

  it("opens a bookmarked page of the records and goes back page by page with Previous", async () => {
    // The address of page 3 (Z to A), as someone would have bookmarked it or had it shared with them.
    const setup = await newDevice(live.browser, live.server.baseURL);
    await signIn(new Officer(setup.page, "pointer"), demoTrainer, "Training overview");
    const pages = await setup.page.evaluate(async () => {
      const read: { names: string[][]; next: string | null }[] = [];
      let after: string | null = null;
      for (let n = 0; n < 3; n += 1) {
        const query = new URLSearchParams({ sort: "name", direction: "desc", ...(after === null ? {} : { after }) });
        const body = (await (await fetch(`/api/trainer/grid?${query.toString()}`)).json()) as {
          rows: { displayName: string; collarNumber: string | null }[];
          nextCursor: string | null;
        };
        read.push({
          names: body.rows.map((row) => [row.displayName, row.collarNumber ?? "None"]),
          next: body.nextCursor,
        });
        after = body.nextCursor;
      }
      return read;
    });
    await setup.context.close();
    const [first, second, third] = pages;
    if (!first?.next || !second?.next || !third) throw new Error("the demo force should fill three pages");

    // A new tab remembers nothing: Previous works from the address alone.
    const device = await newDevice(live.browser, live.server.baseURL);
    const trainer = new Officer(device.page, "keyboard");
    const { page } = device;
    await signIn(new Officer(page, "pointer"), demoTrainer, "Training overview");
    await page.goto(`/trainer?sort=name&direction=desc&after=${encodeURIComponent(second.next)}`);
    await trainer.arrive("Training records", { focus: "none" });
    const names = async () => (await gridRows(page)).map((row) => row.slice(0, 2));
    expect(await names()).toEqual(third.names);
    // The export still holds the whole view, never one page of it.
    const exportHref = (await page.getByRole("link", { name: /Export CSV/ }).getAttribute("href")) ?? "";
    expect(exportHref).toContain("direction=desc");
    expect(exportHref).not.toMatch(/after=|before=/);

    await trainer.activate(page.getByRole("link", { name: /Previous/ }));
    await trainer.arrive("Training records");
    expect(new URL(page.url()).searchParams.get("before")).not.toBeNull();
    expect(new URL(page.url()).searchParams.get("direction")).toBe("desc");
    expect(await names()).toEqual(second.names);

    await trainer.activate(page.getByRole("link", { name: /Previous/ }));
    await trainer.arrive("Training records");
    expect(await names()).toEqual(first.names);
    // The first page has nowhere further back to go.
    expect(await page.getByRole("link", { name: /Previous/ }).count()).toBe(0);

    // And a bookmark of a page reached with Previous goes forward again.
    await trainer.activate(page.getByRole("link", { name: /Next/ }));
    await trainer.arrive("Training records");
    expect(await names()).toEqual(second.names);
    const bookmarked = page.url();
    await page.goto(bookmarked);
    await trainer.arrive("Training records", { focus: "none" });
    await trainer.activate(page.getByRole("link", { name: /Previous/ }));
    await trainer.arrive("Training records");
    expect(await names()).toEqual(first.names);
    expect(device.errors).toEqual([]);
    await device.context.close();
  });

  it("moves a demo officer whose pass predates a material change to content changed, renew by the grace period", async () => {
    const module = spoModule();
    const material = module.history.find((release) => release.material);
    const before = module.history.find((release) => material !== undefined && release.date < material.date);
    if (!material || !before) throw new Error("module 3 should have a material release after its first");
    const credentials = await live.server.passedAtVersion(module.id, before.version);
    const device = await newDevice(live.browser, live.server.baseURL);
    const officer = new Officer(device.page, "keyboard");
    await signIn(officer, credentials);
    // The demo force keeps the default grace period of 90 days from the change.
    const renewBy = new Date(Date.parse(`${material.date}T00:00:00Z`) + 90 * 86_400_000);
    const words = new Intl.DateTimeFormat("en-GB", { day: "numeric", month: "long", year: "numeric", timeZone: "UTC" });
    const item = device.page.locator(".app-module-list__item").filter({ hasText: module.title });
    expect(await item.textContent()).toContain(`Content changed — renew by ${words.format(renewBy)}`);
    expect(device.errors).toEqual([]);
    await device.context.close();

    // The trainer's list of affected learners has them, with the same date, and the trainer can lengthen the
    // grace period, which moves everyone's renew-by date. By keyboard, from the records page.
    const desk = await signInTrainer("keyboard");
    await desk.page.goto("/trainer");
    await desk.trainer.arrive("Training records", { focus: "none" });
    await desk.trainer.activate(desk.page.getByRole("link", { name: "Content changes to renew" }));
    await desk.trainer.arrive("Content changes to renew");
    const row = desk.page
      .getByRole("row")
      .filter({ hasText: credentials.displayName })
      .filter({ hasText: module.title });
    expect(await row.textContent()).toContain(words.format(renewBy));

    const grace = desk.page.getByLabel("Days learners have to renew after a content change");
    await desk.trainer.retype(grace, "400");
    await desk.trainer.activate(desk.page.getByRole("button", { name: "Save grace period" }));
    await desk.trainer.arrive("Content changes to renew", { focus: "error-summary" });
    expect(await desk.page.locator(".govuk-error-summary").textContent()).toContain(
      "The number of days must be 366 or fewer",
    );

    await desk.trainer.retype(grace, "120");
    await desk.trainer.activate(desk.page.getByRole("button", { name: "Save grace period" }));
    await desk.page.getByText("Grace period saved").waitFor();
    await desk.trainer.arrive("Content changes to renew", { focus: "none" });
    const later = new Date(Date.parse(`${material.date}T00:00:00Z`) + 120 * 86_400_000);
    expect(await row.textContent()).toContain(words.format(later));

    // Put the demo force back as it was for the tests that follow.
    await desk.trainer.retype(grace, "90");
    await desk.trainer.activate(desk.page.getByRole("button", { name: "Save grace period" }));
    await desk.page.getByText("now have 90 days to renew").waitFor();
    expect(desk.device.errors).toEqual([]);
    await desk.device.context.close();
  });

  it("lands a trainer on the overview, which leads to the most overdue people in one click and exports them, at 320 px too", async () => {
    const { device, trainer, page } = await signInTrainer("keyboard");
    // Landed on the overview: whole-force overdue and due-soon figures, and overdue by unit.
    const overdueFigure = page.locator(".app-overview-figure").filter({ hasText: "Overdue" });
    const overdue = Number(((await overdueFigure.locator("p").first().textContent()) ?? "").replace(/[^\d]/g, ""));
    expect(overdue).toBeGreaterThan(0);
    expect(await page.getByRole("table", { name: "People with an overdue module, by unit" }).count()).toBe(1);
    await page.setViewportSize({ width: 320, height: 700 });
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(320);
    await page.setViewportSize({ width: 1366, height: 900 });

    await trainer.activate(page.getByRole("link", { name: /See who is overdue/ }));
    await trainer.arrive("Training records");
    const address = new URL(page.url()).searchParams;
    expect(address.get("status")).toBe("overdue");
    // One click lands on the most overdue people first, and the form says that is the order.
    expect(address.get("sort")).toBe("overdue");
    expect(await page.getByLabel("Sort by").locator("option:checked").textContent()).toBe("Most overdue first");
    expect(await matching(page)).toBe(overdue);
    const overdueSince = await page
      .getByRole("table", { name: "Completion by learner" })
      .locator("tbody tr")
      .evaluateAll((rows) =>
        rows.map((row) =>
          // Each overdue cell shows its due date; the row's earliest one is how long the person has been overdue.
          Math.min(
            ...[...row.querySelectorAll("td")]
              .filter((cell) => /Overdue/.test(cell.textContent ?? ""))
              .map((cell) => Date.parse(/(\d{1,2} \w+ \d{4})/.exec(cell.textContent ?? "")?.[1] ?? "")),
          ),
        ),
      );
    expect(overdueSince.length).toBeGreaterThan(1);
    expect(overdueSince.every((day) => Number.isFinite(day))).toBe(true);
    expect(overdueSince).toEqual([...overdueSince].sort((a, b) => a - b));

    // The export is the same people, in a file named for the filter and the day.
    const saved = await exportWithProgress(trainer);
    expect(saved.filename).toMatch(/^training-records-essex-overdue-\d{4}-\d{2}-\d{2}\.csv$/);
    expect(saved.lines.length - 1).toBe(overdue);
    expect(device.errors).toEqual([]);
    await device.context.close();
  });

  it("publishes the action plan as a page named for the force and day, with each recommendation's words and dates in words, that fits 320 px", async () => {
    const { device, trainer, page } = await signInTrainer("keyboard");
    await page.goto("/trainer/evidence");
    await trainer.arrive("Evidence against the action plan", { focus: "none" });
    const download = page.waitForEvent("download");
    await trainer.activate(page.getByRole("link", { name: /Download the plan as a web page/ }));
    const file = await download;
    expect(file.suggestedFilename()).toMatch(/^essex-stalking-action-plan-progress-\d{4}-\d{2}-\d{2}\.html$/);
    const html = readFileSync(await file.path(), "utf8");

    // The file stands alone on a force website: open it as a visitor would, on a small phone and on a desk.
    const reader = await device.context.newPage();
    for (const width of [320, 375, 1366]) {
      await reader.setViewportSize({ width, height: 800 });
      await reader.setContent(html);
      const sizes = await reader.evaluate(() => ({
        page: document.documentElement.scrollWidth,
        widest: Math.max(...[...document.querySelectorAll("body *")].map((el) => el.getBoundingClientRect().right)),
      }));
      expect(sizes.page, `page width at ${width} px`).toBeLessThanOrEqual(width);
      expect(sizes.widest, `widest element at ${width} px`).toBeLessThanOrEqual(width);
      await expectAccessible(reader);
    }
    // Each recommendation says what it asks (from the recommendations package), not only its number.
    const heading = reader.getByRole("heading", {
      name: /^Recommendation 10\.1: Stalking training, policy and practice$/,
    });
    expect(await heading.count()).toBe(1);
    const text = (await reader.locator("main").textContent()) ?? "";
    expect(text).toContain(
      "What it asks: Training covers the stalking learning outcomes of the national public protection curriculum.",
    );
    // Dates in words, GOV.UK style; never an ISO date in what a person reads.
    expect(text).toMatch(
      /Published \d{1,2} (January|February|March|April|May|June|July|August|September|October|November|December) \d{4}\./,
    );
    expect(text).not.toMatch(/\d{4}-\d{2}-\d{2}(?!\.json)/);
    // Its link to the data points at the JSON file the same link on the evidence page downloads.
    const dataLink = reader.getByRole("link", { name: /\.json$/ });
    expect(await dataLink.getAttribute("href")).toBe(file.suggestedFilename().replace(/\.html$/, ".json"));
    const json = page.waitForEvent("download");
    await trainer.activate(page.getByRole("link", { name: /Download the plan as data/ }));
    expect((await json).suggestedFilename()).toBe(await dataLink.getAttribute("href"));
    expect(device.errors).toEqual([]);
    await device.context.close();
  });

  it("downloads a module as a SCORM 1.2 package from the trainer area, by keyboard", async () => {
    const { device, trainer, page } = await signInTrainer("keyboard");
    await page.goto("/trainer");
    await trainer.arrive("Training records", { focus: "none" });
    await trainer.activate(page.getByRole("link", { name: /Courses for other learning platforms/ }));
    await trainer.arrive("Courses for other learning platforms");
    const link = page.getByRole("link", { name: "Stalking Protection Orders, SCORM 1.2" });
    const download = page.waitForEvent("download");
    await trainer.activate(link);
    const file = await download;
    expect(file.suggestedFilename()).toMatch(/^stalking-response-stalking-protection-orders-[\d.]+-scorm12\.zip$/);
    const path = await file.path();
    expect(readFileSync(path).subarray(0, 2).toString("latin1")).toBe("PK");
    expect(device.errors).toEqual([]);
    await device.context.close();
  });

  it("tells an officer they do not have access, and the API refuses them too", async () => {
    const device = await newDevice(live.browser, live.server.baseURL);
    const officer = new Officer(device.page, "pointer");
    await signIn(officer, await live.server.newOfficer());
    // No link to the trainer pages in the officer's menu.
    expect(await device.page.locator('a[href="/trainer"]').count()).toBe(0);
    await device.page.goto("/trainer");
    await officer.arrive("You do not have access", { focus: "none" });
    expect(device.errors).toEqual([]);
    // Hiding the page is a courtesy; the server is what refuses.
    const status = await device.page.evaluate(async () => (await fetch("/api/trainer/grid")).status);
    expect(status).toBe(403);
    await device.context.close();
  });
});
