/**
 * The few Markdown constructs of experiment reports, rendered to DOM nodes (no HTML strings,
 * no library): `#` headings, `| a | b |` tables (the `---` row is dropped) and paragraphs.
 */
export function renderMarkdown(markdown: string): HTMLElement[] {
  const out: HTMLElement[] = [];
  let table: HTMLTableElement | undefined;
  let paragraph: string[] = [];
  const flush = () => {
    if (paragraph.length > 0) {
      const p = document.createElement('p');
      p.textContent = paragraph.join(' ').replace(/\*\*|`/g, '');
      out.push(p);
    }
    paragraph = [];
  };
  for (const raw of markdown.split('\n')) {
    const line = raw.trim();
    if (line.startsWith('|')) {
      flush();
      // Cells are split at unescaped bars: `max(1, \|V\|)` is one cell (report.ts escapes them).
      const cells = line
        .replace(/^\||(?<!\\)\|$/g, '')
        .split(/(?<!\\)\|/)
        .map((c) => c.trim().replace(/\\\|/g, '|'));
      if (cells.every((c) => /^:?-+:?$/.test(c))) continue;
      const header = !table;
      if (!table) {
        table = document.createElement('table');
        table.className = 'report';
        out.push(table);
      }
      const row = table.insertRow();
      for (const text of cells) {
        const cell = document.createElement(header ? 'th' : 'td');
        cell.textContent = text.replace(/\*\*|`/g, '');
        row.append(cell);
      }
      continue;
    }
    table = undefined;
    const heading = /^(#{1,6})\s+(.*)$/.exec(line);
    if (heading) {
      flush();
      const h = document.createElement('h3');
      h.textContent = heading[2] ?? '';
      out.push(h);
    } else if (line === '') flush();
    else paragraph.push(line);
  }
  flush();
  return out;
}
