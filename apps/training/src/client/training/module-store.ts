import type { ModuleDetailResponse, ModuleProgress } from "../../shared/api";
import type { ApiResult } from "../api/client";
import { getModule } from "../api/endpoints";

/**
 * Module content changes only with a new curriculum release, so one fetch serves every lesson and question
 * page of a visit; the progress part is replaced by whatever the server answers after each write.
 */
const modules = new Map<string, ModuleDetailResponse>();

/** The module from memory, or from the server when it is not held yet (or `fresh` is asked for). */
export async function loadModule(moduleId: string, fresh = false): Promise<ApiResult<ModuleDetailResponse>> {
  const held = modules.get(moduleId);
  if (held && !fresh) return { ok: true, data: held };
  const result = await getModule(moduleId);
  if (result.ok) modules.set(moduleId, result.data);
  return result;
}

/** Records the server's latest word on the officer's progress in a module. */
export function updateProgress(moduleId: string, progress: ModuleProgress) {
  const held = modules.get(moduleId);
  if (held) modules.set(moduleId, { ...held, progress });
}

/** Forgets everything held, so the next officer on a shared device sees only their own progress. */
export function forgetModules() {
  modules.clear();
}
