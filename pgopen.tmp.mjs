import { PGlite } from '@electric-sql/pglite';
const t0 = performance.now(); const c0 = process.cpuUsage();
const db = await PGlite.create(process.argv[2], { initialMemory: undefined });
await db.query('select 1');
const c = process.cpuUsage(c0);
console.log('wall', (performance.now()-t0).toFixed(0), 'cpu', ((c.user+c.system)/1000).toFixed(0));
await db.close();
