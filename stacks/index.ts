export { SettingsError, formatProblems } from "./errors";
export type { SettingProblem } from "./errors";
export { NAMESPACE, configTree, loadSettings, pathText, readPulumiConfig, resolveSettings } from "./load";
export { NAT_STRATEGIES } from "./network";
export type { NatStrategy } from "./network";
export { PROFILES, merge } from "./profiles";
export { ENVIRONMENTS, LOG_RETENTION_DAYS, settingsSchema } from "./schema";
export type { Environment, Settings, SettingsInput } from "./schema";
