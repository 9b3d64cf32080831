import { render, screen } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { createRef } from "react";
import { afterEach, describe, expect, it, vi } from "vitest";
import { expectNoAxeViolations } from "../test-utils/axe";
import { Certificate, type CertificateProps } from "./certificate";
import { formatCalendarDate } from "../internal/dates";

const props: CertificateProps = {
  learnerName: "Asha Patel",
  courseTitle: "Stalking: identification and first response",
  completedOn: "2026-11-27",
  issuer: "Essex Police",
  verificationId: "SRT-7F3K-92QD",
  verificationUrl: "https://training.example.org/verify",
};

afterEach(() => {
  vi.restoreAllMocks();
});

describe("Certificate", () => {
  it("has no axe violations", async () => {
    const { container } = render(<Certificate {...props} modules={["Identifying stalking", "Risk screening"]} />);
    await expectNoAxeViolations(container);
  });

  it("names the learner, course, date and verification id", () => {
    render(<Certificate {...props} />);
    const certificate = screen.getByRole("article", { name: "Certificate of completion" });
    expect(screen.getByRole("heading", { level: 1, name: "Certificate of completion" })).toBeInTheDocument();
    expect(certificate).toHaveTextContent("Asha Patel");
    expect(certificate).toHaveTextContent("Stalking: identification and first response");
    expect(screen.getByText("27 November 2026")).toHaveAttribute("datetime", "2026-11-27");
    expect(screen.getByText("SRT-7F3K-92QD")).toBeInTheDocument();
    expect(screen.getByRole("link", { name: "https://training.example.org/verify" })).toHaveAttribute(
      "href",
      "https://training.example.org/verify",
    );
  });

  it("prints its expiry and a scannable code beside the address, hidden from assistive technology", () => {
    const { container } = render(
      <Certificate {...props} validUntil="2027-11-27" verificationCode={<svg data-testid="code" />} />,
    );
    expect(screen.getByText("27 November 2027")).toHaveAttribute("datetime", "2027-11-27");
    expect(screen.getByRole("article")).toHaveTextContent("Valid until 27 November 2027");
    expect(container.querySelector("[aria-hidden='true'] [data-testid='code']")).not.toBeNull();
  });

  it("refuses a valid-until that is not a calendar date", () => {
    vi.spyOn(console, "error").mockImplementation(() => undefined);
    expect(() => render(<Certificate {...props} validUntil="2027-02-30" />)).toThrow(RangeError);
  });

  it("lists the modules covered", () => {
    render(<Certificate {...props} modules={["Identifying stalking", "Risk screening"]} />);
    const list = screen.getByRole("list", { name: "Modules covered" });
    expect(list).toHaveTextContent("Identifying stalking");
    expect(list).toHaveTextContent("Risk screening");
  });

  it("prints from the keyboard", async () => {
    const user = userEvent.setup();
    const print = vi.spyOn(window, "print").mockImplementation(() => undefined);
    render(<Certificate {...props} />);
    await user.tab();
    await user.tab();
    expect(screen.getByRole("button", { name: "Print certificate" })).toHaveFocus();
    await user.keyboard("{Enter}");
    expect(print).toHaveBeenCalledTimes(1);
  });

  it("can leave out the print button and use a lower heading", () => {
    render(<Certificate {...props} showPrintButton={false} headingLevel={2} />);
    expect(screen.queryByRole("button")).not.toBeInTheDocument();
    expect(screen.getByRole("heading", { level: 2, name: "Certificate of completion" })).toBeInTheDocument();
  });

  it("refuses a date that does not exist, naming the prop", () => {
    vi.spyOn(console, "error").mockImplementation(() => undefined);
    expect(() => render(<Certificate {...props} completedOn="2026-02-30" />)).toThrow(/completedOn.*2026-02-30/);
  });

  it("forwards its ref and rest props", () => {
    const ref = createRef<HTMLElement>();
    render(<Certificate {...props} ref={ref} data-testid="certificate" />);
    expect(ref.current).toBe(screen.getByTestId("certificate"));
  });
});

describe("formatCalendarDate", () => {
  it("writes dates the GOV.UK way without drifting across time zones", () => {
    expect(formatCalendarDate("2026-01-01")).toBe("1 January 2026");
    expect(formatCalendarDate("2024-02-29")).toBe("29 February 2024");
  });

  it("rejects what is not a calendar date", () => {
    expect(formatCalendarDate("2025-02-29")).toBeUndefined();
    expect(formatCalendarDate("27/11/2026")).toBeUndefined();
    expect(formatCalendarDate("2026-13-01")).toBeUndefined();
  });
});
