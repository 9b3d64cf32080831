/**
 * Every recommendation id the report has, so content cannot cite one that does not exist. Undefined until
 * `@stalking-response/recommendations` exports its id list; the id format is still checked by the schema.
 */
export const knownRecommendationIds: ReadonlySet<string> | undefined = undefined;
