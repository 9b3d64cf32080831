import type { Block, Lesson, PracticeScreeningBlock, Source } from "@stalking-response/curriculum";
import { useId, type ComponentPropsWithRef, type ReactNode } from "react";
import { InsetText } from "../inset-text/inset-text";
import { classNames } from "../internal/class-names";
import { WarningText } from "../warning-text/warning-text";
import { Citation } from "./citation";

type HeadingLevel = 1 | 2 | 3;

/** Props for {@link LessonView}. */
export interface LessonViewProps extends Omit<ComponentPropsWithRef<"article">, "children"> {
  readonly lesson: Lesson;
  /** The course's sources, which block citations are resolved against (`course.sources`). */
  readonly sources: readonly Source[];
  /** Prefix for image blocks' relative `src`, e.g. `/assets/curriculum/`. */
  readonly imageBaseUrl?: string | undefined;
  /** Level of the lesson title; block titles sit one level below. A lesson page uses 1. */
  readonly headingLevel?: HeadingLevel | undefined;
  /**
   * Renders the interactive part of a practice screening (the host runs the screening machine on
   * the block's scenario, for example with `ScreeningWizard`). Without it only the briefing shows.
   */
  readonly renderPracticeScreening?: ((block: PracticeScreeningBlock) => ReactNode) | undefined;
}

function Heading({
  level,
  id,
  className,
  children,
}: {
  level: number;
  id?: string;
  className: string;
  children: ReactNode;
}) {
  const Tag = `h${Math.min(level, 6)}` as "h2";
  return (
    <Tag id={id} className={className}>
      {children}
    </Tag>
  );
}

/** Authored prose may hold blank-line paragraph breaks; each becomes a paragraph. */
function Paragraphs({ text }: { text: string }) {
  return (
    <>
      {text.split(/\n\s*\n/).map((paragraph, index) => (
        <p key={index} className="govuk-body">
          {paragraph.trim()}
        </p>
      ))}
    </>
  );
}

function joinUrl(base: string | undefined, path: string): string {
  if (base === undefined || base === "") return path;
  return `${base.replace(/\/+$/, "")}/${path}`;
}

function BlockView({
  block,
  level,
  sources,
  imageBaseUrl,
  renderPracticeScreening,
}: {
  block: Block;
  level: number;
  sources: readonly Source[];
  imageBaseUrl: string | undefined;
  renderPracticeScreening: LessonViewProps["renderPracticeScreening"];
}) {
  // Blocks are divisions under their own headings, not landmarks: a lesson can hold several
  // "What the law says" blocks, and a landmark per block would only crowd the landmark list.
  const section = (className: string, title: ReactNode, children: ReactNode) => (
    <div className={classNames("srt-lesson__block", className)}>
      {title !== undefined && (
        <Heading level={level} className="govuk-heading-m">
          {title}
        </Heading>
      )}
      {children}
    </div>
  );
  switch (block.kind) {
    case "text":
      return section(
        "srt-lesson__text",
        block.title,
        <>
          <Paragraphs text={block.body} />
          <Citation ids={block.sources} sources={sources} jurisdiction={block.jurisdiction} />
        </>,
      );
    case "key-facts":
    case "checklist":
      return section(
        `srt-lesson__${block.kind}`,
        block.title,
        <>
          <BulletList items={block.items} />
          <Citation ids={block.sources} sources={sources} jurisdiction={block.jurisdiction} />
        </>,
      );
    case "law":
      return section(
        "srt-lesson__law",
        "What the law says",
        <>
          <p className="govuk-body govuk-!-font-weight-bold">
            {block.legislation}, {block.section}
          </p>
          <Paragraphs text={block.summary} />
          <Citation ids={block.sources} sources={sources} jurisdiction={block.jurisdiction} />
        </>,
      );
    case "scenario":
      return section(
        "srt-lesson__scenario",
        <>
          <span className="govuk-caption-m">Scenario (fictional)</span>
          {block.title}
        </>,
        <>
          <Paragraphs text={block.body} />
          {block.prompts.length > 0 && (
            <>
              <p className="govuk-body govuk-!-font-weight-bold govuk-!-margin-bottom-1">Think about</p>
              <BulletList items={block.prompts} />
            </>
          )}
        </>,
      );
    case "callout": {
      const body = (
        <>
          {/* The title on its own line, so it reads as a heading of the callout, not the body's first words. */}
          <span className="srt-lesson__callout-title govuk-!-display-block govuk-!-font-weight-bold govuk-!-margin-bottom-1">
            {block.title}
          </span>
          {block.body}
        </>
      );
      return section(
        "srt-lesson__callout",
        undefined,
        <>
          {block.variant === "warning" ? <WarningText>{body}</WarningText> : <InsetText>{body}</InsetText>}
          <Citation ids={block.sources} sources={sources} jurisdiction={block.jurisdiction} />
        </>,
      );
    }
    case "image":
      return (
        <figure className="srt-lesson__block srt-lesson__image">
          <img src={joinUrl(imageBaseUrl, block.src)} alt={block.alt} />
          {block.caption !== undefined && <figcaption className="govuk-body-s">{block.caption}</figcaption>}
          <Citation ids={block.sources} sources={sources} />
        </figure>
      );
    case "practice-screening":
      return section(
        "srt-lesson__practice",
        block.title,
        <>
          <Paragraphs text={block.briefing} />
          {renderPracticeScreening?.(block)}
        </>,
      );
  }
}

/**
 * A curriculum lesson: its title and summary, then each content block in GOV.UK patterns — prose,
 * key facts, "What the law says" with the legislation and section, fictional scenarios with
 * prompts, checklists, information callouts (inset text) and safety warnings (warning text),
 * images with their alt text, and practice screenings. Every factual block names its sources and
 * where it applies, as the content rules require.
 *
 * @example
 * <LessonView lesson={module.lessons[0]} sources={course.sources} imageBaseUrl="/assets/curriculum" />
 */
export function LessonView({
  lesson,
  sources,
  imageBaseUrl,
  headingLevel = 1,
  renderPracticeScreening,
  className,
  ...rest
}: LessonViewProps) {
  const titleId = useId();
  return (
    <article className={classNames("srt-lesson", className)} aria-labelledby={titleId} {...rest}>
      <Heading level={headingLevel} id={titleId} className="govuk-heading-l">
        {lesson.title}
      </Heading>
      <p className="govuk-body-l">{lesson.summary}</p>
      {lesson.blocks.map((block) => (
        <BlockView
          key={block.id}
          block={block}
          level={headingLevel + 1}
          sources={sources}
          imageBaseUrl={imageBaseUrl}
          renderPracticeScreening={renderPracticeScreening}
        />
      ))}
    </article>
  );
}

function BulletList({ items }: { items: readonly string[] }) {
  return (
    <ul className="govuk-list govuk-list--bullet">
      {items.map((item) => (
        <li key={item}>{item}</li>
      ))}
    </ul>
  );
}
