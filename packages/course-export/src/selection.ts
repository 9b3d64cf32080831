import {
  LessonSchema,
  ModuleIdSchema,
  SourceSchema,
  moduleIds,
  moduleSources,
  type Course,
  type Module,
  type ModuleId,
  type Source,
} from "@stalking-response/curriculum";
import { z } from "zod";

/** A problem with export input, naming the field and the reason. */
export interface ExportIssue {
  path: (string | number)[];
  message: string;
}

/** The one result shape: the value, or every reason there is none. */
export type ExportResult<T> = { ok: true; value: T } | { ok: false; issues: ExportIssue[] };

/**
 * A force's own lesson, added to the modules it names (all five when `modules` is left out), as recommendation 10
 * asks training to include local policy. The lesson is written like any curriculum lesson (`LessonSchema`) and its
 * factual blocks cite the sources listed here or the module's own.
 *
 * @example LocalPolicySchema.parse({ force: "Example Constabulary", sources: [...], lesson: { id: "local-policy",
 *   title: "Our force's stalking policy", summary: "…", blocks: [...] } });
 */
export const LocalPolicySchema = z.strictObject({
  force: z.string().trim().min(1, "must name the force").max(120, "must be at most 120 characters"),
  lesson: LessonSchema,
  sources: z.array(SourceSchema).min(1, "list the force's policy documents the lesson cites"),
  modules: z.array(ModuleIdSchema).min(1, "name at least one module, or leave the field out for all").optional(),
});

/** A force's local-policy lesson and its sources. */
export type LocalPolicy = z.infer<typeof LocalPolicySchema>;

/** What to put in a package. */
export const ExportOptionsSchema = z.strictObject({
  /** The modules to include, in course order; all five when left out. One module gives a one-SCO/one-AU package. */
  modules: z.array(ModuleIdSchema).min(1, "name at least one module").optional(),
  localPolicy: LocalPolicySchema.optional(),
  /**
   * Where activity and package identifiers start (cmi5 course, block and AU ids are IRIs). A force that hosts
   * its own copy may use its own https IRI; the default is a URN that names this toolkit.
   */
  idBase: z
    .string()
    .regex(/^(?:https:\/\/[^\s]+\/|urn:[a-z0-9][a-z0-9-]{0,31}:[^\s]*)$/i, "must be an https IRI ending in / or a URN")
    .default("urn:stalking-response-toolkit:"),
});

/** Options for {@link exportScorm12} and {@link exportCmi5}, as written by a caller. */
export type ExportOptions = z.input<typeof ExportOptionsSchema>;

/** One module as it goes into a package: its lessons (with any local lesson last) and the sources it cites. */
export interface PackagedModule {
  readonly module: Module;
  readonly sources: readonly Source[];
  /** The force whose local-policy lesson was added, if any. */
  readonly localPolicyForce?: string | undefined;
}

/** What a package is built from, after checks. */
export interface PackagePlan {
  readonly course: Course;
  readonly modules: readonly PackagedModule[];
  readonly idBase: string;
  /** True when the package holds every module of the course. */
  readonly wholeCourse: boolean;
}

const zodIssues = (issues: readonly z.core.$ZodIssue[], prefix: (string | number)[] = []): ExportIssue[] =>
  issues.map((issue) => ({
    path: [...prefix, ...issue.path.map((part) => (typeof part === "symbol" ? String(part) : part))],
    message: issue.message,
  }));

function localPolicyIssues(course: Course, policy: LocalPolicy, modules: readonly Module[]): ExportIssue[] {
  const issues: ExportIssue[] = [];
  const courseSourceIds = new Set(course.sources.map((source) => source.id));
  policy.sources.forEach((source, index) => {
    if (courseSourceIds.has(source.id)) {
      issues.push({
        path: ["localPolicy", "sources", index, "id"],
        message: `"${source.id}" is already a course source; give the force's document its own id`,
      });
    }
  });
  const localIds = new Set(policy.sources.map((source) => source.id));
  policy.lesson.blocks.forEach((block, blockIndex) => {
    const path = ["localPolicy", "lesson", "blocks", blockIndex];
    if (block.kind === "image" || block.kind === "practice-screening") {
      issues.push({ path: [...path, "kind"], message: `${block.kind} blocks cannot go in a local-policy lesson yet` });
      return;
    }
    if (!("sources" in block)) return;
    block.sources.forEach((id, sourceIndex) => {
      const citedByEveryModule = modules.every((module) => module.sources.includes(id));
      if (!localIds.has(id) && !citedByEveryModule) {
        issues.push({
          path: [...path, "sources", sourceIndex],
          message: `unknown source "${id}": list it in localPolicy.sources`,
        });
      }
    });
  });
  for (const module of modules) {
    if (module.lessons.some((lesson) => lesson.id === policy.lesson.id)) {
      issues.push({
        path: ["localPolicy", "lesson", "id"],
        message: `"${policy.lesson.id}" is already a lesson of module "${module.id}"; choose another id`,
      });
    }
  }
  return issues;
}

/**
 * Checks export options against a course and plans the package: which modules, in course order, each with the
 * force's lesson added last where asked.
 */
export function planPackage(course: Course, options: unknown = {}): ExportResult<PackagePlan> {
  const parsed = ExportOptionsSchema.safeParse(options ?? {});
  if (!parsed.success) return { ok: false, issues: zodIssues(parsed.error.issues) };
  const wanted = new Set<ModuleId>(parsed.data.modules ?? moduleIds);
  const chosen = course.modules.filter((module) => wanted.has(module.id));
  const issues: ExportIssue[] = [];
  parsed.data.modules?.forEach((id, index) => {
    if (!course.modules.some((module) => module.id === id)) {
      issues.push({ path: ["modules", index], message: `"${id}" is not a module of this course` });
    }
  });
  for (const module of chosen) {
    module.lessons.forEach((lesson, lessonIndex) =>
      lesson.blocks.forEach((block, blockIndex) => {
        if (block.kind === "image") {
          issues.push({
            path: ["course", "modules", module.id, "lessons", lessonIndex, "blocks", blockIndex],
            message: "image blocks cannot be packaged yet: the package would need the image files",
          });
        }
      }),
    );
  }
  const policy = parsed.data.localPolicy;
  const policyModules = policy ? chosen.filter((module) => (policy.modules ?? moduleIds).includes(module.id)) : [];
  if (policy) issues.push(...localPolicyIssues(course, policy, policyModules));
  if (issues.length > 0) return { ok: false, issues };

  const modules = chosen.map((module): PackagedModule => {
    const sources = moduleSources(course, module);
    if (!policy || !policyModules.includes(module)) return { module, sources };
    return {
      module: {
        ...module,
        sources: [...module.sources, ...policy.sources.map((source) => source.id)],
        lessons: [...module.lessons, policy.lesson],
      },
      sources: [...sources, ...policy.sources],
      localPolicyForce: policy.force,
    };
  });
  return {
    ok: true,
    value: { course, modules, idBase: parsed.data.idBase, wholeCourse: modules.length === course.modules.length },
  };
}
