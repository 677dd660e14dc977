import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'yaml';

/** The package's `corpus/` directory. */
export const corpusRoot = fileURLToPath(new URL('../../corpus/', import.meta.url));

/** A parsed corpus file and its path relative to the corpus directory. */
export interface CorpusFile {
  readonly name: string;
  readonly data: unknown;
}

/** Every `*.yaml` file under `corpus/<section>/`, sorted by path. */
export function readCorpus(section: 'evaluate' | 'validate' | 'analysis'): CorpusFile[] {
  const root = path.join(corpusRoot, section);
  const files = readdirSync(root, { recursive: true, encoding: 'utf8' })
    .filter((file) => file.endsWith('.yaml'))
    .sort();
  return files.map((file) => ({
    name: `${section}/${file.split(path.sep).join('/')}`,
    data: parse(readFileSync(path.join(root, file), 'utf8')) as unknown,
  }));
}
