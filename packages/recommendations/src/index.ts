export { RecommendationIdSchema } from "./ids";
export type { RecommendationId } from "./ids";
