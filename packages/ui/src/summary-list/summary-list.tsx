import type { ComponentPropsWithRef, ReactNode } from "react";
import { classNames } from "../internal/class-names";

/** A link that changes or removes the answer in one row, or acts on a whole card. */
export interface SummaryListAction {
  href: string;
  /** The visible verb, e.g. "Change". */
  text: ReactNode;
  /** Completes the link for screen readers, e.g. "date of first incident" for "Change". */
  visuallyHiddenText?: string | undefined;
}

/** One question and answer in a {@link SummaryList}. */
export interface SummaryListRow {
  key: ReactNode;
  value: ReactNode;
  actions?: readonly SummaryListAction[] | undefined;
  className?: string | undefined;
}

/** Props for {@link SummaryList}. */
export interface SummaryListProps extends ComponentPropsWithRef<"dl"> {
  rows: readonly SummaryListRow[];
  /** Wraps the list in a summary card with this title (and card-level actions). */
  card?:
    | { title: ReactNode; actions?: readonly SummaryListAction[] | undefined; headingLevel?: 2 | 3 | 4 | 5 | 6 }
    | undefined;
}

function ActionLink({ action, suffix }: { action: SummaryListAction; suffix: string | undefined }) {
  return (
    <a className="govuk-link" href={action.href}>
      {action.text}
      {suffix !== undefined && suffix !== "" && <span className="govuk-visually-hidden"> {suffix}</span>}
    </a>
  );
}

/**
 * GOV.UK summary list: pairs of keys and values, used for "check your answers" pages and
 * record summaries, with optional "Change" links per row and an optional summary card.
 *
 * @example
 * ```tsx
 * <SummaryList rows={[{ key: "Fixated", value: "Yes", actions: [{ href: "/q/fixated", text: "Change", visuallyHiddenText: "fixated" }] }]} />
 * ```
 */
export function SummaryList({ rows, card, className, ...rest }: SummaryListProps) {
  // Inside a card every row's "Change" would sound alike across cards, so row actions name
  // the card too, as GOV.UK does.
  const cardName = card && typeof card.title === "string" ? `(${card.title})` : undefined;
  const rowSuffix = (action: SummaryListAction) =>
    [action.visuallyHiddenText, cardName].filter((part) => part !== undefined && part !== "").join(" ");
  const anyActions = rows.some((row) => (row.actions?.length ?? 0) > 0);
  const list = (
    <dl className={classNames("govuk-summary-list", className)} {...rest}>
      {rows.map((row, index) => {
        const actions = row.actions ?? [];
        return (
          <div
            key={index}
            className={classNames(
              "govuk-summary-list__row",
              anyActions && actions.length === 0 && "govuk-summary-list__row--no-actions",
              row.className,
            )}
          >
            <dt className="govuk-summary-list__key">{row.key}</dt>
            <dd className="govuk-summary-list__value">{row.value}</dd>
            {actions.length === 1 && actions[0] && (
              <dd className="govuk-summary-list__actions">
                <ActionLink action={actions[0]} suffix={rowSuffix(actions[0])} />
              </dd>
            )}
            {actions.length > 1 && (
              <dd className="govuk-summary-list__actions">
                <ul className="govuk-summary-list__actions-list">
                  {actions.map((action, actionIndex) => (
                    <li key={actionIndex} className="govuk-summary-list__actions-list-item">
                      <ActionLink action={action} suffix={rowSuffix(action)} />
                    </li>
                  ))}
                </ul>
              </dd>
            )}
          </div>
        );
      })}
    </dl>
  );
  if (!card) return list;
  const Title = `h${card.headingLevel ?? 2}` as const;
  const cardActions = card.actions ?? [];
  return (
    <div className="govuk-summary-card">
      <div className="govuk-summary-card__title-wrapper">
        <Title className="govuk-summary-card__title">{card.title}</Title>
        {cardActions.length === 1 && cardActions[0] && (
          <div className="govuk-summary-card__actions">
            <ActionLink action={cardActions[0]} suffix={cardActions[0].visuallyHiddenText ?? cardName} />
          </div>
        )}
        {cardActions.length > 1 && (
          <ul className="govuk-summary-card__actions">
            {cardActions.map((action, index) => (
              <li key={index} className="govuk-summary-card__action">
                <ActionLink action={action} suffix={action.visuallyHiddenText ?? cardName} />
              </li>
            ))}
          </ul>
        )}
      </div>
      <div className="govuk-summary-card__content">{list}</div>
    </div>
  );
}
