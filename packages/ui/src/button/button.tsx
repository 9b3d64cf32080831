import { useRef } from "react";
import type { ComponentPropsWithRef, KeyboardEvent, MouseEvent, ReactNode } from "react";
import { classNames } from "../internal/class-names";

/** How prominent a button is; GOV.UK allows one primary action per page. */
export type ButtonVariant = "primary" | "secondary" | "warning" | "inverse";

interface ButtonOwnProps {
  /** `secondary` for other actions, `warning` for destructive ones, `inverse` on dark backgrounds. */
  variant?: ButtonVariant | undefined;
  /** Adds the arrow used for the call to action that starts a service or journey. */
  isStartButton?: boolean | undefined;
  /**
   * Ignores a second click within one second, so an impatient double click does not submit a
   * form twice (e.g. recording the same action-plan update twice).
   */
  preventDoubleClick?: boolean | undefined;
  children: ReactNode;
}

/** Props for {@link Button}: every native `<button>` attribute plus the GOV.UK options. */
export interface ButtonProps extends ButtonOwnProps, Omit<ComponentPropsWithRef<"button">, "children"> {}

/** Props for {@link ButtonLink}: every native `<a>` attribute plus the GOV.UK options. */
export interface ButtonLinkProps
  extends Omit<ButtonOwnProps, "preventDoubleClick">, Omit<ComponentPropsWithRef<"a">, "children"> {
  href: string;
}

const DOUBLE_CLICK_WINDOW_MS = 1000;

function buttonClassName(variant: ButtonVariant, isStartButton: boolean, className: string | undefined): string {
  return classNames(
    "govuk-button",
    variant !== "primary" && `govuk-button--${variant}`,
    isStartButton && "govuk-button--start",
    className,
  );
}

function StartIcon() {
  return (
    <svg
      className="govuk-button__start-icon"
      xmlns="http://www.w3.org/2000/svg"
      width="17.5"
      height="19"
      viewBox="0 0 33 40"
      aria-hidden="true"
      focusable="false"
    >
      <path fill="currentColor" d="M0 0h13l20 20-20 20H0l20-20z" />
    </svg>
  );
}

/**
 * A GOV.UK button. Defaults to `type="submit"` like the native element inside a form.
 *
 * @example
 * ```tsx
 * <Button onClick={save}>Save and continue</Button>
 * <Button variant="secondary" type="button">Add another</Button>
 * ```
 */
export function Button({
  variant = "primary",
  isStartButton = false,
  preventDoubleClick = false,
  type = "submit",
  disabled,
  className,
  onClick,
  children,
  ...rest
}: ButtonProps) {
  const lastClick = useRef<number | null>(null);
  const handleClick = (event: MouseEvent<HTMLButtonElement>) => {
    if (preventDoubleClick) {
      const now = event.timeStamp;
      if (lastClick.current !== null && now - lastClick.current < DOUBLE_CLICK_WINDOW_MS) {
        event.preventDefault();
        return;
      }
      lastClick.current = now;
    }
    onClick?.(event);
  };
  return (
    <button
      type={type}
      disabled={disabled}
      aria-disabled={disabled ? true : undefined}
      className={buttonClassName(variant, isStartButton, className)}
      onClick={handleClick}
      {...rest}
    >
      {children}
      {isStartButton && <StartIcon />}
    </button>
  );
}

/**
 * A link styled as a GOV.UK button, for navigation that looks like an action (e.g. "Start now").
 * It has `role="button"`, so like a native button it also activates on Space.
 *
 * @example
 * ```tsx
 * <ButtonLink href="/screening/start" isStartButton>Start now</ButtonLink>
 * ```
 */
export function ButtonLink({
  href,
  variant = "primary",
  isStartButton = false,
  className,
  onKeyDown,
  children,
  ...rest
}: ButtonLinkProps) {
  const handleKeyDown = (event: KeyboardEvent<HTMLAnchorElement>) => {
    onKeyDown?.(event);
    if (!event.defaultPrevented && event.key === " ") {
      // role="button" promises Space activation, which a native link does not give.
      event.preventDefault();
      event.currentTarget.click();
    }
  };
  return (
    <a
      href={href}
      role="button"
      draggable="false"
      className={buttonClassName(variant, isStartButton, className)}
      onKeyDown={handleKeyDown}
      {...rest}
    >
      {children}
      {isStartButton && <StartIcon />}
    </a>
  );
}
