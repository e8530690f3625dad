export { SettingsError, formatProblems } from "./errors";
export type { SettingProblem } from "./errors";
export { ENGINE_NAMESPACES, NAMESPACE, configKeyProblems, configTree, loadSettings, pathText, readPulumiConfig, resolveSettings } from "./load";
export type { ResolveMode } from "./load";
export { EXAMPLE_VALUES, exampleValueProblems } from "./examples";
export { PROFILES, merge } from "./profiles";
export { ENVIRONMENTS, LOG_RETENTION_DAYS, settingsSchema } from "./schema";
export type { Environment, Settings, SettingsInput } from "./schema";
