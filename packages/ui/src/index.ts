// Foundations
export { Button, ButtonLink } from "./button/button";
export type { ButtonLinkProps, ButtonProps, ButtonVariant } from "./button/button";

// Domain
