#!/usr/bin/env node
// Thin shim: lets `npx jixiao …` run the TypeScript CLI without a build step.
import {register} from "tsx/esm/api";

register();
await import("./cli.ts");
