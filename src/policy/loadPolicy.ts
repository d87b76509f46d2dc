import {readFileSync} from "node:fs";
import {basename} from "node:path";
import {z} from "zod";
import {Policy} from "./policy.ts";
import {isPresetName, presets} from "./presets.ts";

type Plain = Record<string, unknown>;

/**
 * A preset by name (`mof`, `xinjiang`), or a JSON file holding a partial override of a preset:
 * `{"extends": "xinjiang", "grades": {"bands": {"good": 75}}}` (base `mof` when `extends` is absent).
 */
export function loadPolicy(presetOrFile: string = "mof"): Policy {
  if (isPresetName(presetOrFile)) return presets[presetOrFile];
  let text: string;
  try {
    text = readFileSync(presetOrFile, "utf8");
  } catch (error) {
    throw new Error(`invalid policy: ${presetOrFile} is neither a preset (${Object.keys(presets).join(", ")}) nor a readable file (${(error as Error).message})`);
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (error) {
    throw new Error(`invalid policy file ${presetOrFile}: not JSON (${(error as Error).message})`);
  }
  return resolvePolicy(parsed, presetOrFile);
}

/** Deep-merges a partial override (plain JSON, optionally naming its base in `extends`) over a preset and validates it. */
export function resolvePolicy(override: unknown, origin = "override"): Policy {
  if (!isPlain(override)) throw new Error(`invalid policy ${origin}: expected a JSON object`);
  const {extends: base = "mof", ...rest} = override;
  if (typeof base !== "string" || !isPresetName(base)) {
    throw new Error(`invalid policy ${origin}: unknown preset in "extends": ${JSON.stringify(base)} (known: ${Object.keys(presets).join(", ")})`);
  }
  const merged = deepMerge(presets[base], {name: `${base}+${basename(origin)}`, ...rest});
  const result = Policy.safeParse(merged);
  if (!result.success) throw new Error(`invalid policy ${origin}:\n${z.prettifyError(result.error)}`);
  return result.data;
}

/**
 * A policy a build stored in `marts.build_info`, read back for the next build. Fields the policy gained
 * since that build are taken from the preset it was based on (its name up to any "+"), so a database
 * scored by an earlier version is rescored with its own values and the new fields' defaults.
 */
export function storedPolicy(json: string): Policy {
  const stored: unknown = JSON.parse(json);
  if (!isPlain(stored)) throw new Error("invalid stored policy: expected a JSON object");
  const base = typeof stored.name === "string" ? stored.name.split("+")[0]! : "mof";
  return Policy.parse(deepMerge(presets[isPresetName(base) ? base : "mof"], stored));
}

/** Objects merge key by key; arrays and values replace. */
function deepMerge(base: unknown, override: unknown): unknown {
  if (!isPlain(base) || !isPlain(override)) return override === undefined ? base : override;
  const out: Plain = {...base};
  for (const [key, value] of Object.entries(override)) out[key] = deepMerge(base[key], value);
  return out;
}

function isPlain(value: unknown): value is Plain {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}
