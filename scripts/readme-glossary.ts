// Writes the glossary table of src/glossary.ts into README.md between its markers.
import {readFileSync, writeFileSync} from "node:fs";
import {glossaryMarkdown} from "../src/glossary.ts";

const file = new URL("../README.md", import.meta.url);
const readme = readFileSync(file, "utf8");
const next = readme.replace(/(<!-- glossary:start -->\n)[\s\S]*?(<!-- glossary:end -->)/, `$1${glossaryMarkdown()}\n$2`);
writeFileSync(file, next);
