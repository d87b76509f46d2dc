export {Direction, GradeKey, Policy} from "./policy.ts";
export {isPresetName, mof, presets, xinjiang, type PresetName} from "./presets.ts";
export {loadPolicy, resolvePolicy} from "./loadPolicy.ts";
export {inlinePolicy, policySql, sqlLiteral} from "./policySql.ts";
