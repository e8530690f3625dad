export { SettingsError, formatProblems } from "./errors";
export { configKeyProblems, configTree, loadSettings, resolveSettings } from "./load";
export { EXAMPLE_VALUES, exampleValueProblems } from "./examples";
export { merge } from "./profiles";
export { ENVIRONMENTS, settingsSchema } from "./schema";
export type { Settings } from "./schema";
