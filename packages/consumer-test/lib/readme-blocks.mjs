// Fenced code blocks from Markdown, with the line each one starts on, so a failure can point at the README.

/**
 * @typedef {object} CodeBlock
 * @property {string} lang The info string's first word, lower-cased ("ts", "tsx", "sh", …).
 * @property {string} code The block's text.
 * @property {number} line The 1-based line of the block's first code line in the Markdown file.
 */

/**
 * Every fenced block (``` or ~~~) in `markdown`.
 * @param {string} markdown
 * @returns {CodeBlock[]}
 */
export function extractBlocks(markdown) {
  const lines = markdown.split(/\r?\n/);
  /** @type {CodeBlock[]} */
  const blocks = [];
  /** @type {{ fence: string, lang: string, start: number, body: string[] } | undefined} */
  let open;
  lines.forEach((text, index) => {
    if (open) {
      if (text.trimStart().startsWith(open.fence) && text.trim().replace(/[`~]/g, "") === "") {
        blocks.push({ lang: open.lang, code: open.body.join("\n") + "\n", line: open.start });
        open = undefined;
      } else {
        open.body.push(text);
      }
      return;
    }
    const fence = /^\s{0,3}(`{3,}|~{3,})\s*([\w-]*)/.exec(text);
    if (fence) open = { fence: fence[1], lang: fence[2].toLowerCase(), start: index + 2, body: [] };
  });
  if (open) throw new Error(`unclosed code block starting at line ${open.start - 1}`);
  return blocks;
}
