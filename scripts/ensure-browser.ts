// Before the tests: the end-to-end tests and PDFs need Debian's chromium, a CJK font and poppler's
// pdftotext/pdfinfo (to read the PDFs back). Installs them
// when running as root with apt-get (a fresh CI machine); otherwise says exactly what to run.
import {execSync, spawnSync} from "node:child_process";
import {existsSync} from "node:fs";

const CHROMIUM = process.env.JIXIAO_CHROMIUM ?? "/usr/bin/chromium";
const PACKAGES = ["chromium", "fonts-wqy-microhei", "poppler-utils"];

function hasCjkFont(): boolean {
  const result = spawnSync("fc-list", [":lang=zh"], {encoding: "utf8"});
  return result.status === 0 && result.stdout.trim() !== "";
}

const hasPdfTools = spawnSync("sh", ["-c", "command -v pdftotext && command -v pdfinfo"]).status === 0;
if (!existsSync(CHROMIUM) || !hasCjkFont() || !hasPdfTools) {
  const command = `apt-get update && apt-get install -y ${PACKAGES.join(" ")}`;
  const root = process.getuid?.() === 0;
  const apt = spawnSync("sh", ["-c", "command -v apt-get"]).status === 0;
  if (root && apt) {
    console.error(`安装浏览器与中文字体：${command}`);
    execSync(command, {stdio: "inherit"});
  } else {
    console.error(`端到端测试需要 Debian 的 chromium 与中文字体，请先运行：sudo ${command}`);
    process.exit(1);
  }
}
