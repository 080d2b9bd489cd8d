// zod's JIT probes for eval with a caught `new Function("")`. Our CSP (script-src 'self') blocks it,
// and Firefox reports the blocked eval as a page error even though zod swallows the throw; jitless
// skips the probe. Imported first by main.ts: schemas read the setting when they are constructed.
import { z } from 'zod';

z.config({ jitless: true });
