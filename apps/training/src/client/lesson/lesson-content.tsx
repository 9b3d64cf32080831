import type { Lesson, LessonBlock, ModuleDetailResponse } from "../../shared/api";
import { Link } from "../routing/router";

const jurisdictionNames: Record<string, string> = {
  "england-and-wales": "England and Wales",
  scotland: "Scotland",
  "northern-ireland": "Northern Ireland",
  "united-kingdom": "the United Kingdom",
};

/** A lesson's blocks in order, then the sources they cite, so every fact can be checked. */
export function LessonContent({ lesson, module }: { lesson: Lesson; module: ModuleDetailResponse }) {
  const cited = new Set(lesson.blocks.flatMap((block) => ("sources" in block ? block.sources : [])));
  const sources = module.sources.filter((source) => cited.has(source.id));
  return (
    <>
      {lesson.blocks.map((block) => (
        <Block key={block.id} block={block} moduleId={module.id} />
      ))}
      {sources.length === 0 ? null : (
        <details className="govuk-details">
          <summary className="govuk-details__summary">
            <span className="govuk-details__summary-text">Sources for this lesson</span>
          </summary>
          <div className="govuk-details__text">
            <ul className="govuk-list">
              {sources.map((source) => (
                <li key={source.id}>
                  <a className="govuk-link" href={source.url} rel="noreferrer" target="_blank">
                    {source.title} (opens in new tab)
                  </a>
                  , {source.publisher}, {source.date}
                </li>
              ))}
            </ul>
          </div>
        </details>
      )}
    </>
  );
}

function Paragraphs({ text }: { text: string }) {
  return text
    .split(/\n\s*\n/)
    .map((paragraph) => paragraph.trim())
    .filter(Boolean)
    .map((paragraph, index) => (
      <p className="govuk-body" key={index}>
        {paragraph}
      </p>
    ));
}

function Jurisdiction({ block }: { block: LessonBlock }) {
  if (!("jurisdiction" in block) || block.jurisdiction === "england-and-wales") return null;
  return <p className="govuk-body-s">Applies in {jurisdictionNames[block.jurisdiction] ?? block.jurisdiction}.</p>;
}

function Block({ block, moduleId }: { block: LessonBlock; moduleId: string }) {
  switch (block.kind) {
    case "text":
      return (
        <section>
          {block.title === undefined ? null : <h2 className="govuk-heading-m">{block.title}</h2>}
          <Paragraphs text={block.body} />
          <Jurisdiction block={block} />
        </section>
      );
    case "key-facts":
    case "checklist":
      return (
        <section>
          <h2 className="govuk-heading-m">{block.title}</h2>
          <ul className="govuk-list govuk-list--bullet">
            {block.items.map((item) => (
              <li key={item}>{item}</li>
            ))}
          </ul>
          <Jurisdiction block={block} />
        </section>
      );
    case "law":
      return (
        <section className="govuk-inset-text">
          <h2 className="govuk-heading-s">
            What the law says: {block.legislation}, {block.section}
          </h2>
          <Paragraphs text={block.summary} />
          <Jurisdiction block={block} />
        </section>
      );
    case "scenario":
      return (
        <section className="app-scenario">
          <h2 className="govuk-heading-m">Scenario: {block.title}</h2>
          <Paragraphs text={block.body} />
          {block.prompts.length === 0 ? null : (
            <>
              <h3 className="govuk-heading-s">Think about</h3>
              <ul className="govuk-list govuk-list--bullet">
                {block.prompts.map((prompt) => (
                  <li key={prompt}>{prompt}</li>
                ))}
              </ul>
            </>
          )}
        </section>
      );
    case "callout":
      return block.variant === "warning" ? (
        <div className="govuk-warning-text">
          <span className="govuk-warning-text__icon" aria-hidden="true">
            !
          </span>
          <div className="govuk-warning-text__text">
            <span className="govuk-visually-hidden">Warning: </span>
            <strong>{block.title}</strong>
            <Paragraphs text={block.body} />
          </div>
        </div>
      ) : (
        <div className="govuk-inset-text">
          <h2 className="govuk-heading-s">{block.title}</h2>
          <Paragraphs text={block.body} />
        </div>
      );
    case "image":
      return (
        <figure className="app-figure">
          <img src={`/content/${block.src}`} alt={block.alt} />
          {block.caption === undefined ? null : <figcaption className="govuk-body-s">{block.caption}</figcaption>}
        </figure>
      );
    case "practice-screening":
      return (
        <section className="govuk-inset-text">
          <h2 className="govuk-heading-m">{block.title}</h2>
          <Paragraphs text={block.briefing} />
          <p className="govuk-body">
            <Link to={{ name: "practice-screening", moduleId }}>Start the practice screening</Link>
          </p>
        </section>
      );
  }
}
