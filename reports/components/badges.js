// Table cells for lights and grades: a coloured swatch beside the text, so colour is never the only cue.
import {html} from "npm:htl";
import {MISSING, gradeColor, lightColor, normalizeLight} from "./format.js";

function badge(color, text) {
  return html`<span class="jx-badge" style="white-space: nowrap;"><span style=${{
    display: "inline-block", width: "0.75em", height: "0.75em", "border-radius": "50%", "margin-right": "0.3em", background: color
  }}></span>${text}</span>`;
}

/** "红" / "red-ish spelling" → swatch + "红灯"; null → "—". */
export function LightBadge(light) {
  if (light == null || light === "") return MISSING;
  const l = normalizeLight(light);
  return badge(lightColor(light), l ? `${l}灯` : String(light));
}

/** A grade with its colour; null → "—". */
export function GradeBadge(grade) {
  if (grade == null || grade === "") return MISSING;
  return badge(gradeColor(grade), String(grade));
}
