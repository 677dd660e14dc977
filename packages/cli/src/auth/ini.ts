/** An INI file as sections of key/value pairs (the AWS CLI's config and credentials format). */
export type IniSections = Map<string, Map<string, string>>;

/**
 * Parses INI text: `[section]` headers, `key = value` lines, `#` and `;` comment lines. Keys
 * before any section and malformed lines are ignored (the files are written by `gatehouse login`).
 */
export function parseIni(text: string): IniSections {
  const sections: IniSections = new Map();
  let current: Map<string, string> | undefined;
  for (const raw of text.split(/\r?\n/)) {
    const line = raw.trim();
    if (line === '' || line.startsWith('#') || line.startsWith(';')) continue;
    const header = /^\[\s*([^\]]+?)\s*\]$/.exec(line);
    if (header !== null) {
      const name = header[1] ?? '';
      current = sections.get(name) ?? new Map<string, string>();
      sections.set(name, current);
      continue;
    }
    const equals = line.indexOf('=');
    if (current === undefined || equals <= 0) continue;
    current.set(line.slice(0, equals).trim(), line.slice(equals + 1).trim());
  }
  return sections;
}

/** Writes sections as INI text, in insertion order. */
export function formatIni(sections: IniSections): string {
  const blocks: string[] = [];
  for (const [name, values] of sections) {
    const lines = [`[${name}]`];
    for (const [key, value] of values) lines.push(`${key} = ${value}`);
    blocks.push(lines.join('\n'));
  }
  return blocks.length === 0 ? '' : `${blocks.join('\n\n')}\n`;
}
