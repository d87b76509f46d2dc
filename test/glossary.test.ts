import {readFileSync} from "node:fs";
import {describe, expect, it} from "vitest";
import {glossaryMarkdown} from "../src/glossary.ts";

describe("glossary", () => {
  it("the README shows exactly the glossary of src/glossary.ts", () => {
    const readme = readFileSync(new URL("../README.md", import.meta.url), "utf8");
    const section = /<!-- glossary:start -->\n([\s\S]*?)\n<!-- glossary:end -->/.exec(readme)?.[1];
    expect(section).toBe(glossaryMarkdown());
  });
});
