/**
 * The small Markdown subset of the analyst's prose: `#`/`##`/`###` headings, paragraphs, `-` and `1.`
 * lists, `**bold**`, `---` for a page break, and `<!-- comments -->` (dropped). Anything else is text.
 */
export type Block =
  | {kind: "heading"; level: 1 | 2 | 3; text: string}
  | {kind: "paragraph"; text: string}
  | {kind: "list"; ordered: boolean; items: string[]}
  | {kind: "pagebreak"};

/** Drops `<!-- … -->` comments, keeping their line breaks so later error messages keep line numbers. */
export function stripComments(text: string): string {
  return text.replace(/<!--[\s\S]*?-->/g, (comment) => "\n".repeat(comment.split("\n").length - 1));
}

const HEADING = /^(#{1,3})\s+(.*?)\s*#*\s*$/;
const BULLET = /^\s*[-*+]\s+(.*)$/;
const ORDERED = /^\s*\d+[.．]\s+(.*)$/;

/** Joins wrapped lines: no space between Chinese text, one space between Latin words. */
function joinLines(lines: string[]): string {
  return lines.reduce((text, line) => {
    const next = line.trim();
    if (!text) return next;
    return /[\x00-\x7f]$/.test(text) && /^[\x00-\x7f]/.test(next) ? `${text} ${next}` : text + next;
  }, "");
}

export function parseBlocks(text: string): Block[] {
  const blocks: Block[] = [];
  let paragraph: string[] = [];
  let list: {ordered: boolean; items: string[][]} | null = null;
  const flush = () => {
    if (paragraph.length) blocks.push({kind: "paragraph", text: joinLines(paragraph)});
    if (list) blocks.push({kind: "list", ordered: list.ordered, items: list.items.map(joinLines)});
    paragraph = [];
    list = null;
  };
  for (const raw of text.split(/\r?\n/)) {
    const line = raw.replace(/\s+$/, "");
    if (line.trim() === "") {
      flush();
      continue;
    }
    const heading = HEADING.exec(line);
    if (heading) {
      flush();
      blocks.push({kind: "heading", level: heading[1]!.length as 1 | 2 | 3, text: heading[2]!});
      continue;
    }
    if (/^\s*(---+|\*\*\*+)\s*$/.test(line)) {
      flush();
      blocks.push({kind: "pagebreak"});
      continue;
    }
    const item = BULLET.exec(line) ?? ORDERED.exec(line);
    if (item) {
      const ordered = !BULLET.test(line);
      if (paragraph.length || (list && list.ordered !== ordered)) flush();
      list ??= {ordered, items: []};
      list.items.push([item[1]!]);
      continue;
    }
    if (list && /^\s{2,}\S/.test(raw)) {
      list.items[list.items.length - 1]!.push(line);
      continue;
    }
    if (list) flush();
    paragraph.push(line);
  }
  flush();
  return blocks;
}

export function escapeHtml(text: string): string {
  return text.replaceAll("&", "&amp;").replaceAll("<", "&lt;").replaceAll(">", "&gt;").replaceAll('"', "&quot;");
}

/** Inline text to HTML: escaped, with `**bold**`. */
export function inlineHtml(text: string): string {
  return escapeHtml(text).replace(/\*\*(.+?)\*\*/g, "<strong>$1</strong>");
}
