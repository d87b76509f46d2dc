export {Direction, GradeKey, Policy} from "./policy.ts";
export {isPresetName, mof, presets, xinjiang, type PresetName} from "./presets.ts";
export {loadPolicy, resolvePolicy, storedPolicy} from "./loadPolicy.ts";
export {inlinePolicy, policySql, sqlLiteral} from "./policySql.ts";
