import { search } from '../../src/advise/index.js';
import { QUESTIONS } from './questions.js';
let ok = 0;
for (const [q, id] of QUESTIONS) { const h = search(q, 3); const hit = h[0]?.id === id; if (hit) ok++; else console.log('MISS', JSON.stringify(q), 'want', id, 'got', h.map(x => `${x.id}:${x.score}`).join(' ')); }
console.log(ok, '/', QUESTIONS.length, (ok / QUESTIONS.length * 100).toFixed(1) + '%');
