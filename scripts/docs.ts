// `npm run docs`: regenerates the README's generated sections (the configuration table).
import { readFileSync, writeFileSync } from 'node:fs';
import { withConfigTable } from '../src/configDocs.js';

const before = readFileSync('README.md', 'utf8');
const after = withConfigTable(before);
if (after !== before) writeFileSync('README.md', after);
process.stderr.write(after === before ? 'README.md is up to date\n' : 'README.md regenerated\n');
