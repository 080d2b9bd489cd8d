// The product's name and version, read from package.json (the one place the version is written), for
// the MCP server's info, the OpenAPI document and `adnavi --version`.
import pkg from '../package.json' with { type: 'json' };

export const PRODUCT = { name: pkg.name, version: pkg.version } as const;
